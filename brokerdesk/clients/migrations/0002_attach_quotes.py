from django.db import migrations

from brokerdesk.clients.backfill import attach_quotes


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0001_initial"),
        ("quotes", "0009_contract_path"),
    ]

    operations = [migrations.RunPython(attach_quotes, migrations.RunPython.noop)]
