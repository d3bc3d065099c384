"""Compile or check the translation catalogues without GNU gettext.

python scripts/messages.py --compile   write every locale's django.mo from its django.po
python scripts/messages.py --check     fail if a .po has an untranslated, fuzzy or twice-entered
                                       entry, or if its committed .mo is not the compilation of
                                       the .po
"""

import argparse
import io
import re
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "sinergi" / "locale"


def duplicates(po_path: Path) -> list[str]:
    """Messages entered twice (e.g. by two merged branches): the catalogue would keep one of
    the translations silently."""
    seen, problems = set(), []
    for entry in re.split(r"\n\s*\n", po_path.read_text(encoding="utf-8")):
        parts: dict = {}
        current = None
        for line in entry.splitlines():
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr\S*)\s+"(.*)"$', line)
            if match:
                current = match.group(1)
                parts[current] = match.group(2)
            elif line.startswith('"') and current:
                parts[current] += line[1:-1]
        key = (parts.get("msgctxt"), parts.get("msgid"))
        if key[1]:
            if key in seen:
                problems.append(f"{po_path}: entered twice: {key[1][:80]!r}")
            seen.add(key)
    return problems


def compiled(po_path: Path) -> tuple[bytes, list[str]]:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    problems = duplicates(po_path)
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
