"""The package's layers (docs/architecture.md): every import points down or sideways within a
layer, and the module graph has no cycle. Built from the source with `ast`, imports inside
functions included, so a cycle cannot hide behind a late import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "optimizer"

# Lowest first. A module may import from its own layer and the layers before it.
LAYERS = ["core", "checks", "search", "explain", "output", "workbook", "run", "api", "cli", "command", "__main__"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that `path` imports (a name imported from a package counts as the
    submodule when there is one, else as the package)."""
    found: set[str] = set()
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if not base.startswith("optimizer"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules else base)
    return found - {me}


def graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules) for p in paths}


def rank(module: str) -> int:
    layer = layer_of(module)
    return -1 if layer == "__init__" else LAYERS.index(layer)


def test_every_module_belongs_to_a_layer() -> None:
    assert {layer_of(m) for m in graph()} - {"__init__"} <= set(LAYERS)


def test_no_import_points_up_a_layer() -> None:
    upward = [f"{m} -> {dep}" for m, deps in graph().items() for dep in deps
              if rank(dep) > rank(m) and layer_of(dep) != "__init__"]
    assert upward == []


def find_cycle(g: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for dep in sorted(g.get(m, ())):
            if state.get(dep) == 1:
                return [*stack[stack.index(dep):], dep]
            if dep not in state and (cycle := visit(dep)):
                return cycle
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(g):
        if m not in state and (cycle := visit(m)):
            return cycle
    return None


def test_the_module_graph_has_no_cycle() -> None:
    assert find_cycle(graph()) is None


@pytest.mark.parametrize("edges, cyclic", [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, False),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, True),
])
def test_the_cycle_finder_finds_a_cycle(edges: dict[str, set[str]], cyclic: bool) -> None:
    assert (find_cycle(edges) is not None) == cyclic


def test_an_upward_import_is_seen(tmp_path: Path) -> None:
    """The checker itself: a core module importing the command line is flagged."""
    modules = {"optimizer.cli", "optimizer.core.domain"}
    fake = tmp_path / "optimizer" / "core" / "domain.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("from optimizer.cli import main\n")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "optimizer"
    try:
        deps = imports_of(fake, modules)
    finally:
        PACKAGE = saved
    assert deps == {"optimizer.cli"}
    assert rank("optimizer.cli") > rank("optimizer.core.domain")


def test_the_validator_reads_the_rules_on_its_own() -> None:
    """The second opinion (docs/architecture.md): the validator uses the data types and the
    words, never the planner's calendar, placements or plan building."""
    allowed = {"optimizer.core.domain", "optimizer.core.plan", "optimizer.core.messages",
               "optimizer.core.service_model", "optimizer.core.errors"}
    assert graph()["optimizer.checks.validate"] <= allowed


def test_every_cp_sat_search_runs_through_the_clock() -> None:
    """One place solves CP-SAT models: optimizer/search/solver.py's `Clock.solve`, which counts the
    work (deterministic mode decides on it) and lets Ctrl-C stop the search. A `.Solve(` call
    anywhere else would bypass both."""
    calls = [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr in ("Solve", "SolveWithSolutionCallback")]
    assert len(calls) == 1 and calls[0].startswith("optimizer/search/solver.py:"), calls
