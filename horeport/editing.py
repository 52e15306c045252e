"""The one shape of a create, update or delete view, and its messages.

Every app's forms save through here, so that a refusal after validation (someone saved, deleted
or locked the row meanwhile, or stored the same row at the same moment) reads the same everywhere
and never becomes a server error. The refusals themselves come from `TrackedModel`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.http import HttpResponse
from django.shortcuts import redirect, render

NOTHING_SAVED = "Ingenting er lagret."
REFUSED_RACE = "Noen andre lagret det samme samtidig. Ingenting er lagret; last inn siden på nytt og prøv igjen."


def refusal(error: ValidationError) -> str:
    """A refusal from the write path as one message: what happened, then that nothing was saved."""
    return " ".join([*error.messages, NOTHING_SAVED])


def save_or_refuse(form, save: Callable | None = None):
    """Save a validated form in one transaction; a refusal becomes the form's message and saves
    nothing. Returns what the save returned, or None when it was refused."""
    try:
        with transaction.atomic():
            return (save or form.save)()
    except ValidationError as error:
        form.add_error(None, refusal(error))
    except IntegrityError:
        form.add_error(None, REFUSED_RACE)
    return None


def _text(message: str | Callable, obj) -> str:
    return message(obj) if callable(message) else message.format(obj=obj)


def edit(request, form, *, template: str, saved: str | Callable, success_url: str | Callable, context=None, names=None):
    """Show a form; on a valid POST save it, say so and go on; else show it again (status 400).

    `saved` and `success_url` are text with "{obj}" or a function of the saved object. `names`: an
    inline formset of the object's later names (horeport/dated_names.py), saved with it or not at all."""
    if request.method == "POST" and form.is_valid() and (names is None or names.is_valid()):
        obj = save_or_refuse(form, save=None if names is None else lambda: _save_with_names(form, names))
        if obj is not None:
            messages.success(request, _text(saved, obj))
            return redirect(_text(success_url, obj))
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, "names": names, **(context or {})}, status=status)


def _save_with_names(form, names):
    names.instance = form.save()
    names.save()
    return names.instance


def delete(
    request,
    obj,
    *,
    heading: str,
    description: str,
    button: str,
    deleted: str,
    back_url: str,
    success_url: str | None = None,
    nav: str | None = None,
    in_use: str | Callable = "«{obj}» er i bruk og kan ikke slettes.",
) -> HttpResponse:
    """Ask before deleting (saying at once when a lock holds the row); on POST delete through the
    write path, or say why not (status 400): a lock, a change meanwhile, or `in_use` where other
    rows use it. One page for every app: horeport/confirm_delete.html."""
    lock = obj.locked_by(deleting=True) if hasattr(obj, "locked_by") else None
    error = lock.message if lock is not None else None
    if request.method == "POST" and error is None:
        try:
            with transaction.atomic():
                obj.delete()
        except ValidationError as refused:  # a locked period, or changed by someone meanwhile
            error = " ".join(refused.messages)
        except ProtectedError:
            error = _text(in_use, obj)
        else:
            messages.success(request, _text(deleted, obj))
            return redirect(success_url or back_url)
    context = {
        "object": obj, "heading": heading, "description": description, "button": button,
        "back_url": back_url, "nav": nav, "error": error,
    }  # fmt: skip
    status = 400 if error and request.method == "POST" else 200
    return render(request, "horeport/confirm_delete.html", context, status=status)
