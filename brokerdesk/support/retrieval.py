"""BM25 over the sections of the help articles, in pure Python (the corpus is small)."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from brokerdesk.lib.text import fold
from brokerdesk.support.articles import Article, Section, articles

K1, B = 1.4, 0.75
TITLE_WEIGHT = 3  # words of the title count as often as this in each of its sections
# Words too common to tell articles apart, in French, Dutch and English.
STOPWORDS = {
    *"a au aux avec ce ces comment dans de des du elle en est et il ils je la le les leur mais"
    " me mes mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sont sur ta te"
    " tes toi ton tu un une vos votre vous y puis peut faire fait quoi quel quelle quels".split(),
    *"aan al als bij dan dat de den der des die dit door een en er hem het hij hoe ik in is je"
    " kan kun kunnen maar me met mijn naar niet nog of om ons onze op te tot u uw van voor wat"
    " we wie wij zal ze zich zijn zo moet hoeveel waar wanneer welke".split(),
    *"an and are as at be by can do does for from how i if in into is it me my no not of on or"
    " our so than that the their them then there these they this to up us was we what when"
    " where which who why will with you your".split(),
}


def tokens(text: str) -> list[str]:
    """Lower-case, accent-free words cut to 6 letters: a light stemming for three languages."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    return [w[:6] for w in words if w not in STOPWORDS and len(w) > 1]


@dataclass(frozen=True)
class Hit:
    article: Article
    section: Section
    score: float


class Index:
    def __init__(self, language: str) -> None:
        self.passages: list[tuple[Article, Section, Counter[str], int]] = []
        for article in articles(language):
            title = tokens(article.title) * TITLE_WEIGHT
            for section in (Section(article.title, article.intro), *article.sections):
                counts = Counter(tokens(f"{section.heading} {section.text}") + title)
                self.passages.append((article, section, counts, sum(counts.values())))
        n = len(self.passages) or 1
        self.average = sum(p[3] for p in self.passages) / n
        frequency = Counter(term for p in self.passages for term in p[2])
        self.idf = {t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t, df in frequency.items()}

    def search(self, query: str, limit: int = 3) -> list[Hit]:
        """The best passages, at most one per article."""
        terms = set(tokens(query))
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
    return Index(language)
