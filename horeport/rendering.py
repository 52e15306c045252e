"""Forms rendered with Designsystemet's classes; labels, help texts and error messages are
tied to their inputs by Django itself (aria-describedby, aria-invalid)."""

from django import forms
from django.forms.renderers import TemplatesSetting


class DesignsystemetBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if not widget.is_hidden:
            attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), attrs.get("class"), "ds-input"]))
        if self.warning is not None and self.auto_id:
            # The question about an implausible value is read with the field, as an error is.
            described = attrs.get("aria-describedby") or widget.attrs.get("aria-describedby") or ""
            attrs["aria-describedby"] = " ".join(filter(None, [described, f"{self.auto_id}_question"]))
        return attrs

    @property
    def warning(self):
        """The question about the value typed here (horeport/plausibility.py), if any."""
        return getattr(self.form, "warnings", {}).get(self.name)


class DesignsystemetRenderer(TemplatesSetting):
    form_template_name = "horeport/forms/form.html"
    field_template_name = "horeport/forms/field.html"
    bound_field_class = DesignsystemetBoundField
