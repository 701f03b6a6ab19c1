"""BM25 over the sections of the help articles, in pure Python (the corpus is small), with
Snowball stems and stop-words per language."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import snowballstemmer

from brokerdesk.lib.text import fold
from brokerdesk.support.articles import Article, Section, articles

K1, B = 1.4, 0.75
TITLE_WEIGHT = 3  # words of the title count as often as this in each of its sections
STEMMERS = {"fr": "french", "nl": "dutch", "en": "english"}
# Words too common to tell articles apart, per language, without accents (compared after
# folding, as brokers often type without them).
STOPWORDS = {
    "fr": set(
        "a ai as au aux avec avez avoir c ca ce cela celle celui ces cet cette comme comment d"
        " dans de des dois doit donc du elle elles en est et etc ete etre eu faire fait faut il"
        " ils j je l la le les leur leurs lui m ma mais me mes moi mon n ne nos notre nous on ont"
        " ou par pas peut peux plus pour pourquoi puis qu quand que quel quelle quelles quels qui"
        " quoi s sa sans se ses si son sont suis sur t ta te tes toi ton tous tout toute tu un"
        " une vais veux vos votre vous y".split()
    ),
    "nl": set(
        "aan al alle als ben bij dan dat de den der des die dit doe doen door een en er heb"
        " hebben heeft hem het hier hij hoe hoeveel hun ik in is je jij jullie kan krijg kun"
        " kunnen maar me men met mij mijn moet moeten na naar niet nog nu of om ons onze ook op"
        " over te toch tot u uw van veel voor waar waarom wanneer wat we welk welke wie wij wil"
        " worden wordt za zal ze zelf zich zij zijn zo zou".split()
    ),
    "en": set(
        "a about am an and any are as at be been but by can could do does for from get has"
        " have how i if in into is it its me my no not of on or our should so than that the"
        " their them then there these they this to up us was we what when where which who"
        " why will with would you your".split()
    ),
}


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMERS[language])


def tokens(text: str, language: str = "fr") -> list[str]:
    """Accent-free words, without stop-words, reduced to their stem (Snowball). The stem is
    taken of the folded word, so "numéros" and "numeros" meet; a final e, s or x that the
    French stemmer keeps on unaccented words ("refusee" -> "refuse") is dropped too."""
    language = language if language in STEMMERS else "fr"
    words = [w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in STOPWORDS[language]]
    stems = _stemmer(language).stemWords([w for w in words if len(w) > 1])
    if language != "fr":
        return stems
    return [s.rstrip("esx") if len(s) > 4 else s for s in stems]


def language_of(text: str, default: str) -> str:
    """The language a question is written in, among the help's: the one whose stop-words and
    article vocabulary it shares most; the interface language when nothing tells."""
    words = set(re.findall(r"[a-z]+", fold(text)))
    scores = {}
    for language in STEMMERS:
        own = set(tokens(text, language)) & index(language).vocabulary
        scores[language] = 2 * len(words & STOPWORDS[language]) + len(own - _shared_words())
    best = max(scores.values())
    if best == 0 or scores.get(default) == best:
        return default if default in STEMMERS else "fr"
    return max(scores, key=scores.__getitem__)


@cache
def _shared_words() -> frozenset[str]:
    """Names every language's help uses alike (brokerdesk, Vivium, PDF...): they tell nothing."""
    vocabularies = [index(language).vocabulary for language in STEMMERS]
    return frozenset(set.intersection(*vocabularies))


@dataclass(frozen=True)
class Hit:
    article: Article
    section: Section
    score: float


class Index:
    def __init__(self, language: str) -> None:
        self.language = language
        self.passages: list[tuple[Article, Section, Counter[str], int]] = []
        for article in articles(language):
            title = tokens(article.title, language) * TITLE_WEIGHT
            for section in (Section(article.title, article.intro), *article.sections):
                counts = Counter(tokens(f"{section.heading} {section.text}", language) + title)
                self.passages.append((article, section, counts, sum(counts.values())))
        n = len(self.passages) or 1
        self.average = sum(p[3] for p in self.passages) / n
        frequency = Counter(term for p in self.passages for term in p[2])
        self.idf = {t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t, df in frequency.items()}
        self.vocabulary = set(frequency)

    def search(self, query: str, limit: int = 3) -> list[Hit]:
        """The best passages, at most one per article."""
        terms = set(tokens(query, self.language))
        scored = []
        for article, section, counts, length in self.passages:
            score = 0.0
            for term in terms & counts.keys():
                tf = counts[term]
                norm = tf + K1 * (1 - B + B * length / self.average)
                score += self.idf[term] * tf * (K1 + 1) / norm
            if score > 0:
                scored.append(Hit(article, section, score))
        scored.sort(key=lambda hit: hit.score, reverse=True)
        best, seen = [], set()
        for hit in scored:
            if hit.article.slug not in seen:
                seen.add(hit.article.slug)
                best.append(hit)
            if len(best) == limit:
                break
        return best


@cache
def index(language: str) -> Index:
    return Index(language if language in STEMMERS else "fr")
