"""The forms of a page as a browser would submit them untouched: their fields and default values."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

NOT_SENT = {"submit", "button", "reset", "image", "file"}


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "select-multiple" or "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False  # checkbox and radio
    disabled: bool = False


@dataclass
class Form:
    method: str
    action: str
    enctype: str
    fields: list[Field] = field(default_factory=list)

    def data(self) -> dict[str, list[str]]:
        """What pressing the form's submit button without typing anything would send."""
        sent: dict[str, list[str]] = {}
        for each in self.fields:
            if each.disabled or each.kind in NOT_SENT:
                continue
            if each.kind in ("checkbox", "radio"):
                if each.checked:
                    sent.setdefault(each.name, []).append(each.value or "on")
            elif each.kind in ("select", "select-multiple"):
                sent.setdefault(each.name, []).extend(each.options)
            else:
                sent.setdefault(each.name, []).append(each.value)
        return sent

    @property
    def has_file(self) -> bool:
        return any(each.kind == "file" for each in self.fields)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None
        self.option: dict | None = None
        self.first_option: str | None = None
        self.textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.form = Form(
                (attributes.get("method") or "get").lower(), attributes.get("action") or "",
                attributes.get("enctype") or "",
            )  # fmt: skip
            self.forms.append(self.form)
        elif self.form is None or "name" not in attributes and tag != "option":
            return
        elif tag == "input":
            kind = (attributes.get("type") or "text").lower()
            self.form.fields.append(Field(
                attributes["name"], kind, attributes.get("value") or "", checked="checked" in attributes,
                disabled="disabled" in attributes,
            ))  # fmt: skip
        elif tag == "select":
            kind = "select-multiple" if "multiple" in attributes else "select"
            self.select = Field(attributes["name"], kind, disabled="disabled" in attributes)
            self.first_option = None
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.option = {"value": attributes.get("value"), "selected": "selected" in attributes, "text": ""}
        elif tag == "textarea":
            self.textarea = Field(attributes["name"], "textarea", disabled="disabled" in attributes)
            self.form.fields.append(self.textarea)

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        elif self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "option" and self.option is not None and self.select is not None:
            value = self.option["value"] if self.option["value"] is not None else self.option["text"].strip()
            if self.first_option is None:
                self.first_option = value
            if self.option["selected"]:
                self.select.options.append(value)
            self.option = None
        elif tag == "select" and self.select is not None:
            if not self.select.options and self.select.kind == "select" and self.first_option is not None:
                self.select.options.append(self.first_option)  # a browser sends the first option
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.textarea.value = self.textarea.value.removeprefix("\n")
            self.textarea = None


def page_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms
