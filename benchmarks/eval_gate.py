"""Eval gate: run the shared scorers and fail when a score falls below its pinned floor.

    python benchmarks/eval_gate.py [--shared DIR] [--json]

Floors live in benchmarks/eval_floors.json, next to this script; raise one in the same commit
that raises its score, so a later change cannot give the gain back unnoticed. The scorers and
corpora are not part of the repository: without ../shared (or --shared, or ESTIMATES_SHARED)
the gate says so and passes, so a user's clone tests on its own.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS = Path(__file__).resolve().parent / "eval_floors.json"

HEADROOM = 0.02
"""A score this far above its floor gets a note asking to raise the floor."""

RUNS = {
    "score": ("eval/score.py", True),
    "grouping": ("eval/grouping.py", True),
    "newsquant": ("eval/newsquant.py", False),
}
"""Scorer name -> (script under the shared folder, whether it takes a corpus argument)."""


def shared_folder(given: str | None) -> Path | None:
    """The shared eval folder: --shared, else ESTIMATES_SHARED, else ../shared beside the repo."""
    for candidate in (given, os.environ.get("ESTIMATES_SHARED"), str(ROOT.parent / "shared")):
        if candidate and (Path(candidate) / "eval" / "score.py").is_file():
            return Path(candidate)
    return None


def run_scorer(shared: Path, scorer: str, corpus: str | None) -> dict[str, float]:
    """One scorer's figures as a flat dict (its --json output)."""
    script, takes_corpus = RUNS[scorer]
    argv = [sys.executable, str(shared / script)]
    if takes_corpus and corpus:
        argv.append(str(shared / "corpus" / corpus))
    argv.append("--json")
    done = subprocess.run(argv, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        sys.exit(f"eval_gate: {' '.join(argv[1:])} failed:\n{done.stderr[-1500:]}")
    lines = [ln for ln in done.stdout.splitlines() if ln.strip().startswith("{")]
    if not lines:
        sys.exit(f"eval_gate: {script} printed no JSON figures")
    figures = json.loads(lines[-1])
    return {k: float(v) for k, v in _flat(figures).items() if isinstance(v, int | float)}


def _flat(d: dict[str, object], prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}."))
        elif isinstance(v, list) and len(v) == 3:  # [P, R, F1], as newsquant.py prints
            out.update(zip((f"{prefix}{k}.p", f"{prefix}{k}.r", f"{prefix}{k}.f1"), v, strict=True))
        else:
            out[f"{prefix}{k}"] = v
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", help="the shared folder (eval/, corpus/, benchmarks/)")
    ap.add_argument("--json", action="store_true", help="print every measured figure as JSON")
    args = ap.parse_args()
    shared = shared_folder(args.shared)
    if shared is None:
        print("eval_gate: no shared scorers found (../shared); skipped")
        return 0
    floors: dict[str, dict[str, float]] = json.loads(FLOORS.read_text(encoding="utf-8"))
    failures, measured = [], {}
    for run, pinned in floors.items():
        scorer, _, corpus = run.partition(":")
        figures = run_scorer(shared, scorer, corpus or None)
        measured[run] = figures
        for key, floor in pinned.items():
            got = figures.get(key)
            if got is None:
                failures.append(f"{run} {key}: not printed by the scorer")
            elif got + 1e-9 < floor:
                failures.append(f"{run} {key}: {got:.3f} is below its floor {floor:.3f}")
            else:
                note = "  (raise the floor)" if got > floor + HEADROOM * max(1, floor) else ""
                print(f"eval_gate: {run} {key} {got:.3f} >= {floor:.3f}{note}")
    if args.json:
        print(json.dumps(measured, indent=1))
    for line in failures:
        print(f"eval_gate: FAIL {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
