from django.db import migrations, models

import rating


def mark_indicative(apps, schema_editor):
    """Quotes priced before the flag existed: their breakdown's tariff version tells."""
    Quote = apps.get_model("quotes", "Quote")
    priced = Quote.objects.filter(breakdown__isnull=False).only("pk", "breakdown")
    indicative = [
        quote.pk
        for quote in priced.iterator()
        if quote.breakdown and rating.quote_from_dict(quote.breakdown).indicative
    ]
    for start in range(0, len(indicative), 500):  # within SQLite's limit on query parameters
        Quote.objects.filter(pk__in=indicative[start : start + 500]).update(indicative=True)


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0004_drafts"),
    ]

    operations = [
        migrations.AddField(
            model_name="quote",
            name="indicative",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_indicative, migrations.RunPython.noop),
    ]
