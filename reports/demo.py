"""Demo data for reports: the four report kinds with their default sections, and the source
documents' own explanatory sentences as the chapters and commentary of the Årsrapport 2016 and
the committee's report for 4. kvartal 2016, and the municipality's own section titles from
fixtures/reports.toml (idempotent).

Every sentence is taken word for word from the source documents (the seeds, named by number before
each text); only the Markdown around them (bold lead words, list marks) is ours. Where the text
extraction lost a character (the opening « of «Kompetanseløft 2020»), it is put back.
"""

from __future__ import annotations

from horeport.demo import read_fixture
from horeport.periods import Period
from reports.chapters import INTRODUCTION, SUMMARY
from reports.defaults import report_kinds_ensure
from reports.models import ReportKindSection

# Seed 001 ("Innledning og mål"): the purpose of the service area.
_PURPOSE = (
    "Helse- og omsorgstjenesten skal sikre en bærekraftig tjeneste slik at alle kommunens innbyggere skal få "
    "flest mulig gode levekår og de sosiale helseforskjellene i befolkningen reduseres uavhengig av bosted, "
    "kjønn, etnisk og sosial bakgrunn og økonomisk evne. Befolkningen skal tilbys nødvendig helsehjelp gjennom "
    "et likeverdig tjenestetilbud.\n\n"
    "For å sikre at den enkelte kan leve et trygt, meningsfullt og et mest mulig selvstendig liv, tilbyr "
    "kommunen ulike tjenester. Tjenesteområde Helse og omsorg omfatter helsetjenester, psykisk helsetjeneste, "
    "sosiale tjenester, tjenester til funksjonshemmede, sykepleietjenester og omsorgstjenester for eldre. "
    "Sykehjemsplasser og omsorgsboliger som driftes av private og/eller interkommunale selskaper inngår også i "
    "dette tjenesteområdet."
)

# Seed 000: the five strategies of Strategi 2020.
_STRATEGIES = (
    "**De fem strategiene er:**\n\n"
    "1. Styrke, videreutvikle og samle en forebyggende helsetjeneste\n"
    "2. Styrke, videreutvikle og samle helse- og omsorgstjenestene\n"
    "3. Fremme en aktiv brukerrolle\n"
    "4. Sikre kvalitet og kompetanse\n"
    "5. Sikre tilstrekkelig personell med nødvendig kompetanse"
)

# Seed 001: the results of the målekart (the 2014 results the 2016 reports show as the latest).
_MALEKART = (
    "Resultatene viser at brukerne er godt fornøyd med helse- og omsorgstjenestene, og at de ansatte i "
    "tjenesteområdet opplever god ledelse, medbestemmelse og nødvendig kompetanse til å utføre egne "
    "arbeidsoppgaver. De ansatte opplever også at organisasjonen på en god måte tilrettelegger for læring, "
    "utvikling og fornyelse.\n\n"
    "Tjenesteområdet vil i tiden fremover fortsatt ha fokus på økonomistyring, samt jobbe aktivt for å øke "
    "andelen virksomheter som er miljøsertifisert og følge opp henvendelsene i AskerDialogen.\n\n"
    "**Unikt målekart.** Helse og omsorg har i dette handlingsprogrammet gjort en større revidering av de "
    "tjenestespesifikke BMS-målene. Målekartet hadde tidligere fokus på indikatorer knyttet til brukernes "
    "opplevde kvalitet. De nye målene består i større grad av objektive kvalitetsindikatorer som er bedre egnet "
    "til å måle faktisk kvalitet i tjenestene. De nye måleindikatorene er utviklet i samarbeid med KS. "
    "Gjennomsnittlig liggetid på sykehus etter at pasienten er definert som utskrivningsklar er redusert fra "
    "3,7 døgn i 2013 til 2,04 døgn i 2014."
)

# Seed 002 (KAD) and seed 004 (ethics): the two key figures explained.
_KEY_FIGURES = (
    "Kommunal akutt døgnplass (KAD-plass) er etablert ved Søndre Borgen sykehjem, og vil i 2016 bestå av sju "
    "plasser. Til plassene er det også etablert et nytt kommunalt fastlegekontor.\n\n"
    "Ved utgangen av 2015 har det til sammen blitt utdannet 119 ressurspersoner i Asker. Ressurspersonene har "
    "ansvar for å drive etiske refleksjonsgrupper i de enkelte virksomhetene."
)

# Seed 000: competence (under the status of Strategi 2020).
_STRATEGY_STATUS = (
    "«Kompetanseløft 2020» er en nasjonal satsning med formål om å bidra til styrking av kunnskapsgrunnlaget og "
    "kompetansen i kommunale helse- og omsorgstjenester. Flere ansatte har i 2016 fått tildelt plass i regi av "
    "programmet."
)

# Seed 000: the notes beside the housing tables (treated applications, effectuation time).
_HOUSING = (
    "**Bolig med bemanning, eldre.** Bolig med stasjonær bemanning for eldre, som har personal tilgjengelig hele "
    "døgnet. Brukertorget har behandlet 77 søknader i 2016. 57 av søknadene ble innvilget. Det er tildelt 39 "
    "boliger. Effektiveringstiden er noe redusert i forhold til tidligere. Dette skyldes flere tilgjengelige "
    "boliger og dermed flere utflyttinger.\n\n"
    "**Bolig med service.** Det har vært en økning på ventelisten, men sett over tid er den forholdsvis lav. En "
    "av årsakene til at ventelisten har økt er at det ikke har vært noen ledige boliger i årets tre siste "
    "måneder. Den gjennomsnittlige effektiveringstiden betydelig redusert fra 2015. Bolig med service brukes i "
    "dag ikke bare til eldre, men også til andre som har tilsvarende boligbehov. Bolig med service brukes også "
    "til kartlegging av brukere. På denne måten får vi utnyttet boligmassen godt."
)

# Seed 004 (Strategi 2020) and seed 002 (the challenges of the next four years).
_SUMMARY = (
    "Arbeidet med utvikling av helse- og omsorgstjenestene i tråd med føringene i Strategi 2020 har kommet langt, "
    "og de fleste mål og tiltak er i prosess og/eller implementert i tjenestene. Asker kommune har langt på vei "
    "lykkes med å utvikle en tjenesteprofil i tråd med ønsket utvikling. Rådmannen vil i 2017 revidere Strategi "
    "2020 gjennom videreutvikling av paradigmeskiftet.\n\n"
    "# Utfordringer i neste fireårsperiode\n\n"
    "Med bakgrunn i oppnådde resultater og politiske føringer, har kommunen definert følgende utfordringer for "
    "tjenesteområdet i neste fireårsperiode:\n\n"
    "- **Paradigmeskifte – tjenesteutvikling:** Det arbeides med en endret bruker- og pårørenderolle, der økt "
    "fokus på forebyggende tjenester skal sikre at flest mulig får mulighet til å bo lengst mulig i eget hjem.\n"
    "- **Kompetanse:** God kompetanse på rett nivå til riktig tid, er en forutsetning for gode, effektive og "
    "trygge tjenester. Det må skapes større faglig bredde, flere faggrupper og økt vekt på tverrfaglig arbeid.\n"
    "- **Boligsosialt arbeid, psykisk helse og rus:** Temaplan for psykisk helse og rus gir et godt grunnlag for "
    "å videreutvikle tjenestene. Strategier og tiltak skal fremme selvstendighet og evnen til å mestre eget liv.\n"
    "- **Støttekontakt, avlastning, aktivitet og arbeid for utviklingshemmede:** Støttekontakt og fleksible "
    "avlastningstjenester er et viktig bidrag når tjenestetilbudet i større grad skal dreies mot forebyggende "
    "arbeid og tidlig innsats.\n"
    "- **Velferdsteknologi:** Temaplan for velferdsteknologi legger føringer for kommunens satsning. Utvikling "
    "og implementering av velferdsteknologi bidrar til at den enkelte kan føle seg trygg i eget hjem."
)

# Seed 000 (the reporting cycle) and seed 002 (the committee's input).
_COMMITTEE_INTRODUCTION = (
    "Brukertorget er ansvarlig for å generere styringsdata til politikere og administrasjon løpende.\n\n"
    "Komité for helse og omsorg har i sak 21/15 gitt følgende innspill til rådmannens arbeid med "
    "handlingsprogrammet:\n\n"
    "- Psykisk helse-rus\n"
    "- Støttekontakter\n"
    "- Hverdagsrehabilitering og ergoterapi\n"
    "- Mennesker med nedsatt funksjonsevne – bolig og aktivitetstilbud\n\n"
    "Rådmannen har vurdert innspillene og foretatt prioriteringer slik det fremgår av utfordringene og "
    "satsningsområdene, samt drifts- og investeringsbudsjettet."
)

# (kind, period) -> {chapter or section key: text}
DEMO_TEXTS: dict[tuple[str, str], dict[str, str]] = {
    ("annual", "2016"): {
        INTRODUCTION.key: _PURPOSE + "\n\n" + _STRATEGIES,
        "kpi.malekart": _MALEKART,
        "kpi.strategy_status": _STRATEGY_STATUS,
        "kpi.key_figures": _KEY_FIGURES,
        "waitlists.housing": _HOUSING,
        SUMMARY.key: _SUMMARY,
    },
    ("committee", "2016-Q4"): {
        INTRODUCTION.key: _COMMITTEE_INTRODUCTION,
        "kpi.malekart": _MALEKART,
        "kpi.key_figures": _KEY_FIGURES,
    },
}


def load() -> None:
    report_kinds_ensure()
    titles_ensure()
    texts_ensure()


def texts_ensure(demo_texts: dict[tuple[str, str], dict[str, str]] = DEMO_TEXTS) -> None:
    """Write the demo's chapters and commentary where nothing is written yet (never over a user's
    text, never into a locked period), through the write path like any other text."""
    from horeport.models import PeriodLock
    from reports.models import ReportKind, SectionCommentary

    kinds = ReportKind.objects.in_bulk(field_name="slug")
    for (slug, period_text), texts in demo_texts.items():
        kind, period = kinds.get(slug), Period.parse(period_text)
        if kind is None or PeriodLock.objects.covering(period) is not None:
            continue
        present = set(SectionCommentary.objects.filter(kind=kind, period=period).values_list("section_key", flat=True))
        for key, text in texts.items():
            if key not in present:
                SectionCommentary(kind=kind, period=period, section_key=key, text=text).save()


def titles_ensure() -> None:
    """The municipality's own titles for sections whose default title is generic (fixtures/reports.toml)."""
    for item in read_fixture("reports.toml")["section_titles"]:
        wanted = {"title": item["title"], "short_title": item.get("short_title", "")}
        for entry in ReportKindSection.objects.filter(key=item["key"]):
            if any(getattr(entry, name) != value for name, value in wanted.items()):  # a second run saves nothing
                for name, value in wanted.items():
                    setattr(entry, name, value)
                entry.save()
