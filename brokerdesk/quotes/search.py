"""Search over every answer of the quotes a user may see, on SQLite (FTS5) or PostgreSQL.

Quote.search_text holds every answer folded to lower case without accents. SQLite indexes it
with an FTS5 trigram table (ranked by bm25), PostgreSQL with a pg_trgm GIN index (ranked by the
similarity of the client's name); both find parts of words.
"""

from __future__ import annotations

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast, Lower

from brokerdesk.lib.text import fold
from brokerdesk.quotes.models import Quote

FTS_TABLE = "quotes_quote_fts"
MAX_WORDS = 8


def words_of(query: str) -> list[str]:
    return [w.replace('"', "") for w in fold(query).split() if w.strip('"')][:MAX_WORDS]


def search(quotes: QuerySet[Quote], query: str) -> QuerySet[Quote]:
    """The quotes matching every word of the query, best first (as rows of a results table)."""
    words = words_of(query)
    if not words:
        return quotes.none()
    quotes = quotes.defer("answers", "breakdown", "offer", "search_text")
    if connection.vendor == "postgresql":
        return _search_postgresql(quotes, words)
    return _search_sqlite(quotes, words)


def _search_postgresql(quotes: QuerySet[Quote], words: list[str]) -> QuerySet[Quote]:
    for word in words:
        quotes = quotes.filter(search_text__contains=word)
    # Ranked by how well the client's name matches, then the newest: the whole answer text
    # would rank marginally better at several times the cost.
    rank = TrigramWordSimilarity(" ".join(words), Lower("client_name"))
    return quotes.annotate(rank=rank).order_by("-rank", "-updated_at")


def _search_sqlite(quotes: QuerySet[Quote], words: list[str]) -> QuerySet[Quote]:
    # The trigram tokenizer needs three characters; shorter words are matched with LIKE.
    long_words = [w for w in words if len(w) >= 3]
    for word in words:
        if len(word) < 3:
            quotes = quotes.filter(search_text__contains=word)
    if not long_words:
        return quotes.order_by("-updated_at")
    match = " ".join(f'"{word}"' for word in long_words)
    # A join on the FTS table: SQLite reads the index once and ranks with bm25 as it goes.
    return quotes.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = quotes_quote.id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
        select={"rank": f"bm25({FTS_TABLE})"},
        order_by=["rank", "-updated_at"],
    )


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
