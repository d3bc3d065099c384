"""Benchmark: extraction time per 2,000 characters of press-release text, after warm-up,
against a baseline measured in the same run: one pass of Python's own regular-expression
tokeniser over the same text (the least any text reader must do).

    .venv/bin/python benchmarks/extraction.py [FILE ...]

Without files it uses the project's own example texts. Target: ≤ 50 ms per 2,000 characters.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sinergi.extraction.engine import _TOKEN_RX, extract  # noqa: E402

TEXTS = Path(__file__).resolve().parent.parent / "src/sinergi/extraction/tests/texts"


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


def main():
    files = [Path(a) for a in sys.argv[1:]] or sorted(TEXTS.glob("*.txt"))
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
    print(f"extract(), median per 2,000 characters: {ms:.1f} ms (target ≤ 50 ms)")
    print(f"baseline tokenise only, same chunks: {base_ms:.2f} ms")
    print(f"ratio extract/baseline: {ms / base_ms:.0f}")
    print(f"within target: {'yes' if ms <= 50 else 'NO'}")


if __name__ == "__main__":
    main()
