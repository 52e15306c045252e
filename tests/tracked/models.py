"""Two small models that use the shared tracking piece, as the apps' figures and entries do."""

from django.db import models

from horeport.fields import PeriodField
from horeport.models import TrackedModel


class Figure(TrackedModel):
    name = models.CharField("navn", max_length=50)
    period = PeriodField("periode")
    value = models.DecimalField("verdi", max_digits=12, decimal_places=2, null=True, blank=True)


class Entry(TrackedModel):
    lock_field = "registered_on"

    reference = models.CharField("saksnummer", max_length=20)
    registered_on = models.DateField("registrert")
