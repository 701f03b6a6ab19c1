"""Search over every answer of the quotes a user may see, on SQLite (FTS5) or PostgreSQL.

Quote.search_text holds every answer folded to lower case ASCII, followed by the numbers it
holds in one spelling (search_text). SQLite indexes it with an FTS5 trigram table, PostgreSQL
with a pg_trgm GIN index; both find parts of words, the most recently updated first. Queries
go through the same folding and spelling (words_of), so "BE 0403.019.261" finds 0403019261,
"10711" finds 10.711 and "5 413,11 €" finds 5413.11.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from brokerdesk.lib.text import clean_text, fold

if TYPE_CHECKING:
    from brokerdesk.quotes.models import Quote

FTS_TABLE = "quotes_quote_fts"
# The newest matches shown, by the browser's search and the API's alike.
SHOWN = 50
# With at most this many matches in the whole table, SQLite's FTS index narrows a search
# (counting them costs 1 to 3 ms with 20,000 quotes); a word found more often is common enough
# that walking the visible quotes by date soon meets the page's 50 (see search()).
FTS_CANDIDATES = 2000
MAX_WORDS = 8
# Longer than anything a quote holds in one answer; the rest of a longer query is dropped.
MAX_QUERY_LENGTH = 200

# Digits grouped by thousands with spaces, as amounts and enterprise numbers are written:
# "5 413,11", "0403 019 261" (the next group has exactly three digits).
_THOUSANDS_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)+")
# The country prefix of an enterprise number: BE0403019261, BE 403019261.
_BE_PREFIX = re.compile(r"\bbe ?(?=\d{9,10}\b)")


def _one_spelling(match: re.Match[str]) -> str:
    number = match.group()
    separators = set(re.findall(r"[.,]", number))
    groups = re.split(r"[.,]", number)
    if len(separators) == 2:  # 5.413,11 or 5,413.11: the last separator marks the decimals
        return "".join(groups[:-1]) + "." + groups[-1]
    if all(len(group) == 3 for group in groups[1:]):  # 0403.019.261, 10.711, 5.413
        return "".join(groups)
    if len(groups) == 2:  # 413,11 or 5413.11
        return ".".join(groups)
    return number


def numbers_in_one_spelling(folded: str) -> str:
    """Amounts, codes and enterprise numbers as they are stored: "be 0403.019.261" ->
    "0403019261", "5.413,11" -> "5413.11", "10.711" -> "10711"."""
    text = _THOUSANDS_SPACE.sub("", folded)
    return _BE_PREFIX.sub("", _NUMBER.sub(_one_spelling, text))


def search_text(parts: Iterable[str]) -> str:
    """What Quote.search_text holds: the folded answers, then their numbers in one spelling."""
    folded = fold(" ".join(parts))
    known = set(folded.split())
    spelled = [w for w in numbers_in_one_spelling(folded).split() if w not in known]
    return " ".join([folded, *dict.fromkeys(spelled)])


def words_of(query: str) -> list[str]:
    """The words to look for, folded and spelled like the index; "€" and punctuation dropped."""
    # Control characters (NUL included) and lone surrogates never reach the database.
    text = clean_text(query, max_length=MAX_QUERY_LENGTH).replace("€", " ")
    words = numbers_in_one_spelling(fold(text)).replace('"', " ").split()
    return [word for word in words if any(c.isalnum() for c in word)][:MAX_WORDS]


def search(quotes: QuerySet[Quote], query: str) -> QuerySet[Quote]:
    """The visible quotes matching every word of the query, the most recently updated first.

    Newest first lets the database stop at the page's SHOWN: it walks the visible quotes by date
    (the office's or the group's date index) and keeps those whose text holds every word, so a
    common word costs a few hundred rows however many quotes hold it. A rare word would make
    that walk read every visible quote: there the trigram index finds the few that hold it
    (PostgreSQL's planner chooses between the two; on SQLite, _rare_words_through_fts).
    """
    words = words_of(query)
    if not words:
        return quotes.none()
    quotes = quotes.defer("answers", "breakdown", "offer", "search_text")
    for word in words:
        quotes = quotes.filter(search_text__contains=word)
    if connection.vendor == "sqlite":
        quotes = _rare_words_through_fts(quotes, words)
    return quotes.order_by("-updated_at", "-id")


def _rare_words_through_fts(quotes: QuerySet[Quote], words: list[str]) -> QuerySet[Quote]:
    """Narrow to the FTS index's matches when they are few in the whole table.

    SQLite does not weigh the index against the walk by date as PostgreSQL does: ask the index
    for one more than FTS_CANDIDATES matches, and use it only if it has no more. The trigram
    tokenizer needs three characters; the LIKE filters check every word anyway.
    """
    long_words = [word for word in words if len(word) >= 3]
    if not long_words:
        return quotes
    match = " ".join(f'"{word}"' for word in long_words)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s)",
            [match, FTS_CANDIDATES + 1],
        )
        if cursor.fetchone()[0] > FTS_CANDIDATES:
            return quotes
    return quotes.extra(
        where=[f"quotes_quote.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"],
        params=[match],
    )


def reindex(using: str = "default", batch: int = 1000) -> int:
    """Write search_text again for every quote whose text is out of date; return how many.

    Needed when what is indexed changes (the migration that taught search the numbers' other
    spellings runs it). The last-updated date of the quotes does not change.
    """
    from brokerdesk.quotes.models import Quote

    quotes = (
        Quote.objects.using(using)
        .select_related("created_by")
        .only(
            *["reference", "client_name", "status", "answers", "total_annual", "search_text"],
            *["created_by__first_name", "created_by__last_name", "created_by__email"],
        )
        .order_by("pk")
    )
    last, changed = 0, 0
    # Batches by primary key: SQLite must not write a table while a cursor reads it.
    while page := list(quotes.filter(pk__gt=last)[:batch]):
        stale = []
        for quote in page:
            text = search_text(quote.searchable_parts())
            if text != quote.search_text:
                quote.search_text = text
                stale.append(quote)
        Quote.objects.using(using).bulk_update(stale, ["search_text"])
        changed += len(stale)
        last = page[-1].pk
    return changed


def naive_search(quotes: QuerySet[Quote], query: str) -> QuerySet[Quote]:
    """The baseline of the benchmark: icontains over the stored answers, no index."""
    quotes = quotes.annotate(answers_text=Cast("answers", TextField()))
    for word in query.split():
        quotes = quotes.filter(Q(answers_text__icontains=word) | Q(reference__icontains=word))
    return quotes.order_by("-updated_at")


SQLITE_INDEX = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "search_text, content='quotes_quote', content_rowid='id', tokenize='trigram')",
    # External-content FTS tables follow their table through triggers: every save is indexed.
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON quotes_quote BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON quotes_quote BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE OF search_text "
    f"ON quotes_quote BEGIN INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    f"VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
]
POSTGRESQL_INDEX = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS quotes_quote_search_trgm ON quotes_quote "
    "USING gin (search_text gin_trgm_ops)",
]


def ensure_index(using: str = "default") -> None:
    """Create the search index, or repair it: SQLite drops a table's triggers when a migration
    rebuilds the table, and the FTS table must then be rebuilt from the quotes."""
    from django.db import connections

    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in POSTGRESQL_INDEX:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{FTS_TABLE}_%"],
            )
            complete = cursor.fetchone()[0] == 3
            for statement in SQLITE_INDEX:
                cursor.execute(statement)
            if not complete:
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
