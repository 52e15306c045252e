"""A report's chapters of free text: the introduction before its sections and the summary after them.

A chapter's text is written for one report (a kind and a period), like the commentary under a
section, and stored the same way (`SectionCommentary`, under the chapter's key): it goes through
the same write path, is locked with the period when the report is published, and is frozen in
each published version's data. Every report kind has these two chapters; an empty one is left
out of the PDF and the workbook. The keys cannot clash with a section's ("<app>.<name>"): no app
is called "chapter". An administrator-defined chapter placed among the sections would be one more
`ChapterSpec`, made from the kind's set-up instead of this list.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

CHAPTER_PREFIX = "chapter."


class Placement(enum.StrEnum):
    BEFORE = "before"  # before the sections, after the contents
    AFTER = "after"  # after the last section


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
