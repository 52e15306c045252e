"""Error pages in Norwegian, rendered without the database (templates/error_base.html), and a
database outage answered with 503 "Midlertidig utilgjengelig" instead of a server error."""

from __future__ import annotations

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.template import loader

from horeport.roles import role_of

logger = logging.getLogger(__name__)

# What django.db raises when the database cannot be reached or the connection is lost; an error
# in a query itself (IntegrityError, ProgrammingError …) is a bug and stays a 500.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def error_page(template: str, status: int, context: dict | None = None) -> HttpResponse:
    # Rendered without the request, so no context processor asks the database for anything.
    return HttpResponse(loader.render_to_string(template, context), status=status)


def outage_page() -> HttpResponse:
    response = error_page("503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception=None):
    return error_page("400.html", 400)


def permission_denied(request, exception=None):
    try:
        role = role_of(request.user)
    except DatabaseError:
        role = None
    return error_page("403.html", 403, {"user_role": role})


def page_not_found(request, exception=None):
    return error_page("404.html", 404)


def server_error(request):
    """Django's last resort (settings.DEBUG off). A lost database met outside a view (the session
    read by a middleware, say) arrives here too, and is answered as an outage."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return outage_page()
    return error_page("500.html", 500)


def csrf_failure(request, reason=""):
    return error_page("403_csrf.html", 403, {"no_cookies": reason == REASON_NO_CSRF_COOKIE})


class ErrorPageMiddleware:
    """A database outage in a view becomes the 503 page; a bare 405 (require_POST and the like
    send no body) gets the Norwegian page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not getattr(response, "streaming", False) and not response.content:
            page = error_page("405.html", 405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable, answered 503: %s %s: %s", request.method, request.path, exception)
            return outage_page()
        return None
