"""The house's floors: a room imports only its own modules and rooms on lower floors, and no
module takes part in an import circle (function-level imports count; `if TYPE_CHECKING:`
blocks do not, they never run). The floors are the ones `docs/architecture.md` lists."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "wfh_solver"

FLOORS: dict[str, int] = {
    "base": 0, "read": 1, "domain": 2, "policy": 3, "model": 4, "solve": 5,
    "evaluate": 6, "explain": 6, "relax": 7, "write": 8, "api": 9, "sample": 9,
    "check": 10, "plan": 10, "serve": 11, "cli": 12,
}
FRONT_DOOR = "wfh_solver"  # `import wfh_solver as wfh`: may reach any room, lazily


def _modules(package: Path = PACKAGE) -> dict[str, Path]:
    found = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _runs(node: ast.AST) -> bool:
    """False for `if TYPE_CHECKING:` blocks, which only the type checker reads."""
    return not (isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test))


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    stack: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([target] if target else []))
            for alias in node.names:
                whole = f"{target}.{alias.name}"
                found.add(whole if whole in modules else target)
        stack.extend(child for child in ast.iter_child_nodes(node) if _runs(child))
    return {m for m in found if m in modules and m != name}


def _graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    modules = _modules(package)
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _room(module: str) -> str:
    parts = module.split(".")
    return FRONT_DOOR if len(parts) == 1 else parts[1]


def test_every_room_has_a_floor_and_says_what_it_is_for() -> None:
    rooms = {_room(m) for m in _modules()} - {FRONT_DOOR}
    assert rooms == set(FLOORS), "a new room needs its floor here and in docs/architecture.md"
    for room in rooms - {"api"}:
        doc = ast.get_docstring(ast.parse((PACKAGE / room / "__init__.py").read_text()))
        assert doc and len(doc) > 40, f"wfh_solver/{room}/__init__.py says what the room is for"


def test_no_room_imports_a_higher_floor_or_a_neighbour() -> None:
    wrong = []
    for source, targets in _graph().items():
        here = _room(source)
        if here == FRONT_DOOR:
            continue
        for target in targets:
            there = _room(target)
            if there == here:
                continue
            floor = 0 if there == FRONT_DOOR else FLOORS[there]
            if floor >= FLOORS[here]:
                wrong.append(f"{source} (floor {FLOORS[here]}) imports {target} (floor {floor})")
    assert not wrong, "\n".join(sorted(wrong))


@pytest.mark.parametrize("package", [PACKAGE, PACKAGE.parent / "benchmarks"], ids=lambda p: p.name)
def test_no_import_circles(package: Path) -> None:
    graph = _graph(package)
    circles = [c for c in _strongly_connected(graph) if len(c) > 1]
    assert not circles, circles


def test_the_front_door_is_light() -> None:
    """`wfh-solver --version` and `import wfh_solver` load nothing heavy: the package's own
    `__init__` imports lazily, inside functions."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text())
    top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    assert all(isinstance(n, ast.ImportFrom) and n.module == "__future__" for n in top)


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (the package has a few hundred modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


@pytest.mark.parametrize("graph, circle", [
    ({"a": {"b"}, "b": {"a"}}, True),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, False),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, True),
])
def test_the_circle_finder_finds_circles(graph: dict[str, set[str]], circle: bool) -> None:
    assert any(len(c) > 1 for c in _strongly_connected(graph)) is circle
