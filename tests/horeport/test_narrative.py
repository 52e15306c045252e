"""Free text in the small Markdown vocabulary: kept as headings, lists, bold and links; anything
else (a script, an event attribute, a javascript: link, an image) never reaches the HTML."""

from html.parser import HTMLParser

from horeport.narrative import narrative_html, narrative_lines, narrative_plain


def elements(html: str) -> list[tuple[str, dict]]:
    """The elements of an HTML fragment as a browser reads them: (tag, attributes)."""
    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(html)
    return found


TEXT = """# Ventelister

Ventelisten er **kortere** enn i fjor, se [Asker kommune](https://www.asker.kommune.no).

- Bolig med service
- Bolig med bemanning
  1. eldre
  2. psykisk syke
"""


def test_the_vocabulary_is_kept_with_headings_under_the_chapters_own():
    html = narrative_html(TEXT)
    assert "<h3>Ventelister</h3>" in html
    assert "<strong>kortere</strong>" in html
    assert '<a href="https://www.asker.kommune.no" rel="noopener">Asker kommune</a>' in html
    assert "<ul>" in html and "<li>Bolig med service</li>" in html and "<ol>" in html
    assert "<h4>Ventelister</h4>" in narrative_html(TEXT, top_level=4)


def test_scripts_event_attributes_and_javascript_links_are_stripped():
    html = narrative_html(
        "<script>alert(1)</script>\n\n"
        '<b onclick="steal()">klikk</b>\n\n'
        "[lenke](javascript:alert(1)) og [data](data:text/html,<script>x</script>)\n\n"
        "![bilde](https://example.org/x.png) <img src=x onerror=alert(1)>\n\n"
        '<a href="javascript:alert(1)">rå lenke</a> [relativ](/admin/)'
    )
    tags = elements(html)
    assert {tag for tag, _ in tags} == {"p", "a"}  # no script, b, img
    assert [attrs for tag, attrs in tags if tag == "a"] == [{"rel": "noopener"}]  # the relative link, its href gone
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)
    assert "&lt;script&gt;" in html  # raw HTML is shown as the text that was typed


def test_a_workbook_gets_plain_lines_without_markup():
    lines = narrative_lines(TEXT)
    assert [(line.kind, line.text) for line in lines] == [
        ("heading", "Ventelister"),
        ("paragraph", "Ventelisten er kortere enn i fjor, se Asker kommune (https://www.asker.kommune.no)."),
        ("item", "• Bolig med service"),
        ("item", "• Bolig med bemanning"),
        ("item", "1. eldre"),
        ("item", "2. psykisk syke"),
    ]
    assert [line.level for line in lines[2:]] == [1, 1, 2, 2]
    assert not any(mark in narrative_plain(TEXT) for mark in ("**", "#", "[", "]("))
