from horeport.models import SiteSettings
from horeport.navigation import APPS
from horeport.roles import role_of


def site(request):
    """The site's own settings, the signed-in user's role and the apps, for the base layout."""
    user = getattr(request, "user", None)
    return {
        "site_settings": SiteSettings.current(),
        "user_role": role_of(user) if user is not None else None,
        "nav_apps": APPS,
    }
