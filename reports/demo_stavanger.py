"""Demo data of a second municipality for reports (seed 003: Stavanger kommune, Årsrapport 2017,
5.5.1 Helse- og sosialkontor), for `load_demo --municipality stavanger` on an empty database.

The Årsrapport (the kind "annual", as `render_report annual 2017` names it) becomes the seed's
report: its chapters in the seed's order, then the economy section with the seed's "Økonomi" text
as its commentary. The kind's other sections are left in its set-up after them, taken out of the
report (an administrator may take them in again). Every sentence is the seed's own; each figure the data
holds is written as a figure reference (horeport/figures.py), filled from the key figures
(kpi/demo_stavanger.py) and the economy figures (economy/demo_stavanger.py) when the report is
built. The text's "vel" and "cirka" stay words of the text. Figures the data cannot give (a change
in percent with no stored base, parts of the result without a frame) stay as the seed writes them.
Idempotent: nothing is saved twice, and a text someone has written is never replaced.
"""

from __future__ import annotations

from django.db import transaction

from reports.chapters import free_chapter_key
from reports.defaults import report_kinds_ensure
from reports.demo import texts_ensure
from reports.models import ReportKind, ReportKindSection

KIND = "annual"
PERIOD = "2017"
ECONOMY = "economy.overview"


def _key_figure(name: str, period: str = PERIOD) -> str:
    return f"[[nøkkeltall: {name} {period}]]"


HVERDAGSMESTRING = "Brukere med opplæring i hverdagsmestring"
MONTH_BEFORE = "Uten hjemmesykepleie en måned før hverdagsrehabilitering"
SIX_MONTHS_AFTER = "Uten hjemmesykepleie seks måneder etter hverdagsrehabilitering"
WAITING_AT_HOME = "Venter hjemme på langtidsplass"

_LEVE_HELE_LIVET = "\n\n".join([
    "Helse- og sosialkontorene vurderer rehabiliteringspotensialet hos alle brukere som søker helse- og "
    "omsorgstjenester, og motiverer brukere og pårørende til å ta i mot nye tjenester som bidrar til "
    "egenmestring, herunder velferdsteknologi. Dette er i tråd med nytt rundskriv fra Helse- og "
    "omsorgsdepartementet som presiserer nødvendigheten av å utrede rehabiliteringsbehov og -potensial, før "
    "det iverksettes tiltak som kompenserer for tap av funksjonsevne.",
    "I 2017 var det en økning i tallet på brukere som mottar tiltak og tjenester som skal bidra til "
    f"selvstendighet og mestring. {_key_figure(HVERDAGSMESTRING)} fikk opplæring gjennom hverdagsmestring av "
    f"hjemmesykepleien, opp fra {_key_figure(HVERDAGSMESTRING, '2015')} i 2015 (april-desember) og stabilt "
    f"sammenlignet med 2016. Vel {_key_figure('Brukere med hverdagsrehabilitering')} mottok "
    "hverdagsrehabilitering, en økning på 8 prosent siden 2015. Cirka "
    f"{_key_figure('Brukere som tok i bruk elektronisk medisindispenser')} kom i gang med elektroniske "
    "medisindispensere som erstatning for medisinutdeling fra hjemmetjenesten, mens "
    f"{_key_figure('Brukere fulgt opp etter Felles bruker – felles innsats')} fikk oppfølging etter den "
    "tverrfaglige modellen Felles bruker – felles innsats.",
    "Det var også en positiv utvikling i antall brukere som får hverdagsrehabilitering som første innsats. "
    f"I 2017 var det {_key_figure(MONTH_BEFORE)} av brukerne som ikke hadde hjemmesykepleie en måned før "
    f"hverdagsrehabilitering, sammenlignet med {_key_figure(MONTH_BEFORE, '2016')} i 2016. I tillegg var det "
    "flere som klarte seg uten hjemmesykepleie seks måneder etter oppstart; "
    f"{_key_figure(SIX_MONTHS_AFTER)} i 2017 mot {_key_figure(SIX_MONTHS_AFTER, '2016')} i 2016.",
])  # fmt: skip

_KOORDINERENDE_ENHET = (
    "En styrking av helse- og sosialkontorene som koordinerende enhet startet opp i november 2017. Styrkingen "
    "skal bidra til at innbyggere med behov for omfattende og/eller langvarige tjenester får godt koordinerte "
    "forløp. Implementering av anbefalingene i Veileder om oppfølging av personer med store og sammensatte "
    "behov, som kom i slutten av november, vil stå sentralt i dette arbeidet framover."
)

_RAMMER = (
    "Oppdragsbrevet, som er ett av styringsverktøyene til helse- og sosialkontorene, ble videreført i 2017 med "
    "innsatsområder tilpasset utfordringene og tiltakene som ble identifisert i handlings- og økonomiplanen. "
    "Oppdragsbrevet har vist seg å være et godt verktøy for å sikre at driften tilpasses til tilgjengelige "
    "rammer, og at prioriterte satsinger blir implementert."
)

