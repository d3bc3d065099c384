"""Villages have no stored summaries any more: a village's figures are read from its values
(`indicators/villages.py`). Summaries are derived rows, so removing them loses nothing; going
back to 0005 needs `sinergi rollup --rebuild` afterwards to write them again."""

from django.db import migrations

# Kemendagri village codes are 13 characters (52.03.05.2001); no other level's are.
DELETE = "DELETE FROM indicators_aggregate WHERE LENGTH(region_id) = 13"


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_lighter_value_writes")]

    operations = [migrations.RunSQL(DELETE, reverse_sql=migrations.RunSQL.noop)]
