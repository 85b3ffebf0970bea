"""The house's floors (../shared/STYLE.md, "The intended house"): no module imports a floor above it,
and no two project modules import each other, directly or round a circle.

Imports are read with ``ast`` from the source files (those inside functions too), so the test
sees what a lazy import would hide at run time."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("parse", "redact", "store", "panel", "ingest", "receiptd")
DOORS = ("run_daemon",)
# the ground floor: the configuration, the logging set-up and the metric types; they live in
# receiptd/ beside the doors but import nothing of the project, so every floor may use them
GROUND = ("receiptd.config", "receiptd.logs", "receiptd.metrics")

# floor -> the floors its modules may import (besides its own)
MAY_IMPORT = {
    "ground": set(),
    "parse": set(),                                  # pure stages
    "redact": {"parse"},                             # pure; may use parse's types
    "store": {"ground", "parse"},                    # the bottom floor (parse's types for stored OCR lines)
    "panel": {"ground", "parse", "store"},           # panel rules, beside the stages, writing through store
    "ingest": {"ground", "parse", "redact", "store", "panel"},
    "receiptd": {"ground", "parse", "redact", "store", "panel", "ingest"},   # the doors: receiptctl, the daemon
    "run_daemon": {"ground", "receiptd"},
}


def module_files() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    for door in DOORS:
        modules[door] = ROOT / f"{door}.py"
    return modules


def imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``name`` imports (a package's ``__init__`` when only the package is named)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from store import db` imports the module store.db; `from redact import Span` redact/__init__
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    modules = module_files()
    return {name: imported(name, path, modules) for name, path in modules.items()}


def floor(module: str) -> str:
    return "ground" if module in GROUND else module.split(".")[0]


def test_no_module_imports_a_floor_above_it():
    wrong = sorted(f"{name} imports {target}" for name, targets in graph().items() for target in targets
                   if floor(target) != floor(name) and floor(target) not in MAY_IMPORT[floor(name)])
    assert wrong == []


def test_config_logs_and_metrics_import_nothing_of_the_project():
    edges = graph()
    for name in GROUND:
        assert edges[name] == set(), name


def test_the_pure_stages_import_no_database_no_queue_no_panel():
    for name, targets in graph().items():
        if floor(name) in ("parse", "redact"):
            assert not {floor(t) for t in targets} & {"ingest", "store", "panel", "receiptd", "ground"}, name
        if floor(name) == "parse":
            assert "redact" not in {floor(t) for t in targets}, name


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles_among_project_modules():
    assert cycles(graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_reader_resolves_relative_and_lazy_imports():
    edges = graph()
    assert "store.migrations" in edges["store.db"]          # from .migrations import migrations
    assert "ingest.queue" in edges["receiptd.ops_cli"]      # imported inside a function
