"""Demo data of a second municipality for the målekart app: the figures the text of seed 003
(Stavanger kommune, Årsrapport 2017, 5.5.1 Helse- og sosialkontor) states, as key figures with the
year (or month) they belong to, for `load_demo --municipality stavanger`. Idempotent.

The report's chapters show them through figure references (reports/demo_stavanger.py), so each is
stated once, here. What the text gives only as an approximation ("vel 460", "cirka 60") is stored
as the number and the description says so; the chapter keeps the text's own "vel"/"cirka". Figures
the text gives only as a change ("en økning på 8 prosent siden 2015", "antall opphold økte med 9,9
prosent") have no stored value to compute them from and stay words of the chapter.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from horeport.demo import upsert
from horeport.periods import Period
from kpi.models import KeyFigure, KeyFigureValue

SOURCE = "Årsrapport 2017, 5.5.1 Helse- og sosialkontor."

# (name, unit, frequency, description, {period: (value, comment)})
KEY_FIGURES = [
    (
        "Brukere med opplæring i hverdagsmestring",
        "brukere",
        "year",
        "Brukere som fikk opplæring gjennom hverdagsmestring av hjemmesykepleien. Tallet for 2015 gjelder "
        "april–desember, ikke hele året; for 2016 sier rapporten bare at tallet var stabilt.",
        {"2015": (330, "April–desember 2015, ikke hele året."), "2017": (560, "")},
    ),
    (
        "Brukere med hverdagsrehabilitering",
        "brukere",
        "year",
        "Brukere som mottok hverdagsrehabilitering. Omtrentlig: rapporten sier «vel 460» for 2017.",
        {"2017": (460, "Omtrentlig: «vel 460».")},
    ),
    (
        "Brukere som tok i bruk elektronisk medisindispenser",
        "brukere",
        "year",
        "Brukere som kom i gang med elektroniske medisindispensere i stedet for medisinutdeling fra "
        "hjemmetjenesten. Omtrentlig: rapporten sier «cirka 60» for 2017.",
        {"2017": (60, "Omtrentlig: «cirka 60».")},
    ),
    (
        "Brukere fulgt opp etter Felles bruker – felles innsats",
        "brukere",
        "year",
        "Brukere som fikk oppfølging etter den tverrfaglige modellen Felles bruker – felles innsats.",
        {"2017": (50, "")},
    ),
    (
        "Uten hjemmesykepleie en måned før hverdagsrehabilitering",
        "%",
        "year",
        "Andel av brukerne med hverdagsrehabilitering som ikke hadde hjemmesykepleie en måned før "
        "(hverdagsrehabilitering som første innsats).",
        {"2016": (37, ""), "2017": (40, "")},
    ),
    (
        "Uten hjemmesykepleie seks måneder etter hverdagsrehabilitering",
        "%",
        "year",
        "Andel av brukerne med hverdagsrehabilitering som klarte seg uten hjemmesykepleie seks måneder etter oppstart.",
        {"2016": (51, ""), "2017": (55, "")},
    ),
    (
        "Venter hjemme på langtidsplass",
        "%",
        "month",
        "Andel av dem som venter på langtidsplass på sykehjem, som venter hjemme med hjelp fra "
        "hjemmebaserte tjenester. Rapporten gir andelen «ved oppstarten av 2017» og «ved utgangen av året», "
        "uten dato: ført på januar og desember 2017, så månedene er omtrentlige.",
        {
            "2017-01": (12, "«Ved oppstarten av 2017» (dato ikke oppgitt)."),
            "2017-12": (25, "«Ved utgangen av året» (dato ikke oppgitt)."),
        },
    ),
    (
        "Plasser i Housing First",
        "brukere",
        "year",
        "Plasser i bo-oppfølgingsmodellen Housing First, talt i brukere (én plass, én bruker), som rapporten "
        "teller dem: målet for 2017 var 20 brukere, og det ble nådd.",
        {"2017": (20, "")},
    ),
    (
        "Housing First: svarte 10 på en skala fra 1 til 10",
        "%",
        "year",
        "Andel av dem som svarte på spørreskjemaet i evalueringen høsten 2017, som krysset av for 10 på en "
        "skala fra 1 til 10 for hvor fornøyde de var.",
        {"2017": (67, "Evalueringen høsten 2017.")},
    ),
    (
        "Tett på!: rushistorikk kortere enn 2 år",
        "%",
        "year",
        "Andel av personene prosjektmedarbeiderne i Tett på! – Ytelsessjokk for ungdom hadde kontakt med i "
        "året, som hadde en rushistorikk kortere enn 2 år.",
        {"2017": (7, "")},
    ),
    (
        "Tett på!: rushistorikk lenger enn 2 år",
        "%",
        "year",
        "Andel av personene prosjektmedarbeiderne i Tett på! – Ytelsessjokk for ungdom hadde kontakt med i "
        "året, som hadde en rushistorikk lenger enn 2 år.",
        {"2017": (93, "")},
    ),
]


@transaction.atomic
def load() -> None:
    for order, (name, unit, frequency, description, values) in enumerate(KEY_FIGURES, start=1):
        figure = upsert(
            KeyFigure,
            {"name": name},
            {
                "unit": unit,
                "decimals": 0,
                "frequency": frequency,
                "description": f"{description} Kilde: {SOURCE}",
                "sort_order": order * 10,
            },
        )
        for period, (value, comment) in values.items():
            upsert(
                KeyFigureValue,
                {"key_figure": figure, "period": Period.parse(period)},
                {"value": Decimal(value), "comment": comment},
            )
