from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sinergi.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth import signals

        from sinergi.accounts.signals import on_login, on_login_failed, on_logout

        signals.user_logged_in.connect(on_login, dispatch_uid="sinergi-login")
        signals.user_logged_out.connect(on_logout, dispatch_uid="sinergi-logout")
        signals.user_login_failed.connect(on_login_failed, dispatch_uid="sinergi-login-failed")

        from simple_history.signals import pre_create_historical_record

        from sinergi.accounts.authentication import history_reason

        pre_create_historical_record.connect(history_reason, dispatch_uid="sinergi-api-token")
