"""Counts by Destana level: the villages at Madya or above and at Utama, derived from each
village's Destana level like the count of villages formed (Pratama or above)."""

from django.db import migrations

SOURCE = "Peraturan Kepala BNPB No. 1 Tahun 2012 tentang Pedoman Umum Desa/Kelurahan Tangguh Bencana"
COUNTS = {
    "destana_madya": (
        2,
        "Destana tingkat Madya atau Utama",
        "Jumlah desa/kelurahan yang mencapai Destana tingkat Madya atau lebih tinggi.",
    ),
    "destana_utama": (
        3,
        "Destana tingkat Utama",
        "Jumlah desa/kelurahan yang mencapai Destana tingkat Utama.",
    ),
}


def seed(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Theme = apps.get_model("programs", "Theme")
    level = Indicator.objects.filter(code="destana_level").first()
    if level is None:
        return
    themes = list(Theme.objects.filter(code__in=["penanggulangan-bencana", "pra-bencana"]))
    for code, (threshold, name, definition) in COUNTS.items():
        count, created = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": "desa/kelurahan",
                "value_type": "number",
                "aggregation": "count_at_or_above",
                "count_input": level,
                "count_threshold": threshold,
                "period_type": "year",
                "period_aggregation": "last",
                "direction": "higher",
                "definition": definition,
                "method": "Dihitung dari tingkat Destana tiap desa/kelurahan (tidak diisi untuk "
                "desa/kelurahan); bila sebuah wilayah melaporkan jumlahnya sendiri, angka itu yang "
                "ditampilkan dan selisihnya terlihat.",
                "source": SOURCE,
            },
        )
        if created:
            count.themes.add(*themes)


def unseed(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(code__in=COUNTS, values__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0006_no_village_summaries"), ("programs", "0002_seed_themes")]

    operations = [migrations.RunPython(seed, unseed)]
