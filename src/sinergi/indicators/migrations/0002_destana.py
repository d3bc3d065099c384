"""Destana built in: the village level and the count of villages formed."""

from django.db import migrations

SOURCE = "Peraturan Kepala BNPB No. 1 Tahun 2012 tentang Pedoman Umum Desa/Kelurahan Tangguh Bencana"


def seed(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Theme = apps.get_model("programs", "Theme")
    level, _created = Indicator.objects.get_or_create(
        code="destana_level",
        defaults={
            "name": "Tingkat Desa/Kelurahan Tangguh Bencana (Destana)",
            "unit": "tingkat",
            "value_type": "level",
            "levels": ["Pratama", "Madya", "Utama"],
            "aggregation": "count_at_or_above",
            "count_threshold": 1,
            "period_type": "year",
            "period_aggregation": "last",
            "direction": "higher",
            "definition": "Tingkat Destana sebuah desa/kelurahan: 0 belum, 1 Pratama, 2 Madya, 3 Utama. "
            "Di atas tingkat desa: jumlah desa/kelurahan yang sudah mencapai Pratama atau lebih.",
            "source": SOURCE,
        },
    )
    formed, _created = Indicator.objects.get_or_create(
        code="destana_formed",
        defaults={
            "name": "Desa/Kelurahan Tangguh Bencana (Destana) terbentuk",
            "unit": "desa/kelurahan",
            "value_type": "number",
            "aggregation": "count_at_or_above",
            "count_input": level,
            "count_threshold": 1,
            "period_type": "year",
            "period_aggregation": "last",
            "direction": "higher",
            "is_key": True,
            "definition": "Jumlah desa/kelurahan yang telah membentuk Destana (tingkat Pratama atau "
            "lebih), atau jumlah yang dilaporkan untuk sebuah wilayah.",
            "method": "Dihitung dari tingkat Destana tiap desa/kelurahan; bila sebuah wilayah "
            "melaporkan jumlahnya sendiri, angka itu yang ditampilkan dan selisihnya terlihat.",
            "source": SOURCE,
        },
    )
    themes = Theme.objects.filter(code__in=["penanggulangan-bencana", "pra-bencana"])
    level.themes.add(*themes)
    formed.themes.add(*themes)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial"), ("programs", "0002_seed_themes")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
