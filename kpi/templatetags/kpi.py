"""Template filters of the målekart: {{ result.value|shown:indicator }} -> "54,55 %"."""

from django import template

register = template.Library()


@register.filter
def shown(value, series):
    """A value as its indicator or key figure prints it, with its decimals and unit."""
    return series.show(value)
