"""Time extraction on pathological inputs at growing sizes; prints seconds and the growth ratio.

Linear code takes about twice as long when the input doubles (ratio ~2); quadratic code ~4.
Each run is a child process with a time limit and a memory cap, so a blow-up is reported as
"timeout" or "memory" instead of taking the machine down.

    python benchmarks/bench_pathological.py [--sizes 50000,100000,200000] [--only ones]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
from collections.abc import Callable

INPUTS: dict[str, Callable[[int], str]] = {
    "digits and commas": lambda n: ("1,234," * (n // 6 + 1))[:n],
    "digits only": lambda n: "7" * n,
    "no spaces or stops": lambda n: ("troopsandtanks" * (n // 14 + 1))[:n],
    "ones": lambda n: ("1 " * (n // 2 + 1))[:n],
    "ones with stops": lambda n: ("1 1 1. " * (n // 7 + 1))[:n],
    "about 1 million troops": lambda n: ("about 1 million troops, " * (n // 24 + 1))[:n],
    "dots without sentences": lambda n: ("1." * (n // 2 + 1))[:n],
    "newlines": lambda n: "\n" * n,
    "quotes and dashes": lambda n: ("\u201c5\u2013" * (n // 3 + 1))[:n],
}

MEMORY_CAP = 3 * 1024**3
"""Bytes a child may map: linear extraction of a few hundred KB needs a small fraction of it."""


def child(name: str, size: int) -> None:
    """Run one extraction and print its seconds and claim count (in the child process)."""
    import time

    from estimates.claims import extract_claims
    from estimates.documents import Document
    from estimates.lexicon import load_lexicon

    lexicon = load_lexicon()
    extract_claims(Document(id="warm", text="about 5 troops"), lexicon)
    doc = Document(id="bench", text=INPUTS[name](size))
    start = time.perf_counter()
    claims = extract_claims(doc, lexicon)
    print(f"{time.perf_counter() - start:.3f} {len(claims)}")


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(name: str, size: int, timeout: float) -> tuple[float | None, str]:
    """Seconds (None when it failed) and a cell to print."""
    cmd = [sys.executable, __file__, "--child", name, str(size)]
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, preexec_fn=_cap_memory
        )
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if done.returncode != 0:
        return None, "memory" if "MemoryError" in done.stderr or done.returncode < 0 else "error"
    seconds, claims = done.stdout.split()
    return float(seconds), f"{float(seconds):.2f}s/{claims}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--sizes", default="50000,100000,200000", help="characters, comma-separated"
    )
    parser.add_argument("--only", default=None, help="run only inputs whose name contains this")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'input (seconds/claims)':24} " + " ".join(f"{n:>16,}" for n in sizes) + "  ratio")
    for name in INPUTS:
        if args.only and args.only not in name:
            continue
        results = [run(name, n, args.timeout) for n in sizes]
        times = [t for t, _ in results]
        last, before = times[-1], times[-2] if len(times) > 1 else None
        ratio = f"{last / before:5.1f}" if last and before else "    -"
        print(f"{name:24} " + " ".join(f"{c:>16}" for _, c in results) + f"  {ratio}", flush=True)


if __name__ == "__main__":
    main()
