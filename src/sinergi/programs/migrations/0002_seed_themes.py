"""Seed the theme taxonomy. Themes are editable data; this only adds the ones that are missing."""

from django.db import migrations

# (code, name, group, parent code, order)
THEMES = [
    ("pelayanan-publik", "Penyelenggaraan pelayanan publik", "priority", None, 1),
    ("penanggulangan-kemiskinan", "Penanggulangan kemiskinan", "priority", None, 2),
    ("penanganan-stunting", "Penanganan stunting", "priority", None, 3),
    ("penanggulangan-bencana", "Penanggulangan bencana", "sector", None, 1),
    ("adminduk", "Pelayanan administrasi kependudukan (Adminduk)", "sector", None, 2),
    ("kapasitas-aparatur-desa", "Peningkatan kapasitas aparatur desa/kelurahan dan LKD", "sector", None, 3),
    ("pemberdayaan-ekonomi", "Pemberdayaan usaha ekonomi masyarakat", "sector", None, 4),
    ("pencegahan-perkawinan-anak", "Pencegahan perkawinan anak", "sector", None, 5),
    ("pra-bencana", "Pra-bencana (sosialisasi, mitigasi)", "disaster_stage", "penanggulangan-bencana", 1),
    ("tanggap-darurat", "Tanggap darurat", "disaster_stage", "penanggulangan-bencana", 2),
    ("pasca-bencana", "Pasca-bencana", "disaster_stage", "penanggulangan-bencana", 3),
    ("pokja-1", "Pokja I", "pokja", None, 1),
    ("pokja-2", "Pokja II", "pokja", None, 2),
    ("pokja-3", "Pokja III", "pokja", None, 3),
    ("pokja-4", "Pokja IV", "pokja", None, 4),
    ("pkk-pancasila", "Penghayatan dan pengamalan Pancasila", "pokok_pkk", "pokja-1", 1),
    ("pkk-gotong-royong", "Gotong royong", "pokok_pkk", "pokja-1", 2),
    ("pkk-pangan", "Pangan", "pokok_pkk", "pokja-3", 3),
    ("pkk-sandang", "Sandang", "pokok_pkk", "pokja-3", 4),
    ("pkk-perumahan", "Perumahan dan tata laksana rumah tangga", "pokok_pkk", "pokja-3", 5),
    ("pkk-pendidikan", "Pendidikan dan keterampilan", "pokok_pkk", "pokja-2", 6),
    ("pkk-kesehatan", "Kesehatan", "pokok_pkk", "pokja-4", 7),
    ("pkk-koperasi", "Pengembangan kehidupan berkoperasi", "pokok_pkk", "pokja-2", 8),
    ("pkk-lingkungan", "Kelestarian lingkungan hidup", "pokok_pkk", "pokja-4", 9),
    ("pkk-perencanaan-sehat", "Perencanaan sehat", "pokok_pkk", "pokja-4", 10),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("programs", "Theme")
    by_code = {}
    for code, name, group, parent, order in THEMES:
        theme, _created = Theme.objects.get_or_create(
            code=code,
            defaults={"name": name, "group": group, "order": order, "parent": by_code.get(parent)},
        )
        by_code[code] = theme


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
