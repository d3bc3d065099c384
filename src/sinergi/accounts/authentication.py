"""Personal API tokens as DRF authentication, in the three ways clients send them:
`Authorization: Token <key>` (DRF's), `Bearer <key>` (OAuth-style tools) and `ApiToken <key>`
(DHIS2's personal access tokens). Every history row a token's request writes names the token as
its reason (see `history_reason` and indicators/bulk.py)."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from sinergi.accounts.tokens import find_token, touch
from sinergi.core.models import current_change_reason

KEYWORDS = {"token", "bearer", "apitoken"}


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode("latin-1").lower() not in KEYWORDS:
            return None  # another scheme (Basic, a session): not ours to judge
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as “Authorization: Token <key>”, with no spaces in the key.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            key = ""
        token = find_token(key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("Unknown or revoked API token: make a new one on your API tokens page.")
            )
        touch(token)
        # what history records as the reason of this request's changes (stored data, not a
        # sentence: the same in every language)
        request._request.history_reason = f"API: {token.name} ({token.prefix}…)"[:100]
        return token.user, token

    def authenticate_header(self, request):
        return 'Token realm="api"'


def history_reason(sender, history_instance, **kwargs):
    """simple-history's pre_create_historical_record: a change made through a token names it in
    the history row's reason (the user is recorded as always)."""
    reason = current_change_reason()
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason
