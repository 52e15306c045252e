"""Django's admin, for administrators only: the role decides, not the `is_staff` flag, and the
sign-in is the product's own (with its lockout after failed attempts)."""

from __future__ import annotations

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from horeport.roles import ADMINISTRATOR, role_of


class AdminSite(admin.AdminSite):
    site_header = "horeport – administrasjon"
    site_title = "horeport"

    def has_permission(self, request):
        user = request.user
        return user.is_active and role_of(user) == ADMINISTRATOR

    def admin_view(self, view, cacheable=False):
        """A signed-in user of another role is refused with 403, not sent to a second sign-in page."""
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        """The admin's own sign-in page would skip the product's: send everyone there instead."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.GET.get("next") or reverse("admin:index", current_app=self.name))
        if not self.has_permission(request):
            raise PermissionDenied
        return redirect("admin:index")
