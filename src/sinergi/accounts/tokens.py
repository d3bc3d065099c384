"""Personal API tokens: made (the key returned once), found by key, touched, revoked."""

import datetime
import hashlib
import secrets

from django.utils import timezone

from sinergi.accounts.models import ApiToken

KEY_PREFIX = "sng_"  # recognisable in a leaked file or a secret scanner
TOUCH_EVERY = datetime.timedelta(minutes=1)  # last use is written at most once a minute


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(user, name: str) -> tuple[ApiToken, str]:
    """A new token of `user` and its key (shown to the user once; only its digest is kept)."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=key[:12], key_digest=digest(key)
    )
    return token, key


def find_token(key: str) -> ApiToken | None:
    """The active token with this key (its user active too), or None."""
    if not key or len(key) > 200:
        return None
    return ApiToken.objects.active().select_related("user").filter(key_digest=digest(key)).first()


def touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def revoke(user, pk: int) -> ApiToken | None:
    """Revoke one of `user`'s own tokens (a token of someone else is not found)."""
    token = ApiToken.objects.filter(user=user, pk=pk, revoked_at__isnull=True).first()
    if token is not None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
