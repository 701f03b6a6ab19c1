"""Producer number formats become the insurer's data: a pattern plus words in three languages.

The old format was an insurer's kind of characters (digits, or letters and digits) and each
product's exact length. Each insurer gets the pattern of its products' most common length; a
product of another length keeps its meaning through its own pattern.
"""

import re
from collections import Counter

from django.db import migrations, models

import brokerdesk.catalogue.models

CHARACTERS = {"digits": r"\d", "alphanumeric": "[A-Z0-9]"}
WORDS = {
    "digits": ("{n} chiffres", "{n} cijfers", "{n} digits"),
    "alphanumeric": ("{n} lettres ou chiffres", "{n} letters of cijfers", "{n} letters or digits"),
}


def _format(kind, length):
    fr, nl, en = (words.format(n=length) for words in WORDS[kind])
    return {
        "producer_number_pattern": f"{CHARACTERS[kind]}{{{length}}}",
        "producer_number_description_fr": fr,
        "producer_number_description_nl": nl,
        "producer_number_description_en": en,
    }


def lengths_to_patterns(apps, schema_editor):
    Insurer = apps.get_model("catalogue", "Insurer")
    for insurer in Insurer.objects.all():
        kind = insurer.producer_number_format
        products = list(insurer.products.all())
        lengths = Counter(product.producer_number_length for product in products)
        usual = lengths.most_common(1)[0][0] if lengths else 6
        Insurer.objects.filter(pk=insurer.pk).update(**_format(kind, usual))
        for product in products:
            if product.producer_number_length != usual:
                fields = _format(kind, product.producer_number_length)
                type(product).objects.filter(pk=product.pk).update(**fields)


def patterns_to_lengths(apps, schema_editor):
    # Back to the old fields where a pattern says "N digits" or "N letters or digits".
    Insurer = apps.get_model("catalogue", "Insurer")
    for insurer in Insurer.objects.all():
        kind = "alphanumeric" if "A-Z" in insurer.producer_number_pattern else "digits"
        Insurer.objects.filter(pk=insurer.pk).update(producer_number_format=kind)
        for product in insurer.products.all():
            pattern = product.producer_number_pattern or insurer.producer_number_pattern
            length = re.search(r"\{(\d+)", pattern)
            product.producer_number_length = int(length.group(1)) if length else 6
            product.save(update_fields=["producer_number_length"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0002_insurer_producer_number_format_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="insurer",
            name="producer_number_description_en",
            field=models.CharField(
                blank=True,
                default="6 digits",
                help_text="Montré sous le champ et dans son message d'erreur : « 4 à 6 chiffres ».",
                max_length=200,
                verbose_name="Format en mots (anglais)",
            ),
        ),
        migrations.AddField(
            model_name="insurer",
            name="producer_number_description_fr",
            field=models.CharField(
                default="6 chiffres",
                help_text="Montré sous le champ et dans son message d'erreur : « 4 à 6 chiffres ».",
                max_length=200,
                verbose_name="Format en mots (français)",
            ),
        ),
        migrations.AddField(
            model_name="insurer",
            name="producer_number_description_nl",
            field=models.CharField(
                blank=True,
                default="6 cijfers",
                help_text="Montré sous le champ et dans son message d'erreur : « 4 à 6 chiffres ».",
                max_length=200,
                verbose_name="Format en mots (néerlandais)",
            ),
        ),
        migrations.AddField(
            model_name="insurer",
            name="producer_number_pattern",
            field=models.CharField(
                default="\\d{6}",
                help_text="Expression régulière que le numéro entier (sans espaces) doit suivre, par exemple \\d{4,6} pour 4 à 6 chiffres.",
                max_length=200,
                validators=[brokerdesk.catalogue.models.validate_pattern],
                verbose_name="Format du numéro de producteur",
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="producer_number_description_en",
            field=models.CharField(
                blank=True,
                help_text="Montré sous le champ et dans son message d'erreur : « 4 à 6 chiffres ».",
                max_length=200,
                verbose_name="Format en mots (anglais)",
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="producer_number_description_fr",
            field=models.CharField(
                blank=True,
                help_text="Montré sous le champ et dans son message d'erreur : « 4 à 6 chiffres ».",
                max_length=200,
                verbose_name="Format en mots (français)",
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="producer_number_description_nl",
            field=models.CharField(
                blank=True,
                help_text="Montré sous le champ et dans son message d'erreur : « 4 à 6 chiffres ».",
                max_length=200,
                verbose_name="Format en mots (néerlandais)",
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="producer_number_pattern",
            field=models.CharField(
                blank=True,
                help_text="Expression régulière que le numéro entier (sans espaces) doit suivre, par exemple \\d{4,6} pour 4 à 6 chiffres.",
                max_length=200,
                validators=[brokerdesk.catalogue.models.validate_pattern],
                verbose_name="Format du numéro de producteur",
            ),
        ),
        migrations.RunPython(lengths_to_patterns, patterns_to_lengths),
        migrations.RemoveField(
            model_name="insurer",
            name="producer_number_format",
        ),
        migrations.RemoveField(
            model_name="product",
            name="producer_number_length",
        ),
    ]
