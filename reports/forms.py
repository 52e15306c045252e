from __future__ import annotations

from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from horeport.figures import figures_fill, notes_numbered
from horeport.forms import NorwegianModelForm, TrackedModelForm
from horeport.models import stale_message
from horeport.narrative import HELP_TEXT as MARKDOWN_HELP
from horeport.periods import Period
from horeport.sections import SECTION_REGISTRY, SHEET_TITLE_MAX
from horeport.validators import validate_no_national_id
from reports.chapters import CHAPTERS, ChapterSpec
from reports.models import ReportKind, ReportKindSection, SectionCommentary, index_label

FIGURES_HELP = (
    "Tall fra de registrerte dataene skrives som «[[nøkkeltall: navn periode]]», «[[indikator: kode periode]]» "
    "eller «[[økonomi: tall område periode]]» (se «Tall i teksten»)."
)
COMMENTARY_MAX_LENGTH = 5000
CHAPTER_MAX_LENGTH = 20000  # a chapter may run over a few pages


class ReportChoiceForm(forms.Form):
    """Which period of a report kind to preview (the latest complete one by default)."""

    period = forms.ChoiceField(label="Periode")

    def __init__(self, *args, kind: ReportKind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["period"].choices = [(str(p), p.label) for p in kind.periods()]
        self.fields["period"].initial = str(kind.latest_complete_period())

    def clean_period(self):
        return Period.parse(self.cleaned_data["period"])


class CommentaryForm(TrackedModelForm):
    """A section's commentary or a chapter's text (by the instance's key), in Markdown."""

    text = forms.CharField(
        label="Kommentar",
        required=False,
        max_length=COMMENTARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Vises under seksjonen i forhåndsvisningen, i PDF og i Excel. Lagres som utkast til "
        "rapporten publiseres. " + MARKDOWN_HELP + " " + FIGURES_HELP,
    )

    class Meta:
        model = SectionCommentary
        fields = ["text"]

    def __init__(self, *args, chapter: ChapterSpec | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        chapter = chapter or CHAPTERS.get(self.instance.section_key)
        if chapter:
            field = self.fields["text"]
            field.label = chapter.title
            field.max_length = CHAPTER_MAX_LENGTH
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            field.validators.append(MaxLengthValidator(CHAPTER_MAX_LENGTH))
            field.widget.attrs.update(rows=10, maxlength=CHAPTER_MAX_LENGTH)
            field.help_text = (
                f"{chapter.help_text} Kommer med i PDF og Excel når det har tekst. Lagres som utkast til "
                f"rapporten publiseres. {MARKDOWN_HELP} {FIGURES_HELP}"
            )

    @cached_property
    def figure_notes(self) -> list[str]:
        """The figure references in the text (as typed, or as saved) that give no figure: a warning
        beside the field, never a refusal (the text is saved, the report shows a dash)."""
        text = self.data.get(self.add_prefix("text"), "") if self.is_bound else self.instance.text
        return notes_numbered(figures_fill(text).notes)

    def clean(self):
        cleaned = super().clean()
        # A form opened before anyone had written a commentary is stale once someone has.
        if self.instance.pk and cleaned.get("version") is None:
            raise ValidationError(stale_message(self.instance), code="stale")
        return cleaned


class ReportKindForm(NorwegianModelForm):
    period_indexes = forms.TypedMultipleChoiceField(
        label="Perioder i året", coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Hvilke perioder rapporten lages for. Ingen avkrysning: alle.",
    )  # fmt: skip
    short_form_indexes = forms.TypedMultipleChoiceField(
        label="Kortversjon for", coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Perioder som får kortversjonen: bare seksjonene som er merket «med i kortversjonen».",
    )  # fmt: skip

    class Meta:
        model = ReportKind
        fields = [
            "name",
            "period_indexes",
            "short_form_indexes",
            "comparison_years",
            "small_numbers_on",
            "small_numbers_threshold",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.instance.kind
        choices = [(i, index_label(kind, i)) for i in range(1, kind.count + 1)]
        for name in ("period_indexes", "short_form_indexes"):
            if kind.count > 1:
                self.fields[name].choices = choices
            else:
                del self.fields[name]


class SectionAddForm(forms.Form):
    key = forms.ChoiceField(label="Seksjon")

    def __init__(self, *args, kind: ReportKind, **kwargs):
        super().__init__(*args, **kwargs)
        present = set(kind.sections.values_list("key", flat=True))
        self.fields["key"].choices = [
            (spec.key, f"{spec.title} ({spec.key})")
            for spec in sorted(SECTION_REGISTRY.values(), key=lambda s: s.key)
            if spec.key not in present and kind.kind in spec.period_kinds
        ]

    @property
    def has_choices(self) -> bool:
        return bool(self.fields["key"].choices)


SECTION_ACTIONS = {
    "up": "Flytt opp",
    "down": "Flytt ned",
    "enable": "Ta med",
    "disable": "Ta ut",
    "short_on": "Med i kortversjonen",
    "short_off": "Ikke i kortversjonen",
    "remove": "Fjern",
}


class SectionTitleForm(NorwegianModelForm):
    """A report kind's own title for one of its sections (blank: the section's own title), or a free
    chapter's title (required)."""

    class Meta:
        model = ReportKindSection
        fields = ["title", "short_title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_chapter:
            title = self.fields["title"]
            title.required, title.label = True, "Tittel"
            title.help_text = "Kapitlets overskrift i forhåndsvisningen, i PDF og i Excel."
            title.error_messages["required"] = "Skriv en tittel på kapitlet."
            title.validators.append(validate_no_national_id)

    def clean(self):
        cleaned = super().clean()
        title, short = cleaned.get("title", ""), cleaned.get("short_title", "")
        if title and len(title) > SHEET_TITLE_MAX and not short and "short_title" not in self.errors:
            self.add_error(
                "short_title",
                f"Tittelen er lengre enn {SHEET_TITLE_MAX} tegn, som er det lengste et ark i Excel kan hete. "
                "Skriv en kort tittel til arket.",
            )
        return cleaned


class ChapterAddForm(SectionTitleForm):
    """A new free chapter of a report kind: its title (reports/chapters.py)."""

    def __init__(self, *args, kind: ReportKind, **kwargs):
        super().__init__(*args, instance=ReportKindSection(kind=kind, key="chapter.new"), **kwargs)
        self.fields["title"].widget.attrs.setdefault("maxlength", 200)


class SectionActionForm(forms.Form):
    action = forms.ChoiceField(choices=list(SECTION_ACTIONS.items()))
