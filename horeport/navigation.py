"""The apps as the main navigation and the home page present them: defined once, here."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class App:
    url_name: str
    title: str
    description: str

    @property
    def namespace(self) -> str:
        return self.url_name.split(":", 1)[0]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


APPS = [
    App("kpi:index", "Målekart", "Indikatorer med ønsket, akseptert og ikke godkjent resultat; nøkkeltall og "
        "status for strategier og temaplaner."),
    App("waitlists:index", "Boliger", "Ventelister og effektueringstid per boligtype, og privat boligfremskaffelse."),
    App("volumes:index", "Tjenester", "Brukere og vedtakstimer per måned: BPA, omsorgslønn, FAT, Mestringshuset."),
    App("deviations:index", "Avvik", "Kvalitetsavvik per kategori, avvik til sykehus og læringsløyfer."),
    App("complaints:index", "Klagesaker", "Klager til statsforvalteren (Fylkesmannen) per sakstype og utfall."),
    App("economy:index", "Økonomi", "Ramme, justeringer fra tertialbehandlingene, regnskap, avvik og forbruksprosent."),
    App("reports:index", "Rapporter", "Rapport til direktør, HO-komiteen, halvårs- og årsrapport som PDF og Excel."),
]  # fmt: skip
