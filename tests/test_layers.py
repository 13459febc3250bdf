"""The stages import only downwards along the data's path (issue 11): documents < claims <
ledger < reconcile < report < batch < tracker < cli, with the shared modules (errors, dates,
lexicon, settings) below them all. Every import counts, including those inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "estimates"

LAYERS = {
    "errors": 0, "dates": 0, "settings": 0, "lexicon": 0,
    "documents": 1, "claims": 2, "ledger": 3, "reconcile": 4, "report": 5, "batch": 6,
    "tracker": 7, "cli": 8, "__main__": 9,
}  # fmt: skip
"""Rank of each top-level module or package of `estimates`: a module may import its own rank
and lower ones, never a higher one."""


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every `estimates.*` module `source` (the text of `module`) imports, absolute or
    relative, wherever the import sits."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            found.add(name)
            found |= {f"{name}.{a.name}" for a in node.names}  # `from pkg import module`
    return {m for m in found if m.split(".")[0] == "estimates"}


def _upward(source: str, module: str, is_package: bool = False) -> list[str]:
    own = _layer(module)
    if own is None:  # the package root only re-exports lazily
        return []
    found = _imports(source, module, is_package)
    return sorted(m for m in found if (layer := _layer(m)) and LAYERS[layer] > LAYERS[own])


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


FILES = sorted(PACKAGE.rglob("*.py"))


def test_every_top_level_module_has_a_layer() -> None:
    tops = {_module(p).split(".")[1] for p in FILES if _module(p) != "estimates"}
    assert tops <= set(LAYERS), tops - set(LAYERS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: _module(p))
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    module = _module(path)
    upward = _upward(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
    assert not upward, f"{module} imports upward: {upward}"


def test_the_check_sees_imports_inside_functions_and_relative_ones() -> None:
    """The old report/data.py imported the tracker inside a function: that is caught."""
    lazy = "def load():\n    from estimates.tracker import Tracker\n"
    assert _upward(lazy, "estimates.report.data") == [
        "estimates.tracker",
        "estimates.tracker.Tracker",
    ]
    relative = "from ..cli import options\n"
    assert _upward(relative, "estimates.report.build") == [
        "estimates.cli",
        "estimates.cli.options",
    ]
    assert _upward("from estimates.claims.model import Claim\n", "estimates.reconcile.x") == []
