from horeport.models import SiteSettings
from horeport.roles import role_of


def site(request):
    """The site's own settings and the signed-in user's role, for the base layout."""
    user = getattr(request, "user", None)
    return {
        "site_settings": SiteSettings.current(),
        "user_role": role_of(user) if user is not None else None,
    }
