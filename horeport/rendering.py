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
        return attrs


class DesignsystemetRenderer(TemplatesSetting):
    form_template_name = "horeport/forms/form.html"
    field_template_name = "horeport/forms/field.html"
    bound_field_class = DesignsystemetBoundField
