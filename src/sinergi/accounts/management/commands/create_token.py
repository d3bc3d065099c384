"""sinergi create_token USERNAME [--name NAME]: a personal API token, its key printed once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sinergi.accounts.tokens import create_token


class Command(BaseCommand):
    help = "Make a personal API token for a user and print its key (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="CLI", help="what the token is for")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        token, key = create_token(user, name)
        self.stdout.write(key)
        self.stderr.write(
            f"Token {token.name!r} ({token.prefix}…) for {username}: send it as "
            "'Authorization: Token <key>'. The key is not stored; keep it now."
        )
