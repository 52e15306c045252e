"""Figures inside free text: a reference in a chapter or a commentary, filled from the stored data
each time the report is built, so that a figure in the text is never typed twice.

A reference is written in double brackets: the kind of figure, a colon, what it names and, last,
the period (as in the addresses and commands: 2017, 2017-T2, 2017-12):

    [[nøkkeltall: Brukere med hverdagsrehabilitering 2017]]    -> "460 brukere"
    [[indikator: Ø.2.1 2017]]                                   -> "-2,3 %"
    [[økonomi: forbruksprosent Hjemmebaserte tjenester 2017]]   -> "98,1 %"

The apps register the kinds of figure in their own `figures.py` (imported by their
`AppConfig.ready`), so horeport fills a reference without importing the app that owns the figure.
A kind's function gets the text between the colon and the period and the period, and returns the
value as shown in a report ("638,6 mill. kr", "102,3 %") or raises `FigureProblem` with a Norwegian
reason. A reference that names nothing known, or a period without a value, becomes a visible
dash with a numbered note (`Filled.notes`); the text itself is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from horeport.formatting import DASH
from horeport.periods import InvalidPeriod, Period

REFERENCE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
# A missing figure is marked in the filled text with its note's number between two private-use
# characters; the HTML and the plain lines make it a dash with the number beside it.
_MISSING = re.compile("\ue000(\\d+)\ue001")
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


class FigureProblem(Exception):
    """Why a reference gives no value ("ingen verdi for 2018")."""


@dataclass(frozen=True)
class FigureKind:
    name: str  # the word before the colon: "nøkkeltall"
    function: Callable[..., str]
    syntax: str  # "[[nøkkeltall: navn periode]]"
    help: str  # one sentence for the edit page
    example: str = ""


FIGURE_KINDS: dict[str, FigureKind] = {}


def figure_kind(name: str, *, syntax: str, help: str, example: str = ""):
    """Register a kind of figure under the word a reference starts with (case does not matter)."""

    def register(function):
        FIGURE_KINDS[name.lower()] = FigureKind(name, function, syntax, help, example)
        return function

    return register


@dataclass
class Filled:
    """A text with its references filled: Markdown still, missing figures marked; and the notes."""

    text: str
    notes: list[str] = field(default_factory=list)
    references: int = 0

    @property
    def has_references(self) -> bool:
        return self.references > 0


def figure_value(reference: str) -> str:
    """One reference's value ("nøkkeltall: Plasser i Housing First 2017" -> "20 plasser"), or
    FigureProblem."""
    kind_name, colon, rest = reference.partition(":")
    kind = FIGURE_KINDS.get(" ".join(kind_name.split()).lower())
    if not colon or kind is None:
        known = ", ".join(f"«{k.name}»" for k in FIGURE_KINDS.values())
        raise FigureProblem(f"ukjent slags tall. Skriv et av {known} foran kolon.")
    words = rest.split()
    if not words:
        raise FigureProblem(f"skriv hva tallet gjelder og perioden, som {kind.syntax}.")
    try:
        period = Period.parse(words[-1])
    except InvalidPeriod:
        raise FigureProblem(
            f"perioden mangler til slutt (for eksempel 2017, 2017-T2 eller 2017-12), som {kind.syntax}."
        ) from None
    return kind.function(what=" ".join(words[:-1]), period=period)


def _escaped(value: str) -> str:
    """The value as literal Markdown text (a "+" or "-" first on a line must not start a list)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", value)


def figures_fill(text: str) -> Filled:
    """The text with each reference replaced by its value, or by a marked dash and a note."""
    filled = Filled(text or "")
    if "[[" not in filled.text:
        return filled

    def replace(match: re.Match) -> str:
        filled.references += 1
        reference = " ".join(match.group(1).split())
        try:
            return _escaped(figure_value(reference))
        except FigureProblem as problem:
            filled.notes.append(f"«[[{reference}]]»: {problem}")
            return f"\ue000{len(filled.notes)}\ue001"

    filled.text = REFERENCE.sub(replace, filled.text)
    return filled


def missing_html(html: str) -> SafeString:
    """Mark each missing figure in HTML made from a filled text: a dash with its note's number."""
    marked = _MISSING.sub(
        lambda m: f'<span class="figure-missing" data-note="{m.group(1)}">{DASH}<sup>{m.group(1)}</sup></span>',
        str(html),
    )
    return mark_safe(marked)  # noqa: S308 (the input is safe HTML; the mark holds only digits)


def missing_plain(text: str) -> str:
    """The same in plain text: "–[1]"."""
    return _MISSING.sub(lambda m: f"{DASH}[{m.group(1)}]", text)


def notes_numbered(notes: list[str]) -> list[str]:
    """ "[1] «[[nøkkeltall: … 2018]]»: ingen verdi for 2018." (as the dashes are numbered)."""
    return [f"[{number}] {note}" for number, note in enumerate(notes, start=1)]


def help_html() -> SafeString:
    """The syntax of each registered kind, for the edit page."""
    items = "".join(
        f"<li><code>{escape(kind.syntax)}</code>: {escape(kind.help)}"
        + (f" For eksempel <code>{escape(kind.example)}</code>." if kind.example else "")
        + "</li>"
        for kind in FIGURE_KINDS.values()
    )
    return mark_safe(f"<ul>{items}</ul>")  # noqa: S308 (every part escaped)
