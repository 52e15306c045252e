from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("volumes", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="historicalservice", old_name="report_part", new_name="report_table"),
        migrations.RenameField(model_name="service", old_name="report_part", new_name="report_table"),
    ]