_SAMHANDLING = "\n\n".join([
    "Fra 1. januar 2017 ble antallet virksomheter i hjemmebaserte tjenester redusert fra seks til fire. Etter "
    "omorganiseringen dekker de fire virksomhetene de samme geografiske områdene som helse- og "
    "sosialkontorene, noe som styrker samhandlingen mellom forvaltning og utførerleddet.",
    "Hillevåg og Hinna helse- og sosialkontor og Hillevåg og Hinna hjemmebaserte tjenester startet mot slutten "
    "av 2017 et pilotprosjekt for å prøve ut relasjonell koordinering, en metode for å styrke samhandlingen "
    "knyttet til felles brukere. Hensikten med pilotprosjektet er å vurdere om metodikken er et nyttig verktøy "
    "for å styrke samhandlingen på en måte som fører til økt kvalitet for brukerne, mer fornøyde ansatte og "
    "bedre utnyttelse av ressursene.",
])  # fmt: skip

_KORTTIDSPLASSER = (
    "I 2017 økte sirkulasjonen i korttidsplasser på sykehjem. Antall opphold økte med 9,9 prosent sammenlignet "
    "med 2016. Det er viktig med god sirkulasjon i korttidsplassene for å kunne ta i mot utskrivningsklare "
    "pasienter fra sykehuset fra dag en. Det er også en positiv trend at flere bor i eget hjem mens de venter "
    f"på langtidsplass. Ved oppstarten av 2017 ventet {_key_figure(WAITING_AT_HOME, '2017-01')} hjemme med "
    "hjelp fra hjemmebaserte tjenester. Ved utgangen av året hadde denne andelen steget til "
    f"{_key_figure(WAITING_AT_HOME, '2017-12')}."
)

_BOFELLESSKAP = "\n\n".join([
    "Ny finansieringsmodell for bofellesskapene ble innført 1. januar 2017. I tillegg til forenkling og mindre "
    "detaljstyrt tildeling, gir finansieringsmodellene større økonomisk forutsigbarhet for bofellesskapene, og "
    "mindre administrasjon for helse- og sosialkontorene og bofellesskapene.",
    "Fra 1. juli 2017 startet Stavanger kommune et ettårig prosjekt med sentral tildeling av plasser i "
    "bofellesskap psykisk helse, ROP-lidelser (rus og psykiatri), utviklingshemming og plasser i barne- og "
    "ungdomsbolig. En sentral koordinator har oversikt over ventelister for brukere med behov for "
    "bofellesskap, en samlet oversikt over hvilke typer bofelleskapstilbud som finnes, og tildeler plass etter "
    "at helse- og sosialkontoret har fattet vedtak om tjenesten.",
    "I samarbeid med bofellesskapsvirksomhetene har sentral koordinator i prosjektets første seks måneder vært "
    "konsentrert på brukere som kan klare seg med tjenester på et lavere omsorgsnivå enn det de mottar per i "
    "dag. Dette for å fristille plasser i bofellesskapene til brukere med større behov for hjelp. I denne "
    "perioden er det også etablert et tett samarbeid med spesialisthelsetjenesten når det gjelder "
    "utskrivningsklare pasienter som venter på plass i bofellesskap.",
])  # fmt: skip

_RUS_OG_PSYKISKE_LIDELSER = "\n\n".join([
    "Stavanger kommune har prøvd ut bo-oppfølgingsmodellen Housing First siden 2015. Etter midtveisevaluering i "
    "2016 var målet å øke antall plasser i tilbudet til "
    f"{_key_figure('Plasser i Housing First')} i løpet av 2017, et mål som ble nådd.",
    "Høsten 2017 ble det gjennomført en evaluering av Housing First. Evalueringen viste at brukerne var "
    f"fornøyde med tilbudet. {_key_figure('Housing First: svarte 10 på en skala fra 1 til 10')} av de som "
    "svarte på spørreskjemaet, krysset av for 10 på en skala fra 1-10 med tanke på hvor fornøyde de var. "
    "Brukerne oppga det å få bolig og oppfølging i boligen som områder det har vært viktig å få hjelp og "
    "støtte til.",
    "Housing First oppleves som et godt supplement til andre kommunale tilbud til denne målgruppen. Et "
    "suksesskriterium har vært at teamet kan bruke lang tid på å finne ut om brukeren er motivert til å ta i "
    "mot hjelp fra dem, og at brukerne selv bestemmer hvilken hjelp de har behov for.",
    "Tett på! – Ytelsessjokk for ungdom, er et prosjekt knyttet til helse- og sosialkontorene. Målet med "
    "prosjektet er å nå unge som står i fare for å utvikle, eller som har, et rusproblem. Av personene som "
    "prosjektmedarbeiderne har hatt kontakt med i 2017, hadde "
    f"{_key_figure('Tett på!: rushistorikk kortere enn 2 år')} en kortere rushistorikk enn 2 år, mens "
    f"{_key_figure('Tett på!: rushistorikk lenger enn 2 år')} hadde en rushistorikk lenger enn 2 år. En "
    "utfordring i arbeidet er at motivasjonen svinger. Når motivasjonen er til stede, gis det imidlertid "
    "fleksibel og tett oppfølging.",
])  # fmt: skip

