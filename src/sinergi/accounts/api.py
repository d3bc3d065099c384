"""POST /api/v1/auth/token/: a personal API token for a username and password, counted and
locked out exactly like the sign-in form (django-axes: the same failures, limit and cool-off)."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from sinergi.accounts.lockout import locked_message
from sinergi.accounts.tokens import create_token


class LockedOut(APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"
    default_detail = gettext_lazy("Too many failed sign-ins.")


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    name = serializers.CharField(
        max_length=100, required=False, help_text="what the token is for (shown in your list)"
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="the key: shown this once, send it as Token <key>")
    name = serializers.CharField()
    prefix = serializers.CharField()
    created_at = serializers.DateTimeField()


def locked_out() -> LockedOut:
    return LockedOut(locked_message())


class TokenView(APIView):
    """Make a personal API token with a username and password (for scripts that cannot open
    the API tokens page). Failed attempts count towards the sign-in form's lockout."""

    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = TokenRequestSerializer

    @extend_schema(request=TokenRequestSerializer, responses={201: TokenSerializer})
    def post(self, request, format=None):
        payload = TokenRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        http = request._request
        credentials = {"username": data["username"]}
        if not AxesProxyHandler.is_allowed(http, credentials):
            raise locked_out()
        user = authenticate(http, username=data["username"], password=data["password"])
        if getattr(http, "axes_locked_out", False):  # this failure reached the limit
            http.axes_locked_out = False  # answered here, as JSON, not by axes' page
            raise locked_out()
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                {"non_field_errors": [_("The username or password is wrong.")]}
            )
        user_logged_in.send(sender=type(user), request=http, user=user)  # resets the failures
        name = data.get("name") or _("API, %(date)s") % {
            "date": timezone.localtime().strftime("%Y-%m-%d %H:%M")
        }
        token, key = create_token(user, name)
        body = {"token": key, "name": token.name, "prefix": token.prefix,
                "created_at": token.created_at}  # fmt: skip
        return Response(TokenSerializer(body).data, status=status.HTTP_201_CREATED)
