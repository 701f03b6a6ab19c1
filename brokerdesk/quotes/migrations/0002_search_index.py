"""The search index of quotes: FTS5 (trigram) on SQLite, pg_trgm GIN on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE quotes_quote_fts USING fts5("
    "search_text, content='quotes_quote', content_rowid='id', tokenize='trigram')",
    # External-content FTS tables follow their table through triggers: every save is indexed.
    "CREATE TRIGGER quotes_quote_fts_insert AFTER INSERT ON quotes_quote BEGIN "
    "INSERT INTO quotes_quote_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER quotes_quote_fts_delete AFTER DELETE ON quotes_quote BEGIN "
    "INSERT INTO quotes_quote_fts(quotes_quote_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER quotes_quote_fts_update AFTER UPDATE OF search_text ON quotes_quote BEGIN "
    "INSERT INTO quotes_quote_fts(quotes_quote_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO quotes_quote_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS quotes_quote_fts_update",
    "DROP TRIGGER IF EXISTS quotes_quote_fts_delete",
    "DROP TRIGGER IF EXISTS quotes_quote_fts_insert",
    "DROP TABLE IF EXISTS quotes_quote_fts",
]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX quotes_quote_search_trgm ON quotes_quote USING gin (search_text gin_trgm_ops)",
]
POSTGRESQL_REVERSE = ["DROP INDEX IF EXISTS quotes_quote_search_trgm"]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor)
    for statement in statements or []:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}.get(
        schema_editor.connection.vendor
    )
    for statement in statements or []:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("quotes", "0001_quotes")]
    operations = [migrations.RunPython(forwards, backwards)]
