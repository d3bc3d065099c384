"""Sign-in events, recorded explicitly as audit events."""

from sinergi.core.models import record_event


def on_login(sender, request, user, **kwargs):
    record_event("login", user, request=request)


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event("logout", user, request=request)


def on_login_failed(sender, credentials, request=None, **kwargs):
    record_event(
        "login_failed", None, request=request, username=str(credentials.get("username", ""))[:150]
    )
