"""Search learned the other spellings of numbers (BE0403019261, 10711, 5.413,11) and the
everyday words of activities (bakkerij, boulangerie): existing quotes are indexed again.

It runs the search module's own code (the quotes keep their last-updated date); `manage.py
reindex_quotes` does the same at any time.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from brokerdesk.quotes.search import reindex

    reindex(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("quotes", "0005_indicative")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
