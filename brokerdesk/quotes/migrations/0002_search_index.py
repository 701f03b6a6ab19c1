"""The search index of quotes: FTS5 (trigram) on SQLite, pg_trgm GIN on PostgreSQL.

The same statements run again after every migrate (brokerdesk/quotes/apps.py), which repairs
the index when a later migration rebuilds the quotes table.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from brokerdesk.quotes.search import ensure_index

    ensure_index(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("quotes", "0001_quotes")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
