"""Benchmark: extraction time per 2,000 characters of press-release text, after warm-up,
against a baseline measured in the same run (one pass of Python's own regular-expression
tokeniser over the same text), and the score on annotated texts.

    .venv/bin/python benchmarks/extraction.py [FILE ...] [--halves] [--verbose]

Without files it times the project's own example texts. Target: ≤ 20 ms per 2,000 characters.
It then scores, in this process and with the shared scorer (../shared/tools/extraction_score.py,
the same one `extraction_score.py DIR` runs through `sinergi ingest --json`):
  - the sixteen development texts (../shared/data/articles/dev), when present;
  - with --halves, their two fixed halves apart (A: 02 12 18 22 26 30 34 38, B: the rest), so a
    rule written looking at one half is judged on the other;
  - the project's own annotated texts (src/sinergi/extraction/tests/texts/gold), written before
    the rules they were then used to check;
  - the held-out own texts (texts/heldout), written after the rules and not tuned on: keep them
    so (write new ones into gold/ to tune on).
"""

import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sinergi.extraction.engine import _TOKEN_RX, extract  # noqa: E402

TEXTS = ROOT / "src/sinergi/extraction/tests/texts"
GOLD = TEXTS / "gold"
HELDOUT = TEXTS / "heldout"
ARTICLES = ROOT.parent / "shared" / "data" / "articles"
SCORER = ROOT.parent / "shared" / "tools" / "extraction_score.py"
HALF_A = {"02", "12", "18", "22", "26", "30", "34", "38"}
TARGET_MS = 20


def chunks_of_2000(texts):
    joined = "\n".join(texts)
    while len(joined) < 2000:
        joined += "\n" + joined
    return [joined[i : i + 2000] for i in range(0, len(joined) - 1999, 2000)]


def timed(function, text, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def scorer():
    spec = importlib.util.spec_from_file_location("extraction_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(files, verbose=False):
    """Per-field F1 and the macro-F1 of the shared scorer over `files` (gold .json paths)."""
    module = scorer()
    acc = module.Acc()
    for gold_file in files:
        text = gold_file.with_suffix(".txt").read_text()
        module.score_one(extract(text), json.loads(gold_file.read_text()), acc)
    fields = {k: module.prf(*acc.d[k])[2] for k in module.MAIN if k in acc.d}
    macro = sum(fields.values()) / len(fields) if fields else 0.0
    if verbose:
        for k in sorted(acc.d):
            print(f"    {k:26s} F1={module.prf(*acc.d[k])[2]:.3f}  (tp, pred, gold = {acc.d[k]})")
    return macro, fields


def line(label, files, verbose):
    macro, fields = score(files, verbose)
    short = " ".join(f"{k.split('.')[0][:5]}={v:.2f}" for k, v in fields.items())
    print(f"{label:22s} macro-F1 {macro:.3f} over {len(files):2d} texts  {short}")


def timing(files):
    texts = [f.read_text() for f in files]
    chunks = chunks_of_2000(texts)
    started = time.perf_counter()
    extract(chunks[0])  # warm-up: loads the 91,600 Kemendagri names once per process
    print(f"warm-up (region names loaded): {(time.perf_counter() - started) * 1000:.0f} ms")
    per_chunk = [timed(extract, chunk, 7) for chunk in chunks]
    baseline = [timed(lambda t: list(_TOKEN_RX.finditer(t)), chunk, 7) for chunk in chunks]
    ms = statistics.median(per_chunk) * 1000
    base_ms = statistics.median(baseline) * 1000
    print(f"texts: {len(files)}, chunks of 2,000 characters: {len(chunks)}")
    print(f"extract(), median per 2,000 characters: {ms:.1f} ms (target ≤ {TARGET_MS} ms)")
    print(f"baseline tokenise only, same chunks: {base_ms:.2f} ms")
    print(f"ratio extract/baseline: {ms / base_ms:.0f}")
    print(f"within target: {'yes' if ms <= TARGET_MS else 'NO'}")


def main():
    args = sys.argv[1:]
    halves, verbose = "--halves" in args, "--verbose" in args
    files = [Path(a) for a in args if not a.startswith("--")]
    timing(files or sorted(TEXTS.glob("*.txt")) + sorted(GOLD.glob("*.txt")))
    dev = sorted((ARTICLES / "dev").glob("*.json"))
    if dev and SCORER.exists():
        line("development (16)", dev, verbose)
        if halves:
            line("  half A", [f for f in dev if f.stem in HALF_A], False)
            line("  half B", [f for f in dev if f.stem not in HALF_A], False)
    else:
        print("development texts or scorer not present: no dev score")
    own = sorted(GOLD.glob("*.json"))
    if own and SCORER.exists():
        line("own annotated texts", own, verbose and halves)
    held = sorted(HELDOUT.glob("*.json"))
    if held and SCORER.exists():
        line("own held-out texts", held, False)


if __name__ == "__main__":
    main()
