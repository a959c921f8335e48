"""The shape of bot/: no import cycle, small modules and classes, features apart, layers pointing down.

Each rule carries the list of today's known offenders; an entry that no longer offends fails too,
so the lists can only shrink.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"
MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 250
# The app is the composition root: nothing below it may reach up into it.
LOWER_LAYERS = ("platform", "delivery", "storage", "language", "people", "features")

KNOWN_LONG_MODULES: set[str] = set()
KNOWN_LONG_CLASSES: set[str] = set()
# A cycle is named by the modules it joins (its strongly connected component).
KNOWN_CYCLES: set[frozenset[str]] = set()
KNOWN_FEATURE_CROSSINGS: set[tuple[str, str]] = set()
KNOWN_UPWARD_IMPORTS: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    at_module_level: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@cache
def sources() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(BOT.rglob("*.py"))}


@cache
def tree_of(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def import_nodes(body: list[ast.stmt], at_module_level: bool):
    """Every import statement, with whether it stands at module level (an `if TYPE_CHECKING:` one does:
    a dependency for the types is a dependency all the same) rather than inside a function or class."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, at_module_level
        elif isinstance(node, ast.If):
            yield from import_nodes(node.body + node.orelse, at_module_level)
        elif isinstance(node, (ast.Try, ast.With)):
            handlers = [stmt for handler in getattr(node, "handlers", []) for stmt in handler.body]
            extra = getattr(node, "orelse", []) + getattr(node, "finalbody", []) + handlers
            yield from import_nodes(node.body + extra, at_module_level)
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from import_nodes([child], False)


def resolve(importer: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The bot modules a statement imports: `from bot.x import y` is bot.x.y when y is a module."""
    known = sources()
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name in known]
    base = node.module or ""
    if node.level:
        package = importer.split(".") if is_package else importer.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join(package + ([base] if base else []))
    found = []
    for alias in node.names:
        if f"{base}.{alias.name}" in known:
            found.append(f"{base}.{alias.name}")
        elif base in known:
            found.append(base)
    return found


@cache
def imports() -> tuple[Import, ...]:
    found = []
    for name, path in sources().items():
        for node, at_module_level in import_nodes(tree_of(path).body, True):
            for imported in resolve(name, path.name == "__init__.py", node):
                if imported != name:
                    found.append(Import(name, imported, at_module_level))
    return tuple(found)


def cycles() -> dict[frozenset[str], list[str]]:
    """Each strongly connected group of module-level imports, with one cycle through it to show."""
    graph: dict[str, set[str]] = {name: set() for name in sources()}
    for edge in imports():
        if edge.at_module_level:
            graph[edge.importer].add(edge.imported)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return {frozenset(group): path_through(graph, group) for group in groups}


def path_through(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & group):
            if target == start:
                return paths[node] + [start]
            if target not in paths:
                paths[target] = paths[node] + [target]
                queue.append(target)
    raise AssertionError(f"no cycle through {start}")


def long_modules() -> set[str]:
    return {
        relative(path)
        for path in sources().values()
        if len(path.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES
    }


def long_classes() -> dict[str, int]:
    return {
        f"{relative(path)}:{node.name}": node.end_lineno - node.lineno + 1
        for path in sources().values()
        for node in ast.walk(tree_of(path))
        if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES
    }


def feature_of(module: str) -> str | None:
    """The feature package a module belongs to; the shared interfaces beside them (bot.features.ports) are none."""
    parts = module.split(".")
    if len(parts) > 2 and parts[:2] == ["bot", "features"] and (BOT / "features" / parts[2]).is_dir():
        return parts[2]
    return None


def feature_crossings() -> set[tuple[str, str]]:
    return {
        (edge.importer, edge.imported)
        for edge in imports()
        if feature_of(edge.importer) and feature_of(edge.imported)
        and feature_of(edge.importer) != feature_of(edge.imported)
    }


def upward_imports() -> set[tuple[str, str]]:
    return {
        (edge.importer, edge.imported)
        for edge in imports()
        if edge.importer.split(".")[1:2] in [[layer] for layer in LOWER_LAYERS]
        and edge.imported.split(".")[:2] == ["bot", "app"]
    }


def check(found, known, what: str) -> None:
    new = sorted(set(found) - known)
    gone = sorted(known - set(found))
    assert not new, f"{what}: {new}"
    assert not gone, f"no longer {what}, take them off the known list: {gone}"


def test_the_import_walk_sees_the_layers() -> None:
    """The walk itself must see imports, or every rule below would pass on nothing."""
    edges = {(edge.importer, edge.imported) for edge in imports()}
    assert ("bot.app.bot", "bot.storage.store") in edges
    assert all(name.startswith("bot") for name in sources())


def test_no_import_cycle() -> None:
    found = cycles()
    new = [f"{', '.join(sorted(group))} (for one: {' -> '.join(path)})"
           for group, path in found.items() if group not in KNOWN_CYCLES]
    gone = [sorted(group) for group in KNOWN_CYCLES if group not in found]
    assert not new, f"import cycles: {new}"
    assert not gone, f"no longer cycles, take them off the known list: {gone}"


def test_no_module_over_the_limit() -> None:
    check(long_modules(), KNOWN_LONG_MODULES, f"modules over {MAX_MODULE_LINES} lines")


def test_no_class_over_the_limit() -> None:
    check(long_classes(), KNOWN_LONG_CLASSES, f"classes over {MAX_CLASS_LINES} lines")


def test_features_do_not_import_each_other() -> None:
    check(feature_crossings(), KNOWN_FEATURE_CROSSINGS, "imports from one feature into another")


def test_lower_layers_do_not_import_the_app() -> None:
    check(upward_imports(), KNOWN_UPWARD_IMPORTS, "imports of bot.app from a lower layer")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import bot.storage.store\n", True),
        ("def later():\n    import bot.storage.store\n", False),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import bot.storage.store\n", True),
        ("class Later:\n    import bot.storage.store\n", False),
        ("try:\n    import bot.storage.store\nexcept ImportError:\n    pass\n", True),
    ],
)
def test_only_module_level_imports_make_cycles(source: str, expected: bool) -> None:
    found = [level for node, level in import_nodes(ast.parse(source).body, True)
             if isinstance(node, ast.Import) and node.names[0].name.startswith("bot")]
    assert found == [expected]
