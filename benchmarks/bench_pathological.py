"""Time extraction on pathological inputs at growing sizes; prints seconds and the growth ratio.

Linear code takes about ten times as long when the input grows tenfold (ratio ~10); quadratic
code ~100. Each run is a child process with a time limit and a memory cap, so a blow-up is
reported as "timeout" or "memory" instead of taking the machine down. Cells are CPU seconds of
the extraction (the machine may be shared) and the claims found; the wall-clock seconds of the
largest size are printed last. An input passes when it takes under LIMIT_SECONDS at 1 MB and
its ratio between the last two sizes stays within MAX_RATIO (issue 14).

    python benchmarks/bench_pathological.py [--sizes 100000,1000000] [--only said]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
from collections.abc import Callable


def _repeat(unit: str) -> Callable[[int], str]:
    """`unit` repeated to exactly `n` characters."""
    return lambda n: (unit * (n // len(unit) + 1))[:n]


CLAIM = " Officials said 5 troops left."
"""Ends every input without numbers of its own, so the whole pipeline (sentences, speakers,
names) runs over it, not only the number finder."""


def _with_claim(make: Callable[[int], str]) -> Callable[[int], str]:
    """`make`'s text cut to leave room for CLAIM at its end."""
    return lambda n: make(n - len(CLAIM)) + CLAIM


def _counting(n: int) -> str:
    """'1,2,3,...,' up to `n` characters: ever longer numbers joined by commas."""
    out, size, i = [], 0, 1
    while size < n:
        out.append(f"{i},")
        size += len(out[-1])
        i += 1
    return "".join(out)[:n]


INPUTS: dict[str, Callable[[int], str]] = {
    # digits
    "digits and commas": _repeat("1,234,"),
    "digits only": _with_claim(lambda n: "9" * n),
    "counting 1,2,3": _counting,
    "dots without sentences": _repeat("1."),
    "dotted digits 1.1.1": _repeat("1.1.1."),
    "dashed digits 12-34": _repeat("12-34-"),
    "unicode digits": _repeat("\u0665 \uff17 "),
    "ones": _repeat("1 "),
    "ones with stops": _repeat("1 1 1. "),
    "about 1 million troops": _repeat("about 1 million troops, "),
    # lines
    "no spaces or stops": _with_claim(_repeat("troopsandtanks")),
    "newlines": _with_claim(lambda n: "\n" * n),
    "newline every 4 chars": _repeat("5 a\n"),
    "glued labels": _repeat("Deaths80\n"),
    "table rows": _repeat("Region 12 345 6,789\n"),
    "one long table row": lambda n: "Total" + _repeat(" 12")(n - 5),
    "list line": _repeat("Refugees 5.5; Deaths 0.5; "),
    "figure lines": _repeat("1,450\nFatalities Reported\n"),
    # quotes, dashes, names
    "quotes and dashes": _repeat("\u201c5\u2013"),
    "straight quotes": _repeat('"5" '),
    "quoted speakers": _repeat("\u201cWe lost 5,\u201d she said. "),
    "capitalised words": _with_claim(_repeat("Minister Kim Lee Park ")),
    "one capitalised word": _with_claim(lambda n: "A" * n),
    "capital lines": _with_claim(_repeat("\nAB")),
    "newline then capitals": _with_claim(lambda n: "\n" + "A" * (n - 1)),
    "transcript turns": _repeat("MS. LEE: 5 troops.\n"),
    # attribution
    "he said 5": _repeat("He said 5 "),
    "on Monday officials said": _repeat("on Monday, officials said 5 troops. "),
    "said with stops": _repeat("He said 5. "),
    "according to": _repeat("according to the UN 5 "),
    "the agency said": _repeat("The UN said 5. The agency said 6. "),
    "quoted as saying": _repeat("the paper quoted the agency as noting 5 "),
    "citing": _repeat("Reuters reported 5, citing officials "),
    "short sentences": lambda n: "Xx. " * (n // 4 - 8) + "Officials said 5 boats sank.",
}

LIMIT_SECONDS = 10.0
"""Seconds an input of 1 MB may take (issue 14)."""

MAX_RATIO = 12.0
"""Growth from 100 KB to 1 MB a near-linear extraction stays within (issue 14)."""

MEMORY_CAP = 3 * 1024**3
"""Bytes a child may map: linear extraction of a megabyte needs a small fraction of it."""


def child(name: str, size: int) -> None:
    """Run one extraction and print its wall and CPU seconds and claim count (in the child)."""
    import time

    from estimates.claims import extract_claims
    from estimates.documents import Document
    from estimates.lexicon import load_lexicon

    lexicon = load_lexicon()
    extract_claims(Document(id="warm", text="about 5 troops"), lexicon)
    doc = Document(id="bench", text=INPUTS[name](size), published="2024-05-01")
    start, cpu = time.perf_counter(), time.process_time()
    claims = extract_claims(doc, lexicon)
    print(f"{time.perf_counter() - start:.3f} {time.process_time() - cpu:.3f} {len(claims)}")


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(name: str, size: int, timeout: float) -> tuple[float | None, float | None, str]:
    """Wall and CPU seconds (None when it failed) and a cell to print."""
    cmd = [sys.executable, __file__, "--child", name, str(size)]
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, preexec_fn=_cap_memory
        )
    except subprocess.TimeoutExpired:
        return None, None, "timeout"
    if done.returncode != 0:
        failed = "memory" if "MemoryError" in done.stderr or done.returncode < 0 else "error"
        return None, None, failed
    wall, cpu, claims = done.stdout.split()
    return float(wall), float(cpu), f"{float(cpu):.2f}s/{claims}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="characters, comma-separated")
    parser.add_argument("--only", default=None, help="run only inputs whose name contains this")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    head = " ".join(f"{n:>15,}" for n in sizes)
    print(f"{'input (CPU seconds/claims)':26} {head}  ratio   wall  verdict")
    failures = 0
    for name in INPUTS:
        if args.only and args.only not in name:
            continue
        results = [run(name, n, args.timeout) for n in sizes]
        cpu = [c for _, c, _ in results]
        last, before = cpu[-1], cpu[-2] if len(cpu) > 1 else None
        ratio = last / max(before, 0.01) if last is not None and before is not None else None
        wall = results[-1][0]
        ok = wall is not None and wall < LIMIT_SECONDS and (ratio is None or ratio <= MAX_RATIO)
        failures += not ok
        cells = " ".join(f"{c:>15}" for _, _, c in results)
        shown = f"{ratio:5.1f}" if ratio is not None else "    -"
        walls = f"{wall:6.2f}" if wall is not None else "     -"
        print(f"{name:26} {cells}  {shown} {walls}  {'ok' if ok else 'SLOW'}", flush=True)
    print(f"{failures} input(s) over {LIMIT_SECONDS:.0f} s or growing more than {MAX_RATIO:.0f}x")


if __name__ == "__main__":
    main()
