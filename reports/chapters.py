"""A report's chapters of free text: the introduction before its sections and the summary after them.

A chapter's text is written for one report (a kind and a period), like the commentary under a
section, and stored the same way (`SectionCommentary`, under the chapter's key): it goes through
the same write path, is locked with the period when the report is published, and is frozen in
each published version's data. Every report kind has these two chapters; an empty one is left
out of the PDF and the workbook. The keys cannot clash with a section's ("<app>.<name>"): no app
is called "chapter".

Free chapters: an administrator adds chapters with titles of their own to a report kind (Rapporter
→ Oppsett). Each is a `ReportKindSection` whose key starts with "chapter." (`free_chapter_key`),
so it sits in the kind's one ordering among the sections, moved, retitled, left out of the short
form and removed like one; its text is stored per report under that key, like the introduction's.
The key is made once from the title and kept when the chapter is retitled, so its texts follow it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.text import slugify

CHAPTER_PREFIX = "chapter."


class Placement(enum.StrEnum):
    BEFORE = "before"  # before the sections, after the contents
    AFTER = "after"  # after the last section
    AMONG = "among"  # a free chapter, where the kind's set-up places it among the sections


@dataclass(frozen=True)
class ChapterSpec:
    key: str
    title: str
    placement: Placement
    help_text: str


INTRODUCTION = ChapterSpec(
    f"{CHAPTER_PREFIX}introduction",
    "Innledning",
    Placement.BEFORE,
    "Står foran tabellene: hva rapporten handler om, og hva leseren bør merke seg.",
)
SUMMARY = ChapterSpec(
    f"{CHAPTER_PREFIX}summary",
    "Oppsummering",
    Placement.AFTER,
    "Står etter tabellene: hovedtrekkene i perioden og veien videre.",
)
CHAPTERS: dict[str, ChapterSpec] = {spec.key: spec for spec in (INTRODUCTION, SUMMARY)}


def is_chapter_key(key: str) -> bool:
    return key.startswith(CHAPTER_PREFIX)


FREE_CHAPTER_HELP = "Et kapittel i rapporttypen: står der oppsettet plasserer det blant seksjonene."
KEY_MAX_LENGTH = 60  # ReportKindSection.key and SectionCommentary.section_key


def free_chapter(key: str, title: str) -> ChapterSpec:
    """The spec of an administrator's chapter (a ReportKindSection whose key is a chapter's)."""
    return ChapterSpec(key, title or "Kapittel", Placement.AMONG, FREE_CHAPTER_HELP)


def free_chapter_key(title: str, taken: set[str]) -> str:
    """A new free chapter's key from its title ("Leve HELE LIVET" -> "chapter.leve-hele-livet"),
    never one of `taken` nor a fixed chapter's."""
    stem = CHAPTER_PREFIX + (
        slugify(title.lower().replace("æ", "ae").replace("ø", "o").replace("å", "aa")) or "kapittel"
    )
    stem = stem[: KEY_MAX_LENGTH - 8].rstrip("-")  # room for "-" and a number
    key, number = stem, 1
    while key in taken or key in CHAPTERS:
        number += 1
        key = f"{stem}-{number}"
    return key
