"""Benchmark: how fast, and in how much memory, Sinergi refuses each hostile file of issue 13,
against a baseline measured in the same run (the same code path reading an ordinary small file).

    .venv/bin/python benchmarks/hostile.py

Each file is built full size (the 73 KB workbook holding 1.1 GB of sheet XML, the docx that
unpacked to 2.4 GB, a 5 MB text, ...), then handed to the real code path in a fresh child process:
`import_values` (the import page and `sinergi import`) for spreadsheets, the text-import form
(`TextForm`, then the extraction the page runs) for texts, and the API's JSON parser for bodies.
The child reports the time of that call; its peak resident memory (the whole process, Django
included) comes from os.wait4. Target: each refusal < 1 s and < 150 MB.

Building the bombs takes about a minute (bzip2 packs 1.1 GB of whitespace into ~1 KB, slowly).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
GB, MB = 1024**3, 1024**2

CHILD = r"""
import io, json, os, resource, sys, time
import django
django.setup()
kind, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
if kind == "import":
    from sinergi.indicators.imports import import_values
    result = import_values(__import__("pathlib").Path(path), dry_run=True)
    outcome = result.problems[0].message if result.problems else "accepted"
elif kind == "text":
    from django.core.files.uploadedfile import SimpleUploadedFile
    from sinergi.extraction.forms import TextForm
    from sinergi.extraction.services import analyse
    from sinergi.extraction.views import TIME_BUDGET
    form = TextForm({}, {"upload": SimpleUploadedFile(os.path.basename(path), data)})
    if form.is_valid():
        analyse(form.cleaned_data["text"], TIME_BUDGET)
        outcome = "accepted"
    else:
        outcome = " ".join(str(e) for errors in form.errors.values() for e in errors)
else:
    from rest_framework.exceptions import ParseError
    from sinergi.core.parsers import LimitedJSONParser
    try:
        LimitedJSONParser().parse(io.BytesIO(data), "application/json", {})
        outcome = "accepted"
    except ParseError as error:
        outcome = str(error.detail)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "before_kb": before, "outcome": outcome}))
"""


def build(folder: Path) -> list[tuple[str, str, Path]]:
    from sinergi.core.tests import hostile_files as h

    files = [
        ("baseline: 10-row CSV", "import", "normal.csv", h.csv_rows(10)),
        ("baseline: 10-row XLSX", "import", "normal.xlsx", h.xlsx_rows(10)),
        ("baseline: minutes .docx (read + extracted)", "text", "normal.docx",
         h.docx((ROOT / "src/sinergi/extraction/data/founding-minutes.txt").read_text()
                .splitlines())),
        ("baseline: small JSON body", "json", "normal.json", h.flat_json()),
        ("XLSX, 1.1 GB of sheet XML (bzip2)", "import", "bomb.xlsx", h.xlsx_bomb(1100 * MB)),
        ("XLSX, 1.1 GB of sheet XML (deflate)", "import", "bomb-deflate.xlsx",
         h.xlsx_bomb(1100 * MB, zipfile.ZIP_DEFLATED)),
        ("XLSX, 20,000 rows with a value in column XFD", "import", "wide.xlsx",
         h.xlsx_far_columns(20_000)),
        ("XLSX, 250,000 rows, extent stated (as Excel)", "import", "rows-dim.xlsx",
         h.xlsx_rows(250_000, dimension=True)),
        ("XLSX, 250,000 rows, no extent stated", "import", "rows.xlsx", h.xlsx_rows(250_000)),
        ("XLSX, a 1 MB cell", "import", "cell.xlsx", h.xlsx_long_cell(MB)),
        ("XLSX, XML entity declarations", "import", "entities.xlsx", h.xlsx_entities()),
        ("XLSX, 20 M empty elements in sheetData", "import", "elements.xlsx",
         h.xlsx_elements(20_000_000)),
        ("XLSX, 12 M shared strings", "import", "strings.xlsx", h.xlsx_shared_strings(12_000_000)),
        ("XLSX, 1E300 in a date-formatted cell", "import", "date.xlsx", h.xlsx_date_cell(b"1E300")),
        ("CSV, a 200,000-character field", "import", "field.csv", h.csv_long_field(200_000)),
        ("CSV, 250,000 rows", "import", "rows.csv", h.csv_rows(250_000)),
        ("DOCX, 2.4 GB of document XML (bzip2)", "text", "bomb.docx", h.docx_bomb(2400 * MB)),
        ("DOCX, XML entity declarations", "text", "entities.docx", h.docx_entities()),
        ("DOCX, 36 M empty paragraphs", "text", "empty.docx",
         h.docx_empty_paragraphs(36_000_000)),
        ("DOCX, 3.3 M empty paragraphs (20 MB part)", "text", "empty-20mb.docx",
         h.docx_empty_paragraphs(3_300_000)),
        ("DOCX, 150,000 characters of text", "text", "long.docx", h.docx(["kata " * 30_000])),
        ("TXT, 5 MB (the documented limit)", "text", "long.txt", h.text_of(5 * MB)),
        ("JSON body nested 100,000 deep", "json", "deep.json", h.deep_json(100_000)),
    ]  # fmt: skip
    built = []
    for label, kind, name, content in files:
        path = folder / name
        path.write_bytes(content)
        built.append((label, kind, path))
    return built


def refuse(kind: str, path: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sinergi.settings", "DEBUG": "0",
           "SECRET_KEY": "benchmark-only", "PYTHONPATH": str(ROOT / "src")}  # fmt: skip
    child = subprocess.Popen(  # noqa: S603 — our own interpreter and script
        [sys.executable, "-c", CHILD, kind, str(path)], env=env, stdout=subprocess.PIPE
    )
    output = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) == 0:
        report = json.loads(output)
    else:
        report = {"seconds": float("nan"), "before_kb": 0, "outcome": "crashed"}
    report["peak_mb"] = usage.ru_maxrss / 1024
    report["setup_mb"] = report["before_kb"] / 1024
    return report


def main():
    folder = Path(tempfile.mkdtemp())
    os.environ.setdefault("DATABASE_URL", "sqlite:///" + str(folder / "bench.sqlite3"))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sinergi.cli", "migrate", "--verbosity", "0"],
        env={**os.environ, "DEBUG": "0", "SECRET_KEY": "benchmark-only",
             "PYTHONPATH": str(ROOT / "src")},
        check=True,
    )  # fmt: skip
    files = build(folder)
    print(f"built {len(files)} files in {time.perf_counter() - started:.0f} s "
          f"({os.cpu_count()} cores)\n")  # fmt: skip
    print(f"{'file':<46}{'size':>10}{'time':>9}{'peak RSS':>10}{'+ over setup':>14}  outcome")
    worst_time = worst_memory = 0.0
    for label, kind, path in files:
        report = refuse(kind, path)
        size = path.stat().st_size
        size_text = f"{size / MB:.1f} MB" if size >= MB else f"{size / 1024:.1f} KB"
        extra = report["peak_mb"] - report["setup_mb"]
        print(f"{label:<46}{size_text:>10}{report['seconds']:8.3f}s{report['peak_mb']:8.0f} MB"
              f"{extra:+11.0f} MB  {report['outcome'][:70]}", flush=True)  # fmt: skip
        if not label.startswith("baseline"):
            worst_time = max(worst_time, report["seconds"])
            worst_memory = max(worst_memory, report["peak_mb"])
    verdict = "met" if worst_time < 1 and worst_memory < 150 else "NOT met"
    print(f"\nslowest refusal {worst_time:.3f} s, largest peak {worst_memory:.0f} MB: target "
          f"(< 1 s, < 150 MB) {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
