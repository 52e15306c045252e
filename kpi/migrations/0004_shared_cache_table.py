"""The table of the shared cache (settings.CACHES, the database's when no REDIS_URL is set): what
the målekart keeps between requests lives there, shared by every process and kept over a restart."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("kpi", "0003_indicator_computation")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
