"""The `sinergi` console script: Django management commands with Sinergi's settings."""

import os
import secrets
import sys

# Commands that sign nothing and serve nothing run without a configured SECRET_KEY, so that
# `sinergi ingest FILE --json` works on any machine with the package installed.
KEYLESS_COMMANDS = {"ingest"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
    if sys.argv[1:2] and sys.argv[1] in KEYLESS_COMMANDS and "--save" not in sys.argv:
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sinergi", *sys.argv[1:]])


if __name__ == "__main__":
    main()
