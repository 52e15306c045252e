"""Template filters for Norwegian numbers and dates: {{ value|nb:1 }}, {{ value|nb_signed }}, {{ d|nb_date }},
{{ moment|nb_datetime }}."""

from django import template

from horeport import formatting
from horeport.periods import InvalidPeriod, Period
from horeport.tables import MISSING

register = template.Library()


@register.filter
def nb(value, decimals=0):
    """3084 -> "3 084"; {{ 2.04|nb:2 }} -> "2,04"; None -> "–"."""
    return formatting.nb_number(value, int(decimals))


@register.filter
def nb_signed(value, decimals=0):
    """+148, -3,4"""
    return formatting.nb_number(value, int(decimals), signed=True)


@register.filter
def nb_stored(value):
    """A number with the decimals it was stored with, no more: 2.0400 -> "2,04"; None -> "–"."""
    return formatting.nb_as_stored(value)


@register.filter
def nb_date(value):
    return formatting.nb_date(value)


@register.filter
def or_missing(value):
    """A shown value, or for none ("", None, "–") the registers' dash with words for a screen reader."""
    return MISSING if value in (None, "", formatting.DASH) else value


@register.filter
def nb_datetime(value):
    """A moment in Norwegian local time: "31.12.2016 kl. 14:05"."""
    return formatting.nb_datetime(value)


@register.filter
def period_label(value):
    """ "2016-03" -> "mars 2016"."""
    try:
        return Period.parse(value).label
    except (InvalidPeriod, TypeError):
        return value
