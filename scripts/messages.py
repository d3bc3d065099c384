"""Compile or check the translation catalogues without GNU gettext.

python scripts/messages.py --compile   write every locale's django.mo from its django.po
python scripts/messages.py --check     fail if a .po has an untranslated or fuzzy entry, or if
                                       its committed .mo is not the compilation of the .po
"""

import argparse
import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "sinergi" / "locale"


def compiled(po_path: Path) -> tuple[bytes, list[str]]:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"{po_path}: untranslated: {message.id!r}")
        if message.fuzzy:
            problems.append(f"{po_path}: fuzzy: {message.id!r}")
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue(), problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--compile", action="store_true")
    action.add_argument("--check", action="store_true")
    args = parser.parse_args()
    failures = []
    po_files = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))
    if not po_files:
        failures.append(f"no catalogue under {LOCALE_DIR}")
    for po_path in po_files:
        data, problems = compiled(po_path)
        mo_path = po_path.with_suffix(".mo")
        if args.compile:
            mo_path.write_bytes(data)
            print(f"compiled {mo_path}")
        elif not mo_path.exists() or mo_path.read_bytes() != data:
            problems.append(f"{mo_path} is stale: run `make messages`")
        failures.extend(problems)
    for line in failures:
        print(line, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