HOME_SERVICES = "Hjemmebaserte tjenester"  # a budget area of economy/demo_stavanger.py

_OKONOMI = "\n\n".join([
    "Regnskapsresultatet for helse- og sosialkontorene viser et merforbruk på [[økonomi: merforbruk 2017]] av "
    "en samlet ramme på [[økonomi: ramme 2017]]. Dette utgjør en forbruksprosent på "
    "[[økonomi: forbruksprosent 2017]]. Inkludert i budsjettrammen ligger vedtatte budsjettjusteringer fra 1. "
    "og 2. tertialbehandling på totalt [[økonomi: justeringer 2017]].",
    "Når det gjelder tjenesteproduksjonen viser den et vesentlig budsjettmessig avvik knyttet til kjøp fra "
    "eksterne leverandører, og merforbruket utgjør til sammen kr 25,5 mill. De tjenestene som dette gjelder er "
    "bolig med kjøpte heldøgnstjenester, fritt brukervalg av private aktører innen brukerstyrt personlig "
    "assistanse (BPA), samt kjøp av avlastningstiltak fra eksterne. De to førstnevnte har i 2017 ikke hatt en "
    "særlig kostnadsvekst, men helårseffekten av endringer i brukersammensetningen tilbake fra 2016 har ikke "
    "vært mulig å dekke inn innenfor eksisterende ramme i 2017. For kjøp av avlastningstiltak fra eksterne har "
    "det vært en kostnadsvekst i 2017 som følge av flere brukere med behov for denne tjenesten.",
    "For de tradisjonelle hjemmebaserte tjenestene har nivået i 2017 stabilisert seg etter at det i både 2015 "
    "og særlig i 2016 ble arbeidet særlig knyttet til å tilpasse disse tjenestene til de økonomiske rammene, "
    "med særlig oppmerksomhet på tiltak knyttet til hverdagsmestring og hjelp til selvhjelp i tråd med "
    "kommunens vedtatte satsing «leve HELE LIVET». Regnskapsresultatet viser et mindreforbruk på "
    f"[[økonomi: mindreforbruk {HOME_SERVICES} 2017]] for disse tjenestene, noe som utgjør en forbruksprosent "
    f"på [[økonomi: forbruksprosent {HOME_SERVICES} 2017]] i forhold til rammen på "
    f"[[økonomi: ramme {HOME_SERVICES} 2017]].",
    "Lønns- og driftsutgifter på kontorene knyttet til både administrativt ansatte og timeavlønnet "
    "omsorgspersonell viser et mindreforbruk på kr 2,5 mill. Dette skyldes hovedsakelig vakanse på sentrale "
    "lederstillinger på to av kontorene, samt mindreforbruk på pasienttransport- og driftskostnader.",
])  # fmt: skip

# The seed's chapters in order: (title, the workbook sheet's name where the title is too long, text).
CHAPTERS = [
    ("Leve HELE LIVET", "", _LEVE_HELE_LIVET),
    ("Styrke koordinerende enhet", "", _KOORDINERENDE_ENHET),
    ("Tilpasning til tilgjengelige rammer", "Tilpasning til rammene", _RAMMER),
    ("Samhandling med hjemmebaserte tjenester", "Samhandling hjemmetjenester", _SAMHANDLING),
    ("Sirkulasjon i korttidsplassene", "", _KORTTIDSPLASSER),
    ("Ny finansieringsmodell og sentral koordinator for bofelleskap", "Finansiering og koordinator", _BOFELLESSKAP),
    ("Nye tilbud til mennesker med rus- og psykiske lidelser", "Rus og psykiske lidelser", _RUS_OG_PSYKISKE_LIDELSER),
]


def chapter_key(title: str) -> str:
    return free_chapter_key(title, set())


@transaction.atomic
def load() -> None:
    report_kinds_ensure()
    kind = ReportKind.objects.get(slug=KIND)
    wanted = [(chapter_key(title), title, short) for title, short, _ in CHAPTERS] + [(ECONOMY, "", "")]
    keys = [key for key, _, _ in wanted]
    for order, (key, title, short) in enumerate(wanted, start=1):
        entry = ReportKindSection.objects.filter(kind=kind, key=key).first() or ReportKindSection(kind=kind, key=key)
        _sync(entry, {"title": title, "short_title": short, "order": order * 10, "enabled": True})
    # The kind's other sections follow, in their order, taken out of the report.
    others = kind.sections.exclude(key__in=keys).order_by("order", "pk")
    for order, entry in enumerate(others, start=len(wanted) + 1):
        _sync(entry, {"order": order * 10, "enabled": False})
    texts = {chapter_key(title): text for title, _, text in CHAPTERS} | {ECONOMY: _OKONOMI}
    texts_ensure({(KIND, PERIOD): texts})


def _sync(entry: ReportKindSection, values: dict) -> None:
    """Save the entry only where it is new or differs (a second load saves nothing)."""
    if entry._state.adding or any(getattr(entry, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(entry, name, value)
        entry.save()
