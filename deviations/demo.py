"""Demo data for the deviation register: anonymous records whose counts are seed 000's.

`fixtures/deviations.toml` holds the source's figures (registered and processed per category in
2015 and 2016, deviations sent to Bærum sykehus); this module generates plausible records that
add up to exactly those figures, always the same ones (a fixed random seed). Records that exist
already (same case reference) are left alone, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from deviations.models import Category, Deviation, Severity, Status
from horeport.demo import read_fixture
from horeport.models import ServiceUnit

SEED = 20161231
LATE_CLOSING_END = datetime.date(2017, 4, 28)  # leftovers are closed in early 2017, or stay open

TEXTS = {
    "Legemiddelavvik": {
        "description": [
            "Morgenmedisin ikke gitt til avtalt tid. Oppdaget ved kveldsvakt.",
            "Feil dose gitt: dosett var pakket etter gammel legemiddelliste.",
            "Legemiddel gitt uten at utdelingen ble signert.",
            "Dosett manglet én tablett ved kontroll.",
            "Medisin gitt til feil tidspunkt på grunn av forsinket besøk.",
            "Ny resept ikke registrert i legemiddelkurven etter legebesøk.",
            "Behovsmedisin gitt uten at effekten ble dokumentert.",
            "Insulin ikke gitt ved kveldsbesøk; besøket falt ut av kjørelisten.",
        ],
        "immediate_action": [
            "Lege kontaktet, fulgte råd om oppfølging.",
            "Medisin gitt så snart feilen ble oppdaget. Bruker observert.",
            "Dosett pakket på nytt og dobbeltkontrollert.",
            "Sykepleier varslet, situasjonen fulgt opp samme dag.",
        ],
        "measures": [
            "Gjennomgått rutine for dobbeltkontroll ved pakking av dosett.",
            "Kjørelisten er endret slik at besøket ikke kan falle ut.",
            "Tema på personalmøte: signering ved utdeling.",
            "Rutine for oppdatering av legemiddelliste etter legebesøk er presisert.",
        ],
        "learning": [
            "Dobbeltkontroll fanger feil som ellers går videre.",
            "Endringer i legemiddellisten må nå alle som deler ut medisin samme dag.",
            "Avviket ble brukt i internopplæringen om legemiddelhåndtering.",
        ],
    },
    "Vold og trusler": {
        "description": [
            "Ansatt ble slått på armen under morgenstell.",
            "Bruker kom med verbale trusler mot ansatt ved hjemmebesøk.",
            "Ansatt ble dyttet i forbindelse med uro på fellesarealet.",
            "Bruker kastet gjenstander mot ansatte under måltid.",
            "Truende oppførsel ved ankomst; ansatte trakk seg ut av boligen.",
            "Ansatt ble klort på hånden under hjelp til påkledning.",
        ],
        "immediate_action": [
            "Situasjonen ble dempet, kollega tilkalt.",
            "Ansatte trakk seg ut og kom tilbake to sammen.",
            "Leder varslet, ansatt fikk oppfølging samme dag.",
            "Skade undersøkt og dokumentert.",
        ],
        "measures": [
            "Tiltaksplan oppdatert: to ansatte ved stell.",
            "Gjennomgang av varselsignaler i personalgruppen.",
            "Bruker vurdert av lege; tilrettelagt dagsrytme.",
            "Kurs i konflikthåndtering for ansatte i avdelingen.",
        ],
        "learning": [
            "Tidlige tegn på uro fanges opp bedre når de deles ved vaktskifte.",
            "Faste rutiner gir færre konflikter i stellsituasjoner.",
            "Debrief etter hendelser gjør at ansatte melder oftere.",
        ],
    },
    "Fall": {
        "description": [
            "Bruker funnet på gulvet ved sengen om natten.",
            "Bruker falt på badet under dusj. Ingen synlig skade.",
            "Fall i gangen på vei til toalettet; slo hodet lett.",
            "Bruker gled ut av stolen under måltid.",
            "Fall utendørs under tur med ansatt.",
            "Bruker falt ved forflytning fra rullestol til seng.",
        ],
        "immediate_action": [
            "Bruker undersøkt av sykepleier, tilsyn gjennom natten.",
            "Lege kontaktet; bruker sendt til legevakt for vurdering.",
            "Hjalp bruker opp med løfteutstyr, observert etter fallet.",
            "Pårørende informert, fall registrert i journal.",
        ],
        "measures": [
            "Sengen er senket og sensormatte lagt ut.",
            "Fallrisikovurdering gjennomført og tiltak lagt inn i planen.",
            "Sklisikre matter på badet og bedre belysning om natten.",
            "Fysioterapeut vurderer balansetrening.",
        ],
        "learning": [
            "Fallrisiko vurderes ved innkomst og ved endret funksjon.",
            "Nattlig tilsyn etter fall avdekker skader som viser seg sent.",
            "Enkle tiltak i miljøet reduserer fall.",
        ],
    },
    "Samhandling med sykehus": {
        "description": [
            "Pasient utskrevet uten epikrise; hjemmetjenesten ikke varslet.",
            "Legemiddelliste ved utskrivning stemte ikke med det pasienten fikk med seg.",
            "Utskrivning meldt sent på fredag, uten tid til å planlegge tjenester.",
            "Pasient sendt hjem uten nødvendige hjelpemidler.",
            "Manglende informasjon om sårbehandling ved utskrivning.",
        ],
        "immediate_action": [
            "Kontaktet avdelingen og fikk ettersendt opplysningene.",
            "Fastlege kontaktet for avklaring av legemiddellisten.",
            "Tjenester satt inn samme kveld.",
        ],
        "measures": [
            "Avviket er sendt sykehuset og drøftet i samarbeidsmøte.",
            "Sykehuset har svart med endret rutine for utskrivning.",
            "Felles rutine for varsling før helg er revidert.",
        ],
        "learning": [
            "Avvik til sykehuset gir læring på begge sider (læringsløyfe).",
            "Tidlig varsel gir tryggere overganger.",
        ],
    },
}
SEVERITY_WEIGHTS = {
    "Legemiddelavvik": (55, 35, 9, 1),
    "Vold og trusler": (35, 45, 17, 3),
    "Fall": (40, 38, 19, 3),
    "Samhandling med sykehus": (30, 50, 17, 3),
}


@dataclass
class Planned:
    """A generated deviation before it gets its case reference."""

    category: str
    registered_on: datetime.date
    processed: bool  # closed by the cut-off date
    to_hospital: bool = False
    order: float = 0.0


def _days(year: int) -> int:
    return (datetime.date(year, 12, 31) - datetime.date(year, 1, 1)).days + 1


def _plan_year(
    rng: random.Random, year: int, category: str, registered: int, processed: int, cutoff: datetime.date
) -> list[Planned]:
    start = datetime.date(year, 1, 1)
    dates = sorted(start + datetime.timedelta(days=rng.randrange(_days(year))) for _ in range(registered))
    # Which ones are not yet processed by the cut-off: the latest for the cut-off's own year
    # (weighted sampling without replacement, Efraimidis–Spirakis), any of them for earlier years.
    unprocessed = registered - processed
    steep = 6 if year == cutoff.year else 0
    weights = [((i + 1) / registered) ** steep for i in range(registered)]
    keys = sorted(range(registered), key=lambda i: rng.random() ** (1 / weights[i]), reverse=True)
    open_indexes = set(keys[:unprocessed])
    return [Planned(category, d, i not in open_indexes, order=rng.random()) for i, d in enumerate(dates)]


def _generate(data: dict) -> dict[str, tuple[Planned, Deviation]]:
    """Every demo deviation, keyed by case reference (always the same ones)."""
    rng = random.Random(SEED)
    cutoff: datetime.date = data["processed_by"]
    years = sorted({int(y) for c in data["categories"] for y in c.get("counts", {})})
    hospital = data["hospital"]
    units = {unit.name: unit for unit in ServiceUnit.objects.all()}
    categories = {category.name: category for category in Category.objects.all()}
    unit_names = {c["name"]: c.get("units", []) for c in data["categories"]}

    generated = {}
    for year in years:
        planned: list[Planned] = []
        for category in data["categories"]:
            registered, processed = category.get("counts", {}).get(str(year), (0, 0))
            planned += _plan_year(rng, year, category["name"], registered, processed, cutoff)
        for _ in range(hospital["counts"].get(str(year), 0)):
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(_days(year)))
            name = "Legemiddelavvik" if rng.random() < 0.25 else hospital["category"]
            planned.append(Planned(name, day, rng.random() < 0.9, to_hospital=True, order=rng.random()))
        planned.sort(key=lambda p: (p.registered_on, p.order))
        for number, item in enumerate(planned, start=1):
            reference = f"AVV-{year}-{number:05d}"
            texts_key = "Samhandling med sykehus" if item.to_hospital else item.category
            deviation = _deviation(rng, item, reference, cutoff, texts_key)
            deviation.category = categories[item.category]
            names = unit_names.get(texts_key) or unit_names[item.category]
            weights = [len(names) - i for i in range(len(names))]
            deviation.unit = units[rng.choices(names, weights)[0]]
            if item.to_hospital:
                deviation.counterpart = hospital["counterpart"]
            generated[reference] = (item, deviation)
    return generated


def _deviation(rng: random.Random, item: Planned, reference: str, cutoff, texts_key: str) -> Deviation:
    texts = TEXTS[texts_key]
    event_lag = rng.choices([0, 1, 2, 3, 5, 7], [55, 25, 8, 6, 4, 2])[0]
    deviation = Deviation(
        reference=reference,
        registered_on=item.registered_on,
        occurred_on=item.registered_on - datetime.timedelta(days=event_lag),
        severity=rng.choices(list(Severity.values), SEVERITY_WEIGHTS[texts_key])[0],
        description=rng.choice(texts["description"]),
        immediate_action=rng.choice(texts["immediate_action"]),
        to_hospital=item.to_hospital,
    )
    if item.processed:
        lag = min(int(rng.expovariate(1 / 12)) + 1, 120)
        closed = item.registered_on + datetime.timedelta(days=lag)
        if closed > cutoff:  # closed by the cut-off, as the source counts it
            closed = item.registered_on + datetime.timedelta(days=rng.randint(0, (cutoff - item.registered_on).days))
        _close(rng, deviation, texts, closed)
    else:
        # Not processed by the cut-off: most are closed in the first months after it, some stay open.
        stays_open = rng.random() < (0.3 if item.registered_on.year < cutoff.year else 0.15)
        if stays_open:
            deviation.status = rng.choice([Status.REGISTERED, Status.IN_PROGRESS])
            if deviation.status == Status.IN_PROGRESS:
                deviation.measures = rng.choice(texts["measures"])
        else:
            start = max(item.registered_on, cutoff) + datetime.timedelta(days=1)
            closed = start + datetime.timedelta(days=rng.randint(0, (LATE_CLOSING_END - start).days))
            _close(rng, deviation, texts, closed)
    return deviation


def _close(rng: random.Random, deviation: Deviation, texts: dict, closed_on: datetime.date) -> None:
    deviation.status = Status.CLOSED
    deviation.closed_on = closed_on
    deviation.measures = rng.choice(texts["measures"])
    deviation.learning = rng.choice(texts["learning"]) if rng.random() < 0.7 else ""


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@transaction.atomic
def load() -> None:
    data = read_fixture("deviations.toml")
    for order, category in enumerate(data["categories"], start=1):
        Category.objects.get_or_create(
            name=category["name"],
            defaults={"description": category.get("description", ""), "sort_order": order * 10},
        )
    for category in data["categories"]:
        for name in category.get("units", []):
            ServiceUnit.objects.get_or_create(name=name)

    expected = _expected_references(data)
    if Deviation.objects.filter(reference__in=expected).count() == len(expected):
        return  # loaded before: nothing to generate
    generated = _generate(data)
    existing = set(Deviation.objects.filter(reference__in=generated).values_list("reference", flat=True))
    missing = [deviation for reference, (_item, deviation) in generated.items() if reference not in existing]
    if not missing:
        return
    Deviation.objects.bulk_create(missing, batch_size=500, history=False)
    _history_create(missing)  # registered, then closed: a history of its own


def _expected_references(data: dict) -> list[str]:
    totals: dict[str, int] = {}
    for category in data["categories"]:
        for year, (registered, _processed) in category.get("counts", {}).items():
            totals[year] = totals.get(year, 0) + registered
    for year, count in data["hospital"]["counts"].items():
        totals[year] = totals.get(year, 0) + count
    return [f"AVV-{year}-{n:05d}" for year, total in totals.items() for n in range(1, total + 1)]


def _history_create(deviations: list[Deviation]) -> None:
    """Two history entries where a deviation moved on: registered, then processed/closed."""
    history = Deviation.history
    final = {d.pk: (d.status, d.closed_on, d.measures, d.learning) for d in deviations}
    moved = [d for d in deviations if d.status != Status.REGISTERED]
    for deviation in deviations:
        deviation._history_date = _noon(deviation.registered_on)
    for deviation in moved:
        deviation.status, deviation.closed_on, deviation.measures, deviation.learning = Status.REGISTERED, None, "", ""
    history.bulk_history_create(deviations, batch_size=500, default_change_reason="Demodata")
    for deviation in moved:
        deviation.status, deviation.closed_on, deviation.measures, deviation.learning = final[deviation.pk]
        when = deviation.closed_on or deviation.registered_on + datetime.timedelta(days=2)
        deviation._history_date = _noon(when)
    history.bulk_history_create(moved, batch_size=500, update=True, default_change_reason="Demodata")
