"""The sign-in backend for the test run."""

from axes.backends import AxesStandaloneBackend


class LockoutBackendForTests(AxesStandaloneBackend):
    """django-axes, except for `Client.login()` and `authenticate()` without a request, which a
    page never makes (the sign-in page passes its request, so the lockout is still tested)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
