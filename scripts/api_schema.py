"""The API's OpenAPI schema, committed in docs/api/openapi.yaml.

python scripts/api_schema.py --write   regenerate the file after changing the API
python scripts/api_schema.py --check   fail when the file differs from what the code generates
                                       (make check runs it)
"""

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "docs" / "api" / "openapi.yaml"
REGENERATE = "python scripts/api_schema.py --write"


def generate(path: Path) -> None:
    sinergi = Path(sys.executable).with_name("sinergi")
    command = [str(sinergi), "spectacular", "--file", str(path), "--lang", "en", "--validate",
               "--fail-on-warn"]  # fmt: skip
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1")}
    # The schema must not depend on the database engine (integer ranges differ between SQLite and
    # PostgreSQL): it is always generated against the embedded SQLite default.
    env.pop("DATABASE_URL", None)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        sys.exit(f"The schema could not be generated:\n{done.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true")
    group.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.write:
        generate(SCHEMA)
        print(f"wrote {SCHEMA.relative_to(ROOT)}")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "openapi.yaml"
        generate(fresh)
        new = fresh.read_text().splitlines(keepends=True)
    old = SCHEMA.read_text().splitlines(keepends=True) if SCHEMA.exists() else []
    if old == new:
        print(f"{SCHEMA.relative_to(ROOT)} is up to date")
        return 0
    diff = difflib.unified_diff(old, new, "committed", "generated", n=1)
    sys.stdout.writelines(list(diff)[:80])
    print(f"\n{SCHEMA.relative_to(ROOT)} differs from the API's code: run `{REGENERATE}` and "
          "commit the file (the API changed, so its documented schema must too).")  # fmt: skip
    return 1


if __name__ == "__main__":
    sys.exit(main())
