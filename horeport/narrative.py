"""Free text written in the browser (a report's chapters and commentary), in a small Markdown vocabulary.

The vocabulary is headings, paragraphs, bullet and numbered lists, bold (and italic) and links.
Markdown is parsed by markdown-it-py (CommonMark, raw HTML off) and the HTML it makes is cleaned
by nh3, which keeps only that vocabulary: a script, an event attribute, an image or a
`javascript:` link never reaches a page or a PDF. Links keep only http, https and mailto
addresses and get rel="noopener". For a workbook the same text becomes plain lines
(`narrative_lines`): headings, paragraphs and bullet lines, without a markup character.
A report fills the text's figure references ("[[nøkkeltall: … 2017]]", horeport/figures.py)
before it is given to these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

# What a reader may write; anything else is dropped, its text kept.
ALLOWED_TAGS = {"p", "br", "h3", "h4", "h5", "ul", "ol", "li", "strong", "em", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# A heading written as "#" is one level below the chapter's own heading (h2): h3, "##" h4, deeper h5.
TOP_HEADING_LEVEL = 3
LOWEST_HEADING_LEVEL = 5

HELP_TEXT = (
    "Enkel formatering med Markdown: «# Overskrift», «- punkt» eller «1. punkt» i en liste, "
    "«**fet skrift**» og lenker som «[teksten](https://…)». En tom linje gir nytt avsnitt."
)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def _tokens(text: str) -> list[Token]:
    return _parser().parse(text or "")


def narrative_html(text: str, *, top_level: int = TOP_HEADING_LEVEL) -> SafeString:
    """The text as safe HTML: headings from `top_level` down, lists, bold, links; nothing else."""
    tokens = _tokens(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) - 1 + top_level, LOWEST_HEADING_LEVEL)
            token.tag = f"h{level}"
    html = _parser().renderer.render(tokens, _parser().options, {})
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        url_relative="deny",
        link_rel="noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 (cleaned by nh3 to the vocabulary above)


@dataclass(frozen=True)
class NarrativeLine:
    """One line of plain text: a heading, a paragraph or a list item (with its mark and depth)."""

    kind: str  # "heading", "paragraph" or "item"
    text: str
    level: int = 0  # a heading's level (1 for "#"), a list item's depth (1 for the outer list)


def _inline_text(token: Token) -> str:
    """An inline token's readable text: emphasis dropped, a link as "text (address)"."""
    parts: list[str] = []
    href = None
    link_start = 0
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "link_open":
            href, link_start = str(child.attrGet("href") or ""), len(parts)
        elif child.type == "link_close" and href is not None:
            label = "".join(parts[link_start:])
            if href and href.split(":", 1)[0].lower() in URL_SCHEMES and href.removeprefix("mailto:") != label:
                parts.append(f" ({href})")
            href = None
    return " ".join("".join(parts).split())


def narrative_lines(text: str) -> list[NarrativeLine]:
    """The text as plain lines for a workbook: "Overskrift", "• punkt", "1. punkt", paragraphs."""
    lines: list[NarrativeLine] = []
    lists: list[list] = []  # per open list: [ordered, next number]
    pending: tuple[str, int] | None = None  # the block the next inline token belongs to
    item_mark = ""
    for token in _tokens(text):
        if token.type == "heading_open":
            pending = ("heading", int(token.tag[1]))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            lists.append([token.type == "ordered_list_open", int(start) if start else 1])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            ordered, number = lists[-1]
            item_mark = f"{number}. " if ordered else "• "
            lists[-1][1] += 1
        elif token.type == "paragraph_open":
            pending = ("item", len(lists)) if lists else ("paragraph", 0)
        elif token.type in ("code_block", "fence"):
            lines.extend(NarrativeLine("paragraph", line) for line in token.content.splitlines() if line.strip())
        elif token.type == "inline" and pending:
            kind, level = pending
            content = _inline_text(token)
            if kind == "item":
                content, item_mark = (item_mark + content) if item_mark else content, ""
            if content:
                lines.append(NarrativeLine(kind, content, level))
            pending = None
    return lines


def narrative_plain(text: str) -> str:
    """The text as plain lines joined by newlines (for a search, a title attribute, a test)."""
    return "\n".join(("  " * max(line.level - 1, 0) if line.kind == "item" else "") + line.text
                     for line in narrative_lines(text))  # fmt: skip
