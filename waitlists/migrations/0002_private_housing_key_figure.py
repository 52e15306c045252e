# Names: a private housing "measure" is a key figure (nøkkeltall); "measure" means tiltak elsewhere.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("waitlists", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(model_name="privatehousingfigure", name="private_housing_figure_once_per_period"),
        migrations.RenameModel(old_name="PrivateHousingMeasure", new_name="PrivateHousingKeyFigure"),
        migrations.RenameModel(old_name="HistoricalPrivateHousingMeasure", new_name="HistoricalPrivateHousingKeyFigure"),
        migrations.RenameField(model_name="privatehousingfigure", old_name="measure", new_name="key_figure"),
        migrations.RenameField(model_name="historicalprivatehousingfigure", old_name="measure", new_name="key_figure"),
        migrations.AlterModelOptions(
            name="privatehousingfigure",
            options={
                "ordering": ["key_figure__order", "key_figure__name", "period"],
                "verbose_name": "tall for privat boligfremskaffelse",
                "verbose_name_plural": "tall for privat boligfremskaffelse",
            },
        ),
        migrations.AddConstraint(
            model_name="privatehousingfigure",
            constraint=models.UniqueConstraint(
                fields=("key_figure", "period"),
                name="private_housing_figure_once_per_period",
                violation_error_message="Det finnes allerede et antall for dette nøkkeltallet og perioden.",
            ),
        ),
    ]
