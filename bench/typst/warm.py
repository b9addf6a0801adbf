#!/usr/bin/env python3
"""Typst's time per PDF in a warm process, for BENCHMARKS.md: the sample
compiled again and again by one `typst.Compiler` (the PyPI package
`typst`), as a service would keep one. Prints the median and the fastest.

Typst memoises its work between compilations of the same input, so a
repeated compile of an unchanged document is partly served from that cache:
the figure is a floor for what a service rendering different reports gets.

    python3 bench/typst/warm.py [RUNS]
"""

import pathlib
import statistics
import sys
import time

import typst

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    compiler = typst.Compiler(
        str(ROOT / "bench/typst/sample.typ"),
        root=str(ROOT),
        font_paths=[str(ROOT / "fonts")],
    )
    start = time.perf_counter()
    pdf = compiler.compile()
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        compiler.compile()
        times.append(time.perf_counter() - start)
    print(
        f"| typst {typst.__version__} (PyPI `typst`), warm Compiler | "
        f"{statistics.median(times) * 1000:.1f} ms median, {min(times) * 1000:.1f} ms fastest, "
        f"{first * 1000:.0f} ms first, of {runs} | {len(pdf)} bytes |"
    )


if __name__ == "__main__":
    main()
