"""Enforce the package's import order: a module may import only from its own stage or an earlier one.

The checker reads the source with `ast` and imports nothing, so it also sees imports inside
functions, methods, if- and try-blocks, which is where backward imports and cycles tend to hide.
"""
from __future__ import annotations

import ast
from collections import deque
from collections.abc import Collection, Iterator
from pathlib import Path, PurePath

import pytest

# Stage of a top-level module (by file stem) and of a subpackage (by its first folder under the root).
TOP_LEVEL: dict[str, int] = {
    **dict.fromkeys(["models", "errors", "messages", "rules", "numbers"], 1),
    **dict.fromkeys(["stream", "batch", "crosscheck", "api", "examples", "__init__"], 8),
    "__main__": 9,
}
FOLDERS: dict[str, int] = {
    "read": 2, "text": 3, "figures": 4, "checks": 5, "series": 6, "output": 7, "cli": 9, "web": 9,
}


def stage_of(rel: PurePath) -> int | None:
    """Stage of a file from its path under the package root (None: cannot place).

    Takes the path, not the dotted name, because `extract.read` could be `read.py` (unplaceable)
    or `read/__init__.py` (stage 2), and only the path tells them apart.
    """
    if len(rel.parts) > 1:
        return FOLDERS.get(rel.parts[0])
    return TOP_LEVEL.get(rel.stem)


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Map each dotted module name to its file; a package's `__init__.py` takes the package's name."""
    modules: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join([package, *parts])
        if name not in modules or path.name == "__init__.py":  # as in Python, a package shadows a same-named module
            modules[name] = path
    return modules


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool,
             modules: Collection[str]) -> Iterator[str]:
    """Dotted names one import statement loads; `from P import n` means `P.n` only when that is a module."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - node.level + 1]
        if not anchor:  # relative import above the top-level package: not ours to judge
            return
        base = ".".join([*anchor, *([node.module] if node.module else [])])
    else:
        base = node.module or ""
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        yield sub if sub in modules else base


def collect_imports(root: Path, package: str) -> dict[str, set[str]]:
    """Every module's in-package imports, wherever they sit in its syntax tree (stdlib/third-party dropped)."""
    modules = module_files(root, package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_bytes(), filename=str(path))
        graph[name] = {
            target
            for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
            for target in _targets(node, name, path.name == "__init__.py", modules)
            if target == package or target.startswith(package + ".")
        }
    return graph


def _cycle_through(graph: dict[str, set[str]], component: set[str], start: str) -> list[str]:
    """Shortest concrete cycle from `start` back to itself inside one strongly connected component (BFS)."""
    prev: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(prev[path[-1]])
                return [*reversed(path), start]
            if nxt in component and nxt not in prev:
                prev[nxt] = node
                queue.append(nxt)
    raise AssertionError(f"{start} is on no cycle")  # cannot happen for a real component


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of size > 1 or with a self-loop (Tarjan), so each is reported once."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component: set[str] = set()
            while not component or node not in component:
                component.add(stack.pop())
            on_stack.difference_update(component)
            components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(
        _cycle_through(graph, comp, min(comp))
        for comp in components
        if len(comp) > 1 or min(comp) in graph.get(min(comp), ())
    )


def layout_problems(root: Path, package: str) -> list[str]:
    """All stage-order violations under `root` (unplaceable modules, cycles, backward imports); empty means clean."""
    problems = [
        f"{package}/{path.relative_to(root).as_posix()}: cannot place in a stage"
        for path in sorted(root.rglob("*.py")) if stage_of(path.relative_to(root)) is None
    ]
    graph = collect_imports(root, package)
    problems += ["import cycle: " + " -> ".join(cycle) for cycle in find_cycles(graph)]
    modules = module_files(root, package)
    stages = {name: stage_of(path.relative_to(root)) for name, path in modules.items()}
    for importer, targets in sorted(graph.items()):
        for target in sorted(targets):
            mine, theirs = stages[importer], stages.get(target)
            if mine is not None and theirs is not None and theirs > mine:
                problems.append(f"{importer} (stage {mine}) imports {target} (stage {theirs})")
    return problems


def test_extract_layout() -> None:
    """The real package must respect the stage order; every problem is listed so one run shows all that is left."""
    problems = layout_problems(Path(__file__).resolve().parents[1] / "extract", "extract")
    assert not problems, f"{len(problems)} layout problem(s):\n" + "\n".join(problems)


# A small fake `extract` that follows the rules, using every import form the checker must resolve.
CLEAN: dict[str, str] = {
    "__init__.py": "from .api import run\n",
    "models.py": "from __future__ import annotations\nimport re\nimport yaml\n",
    "errors.py": "",
    "read/__init__.py": "from .pdf import read_pdf\n",
    "read/pdf.py": "import os\nfrom ..models import Record\n\ndef read_pdf() -> None:\n    from extract.errors import E\n",
    "figures/a.py": "from extract.read import pdf\n",
    "checks/__init__.py": "class CheckContext: ...\n",
    "checks/percent.py": "from . import CheckContext\nfrom .sums import x\n",
    "checks/sums.py": "from .. import models\nx = 1\n",
    "api.py": "from .checks import percent\nfrom . import figures\n",
    "cli/__init__.py": (
        "import extract\nfrom extract import run\nfrom .. import api\n\n"
        "def main() -> None:\n    try:\n        import extract.checks.sums as s\n    except ImportError:\n        pass\n"
    ),
}


def make_tree(tmp_path: Path, files: dict[str, str]) -> Path:
    """Write a fake `extract` package (every folder gets an `__init__.py`) and return its root."""
    root = tmp_path / "extract"
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        (folder / "__init__.py").touch()
    return root


def test_collect_imports_resolves_every_form(tmp_path: Path) -> None:
    """Relative, absolute, `from P import name`, and function-level imports all land on the right module."""
    assert collect_imports(make_tree(tmp_path, CLEAN), "extract") == {
        "extract": {"extract.api"},
        "extract.models": set(),
        "extract.errors": set(),
        "extract.read": {"extract.read.pdf"},
        "extract.read.pdf": {"extract.models", "extract.errors"},
        "extract.figures": set(),
        "extract.figures.a": {"extract.read.pdf"},
        "extract.checks": set(),
        "extract.checks.percent": {"extract.checks", "extract.checks.sums"},
        "extract.checks.sums": {"extract.models"},
        "extract.api": {"extract.checks.percent", "extract.figures"},
        "extract.cli": {"extract", "extract.api", "extract.checks.sums"},
    }


@pytest.mark.parametrize("files, expected", [
    pytest.param({}, [], id="clean-tree"),
    pytest.param(
        {"figures/a.py": "from . import b\n", "figures/b.py": "def f() -> None:\n    from .a import x\n"},
        ["import cycle: extract.figures.a -> extract.figures.b -> extract.figures.a"],
        id="cycle-via-function-import",
    ),
    pytest.param(
        {"checks/__init__.py": "from .percent import check\n\nclass CheckContext: ...\n",
         "checks/percent.py": "from . import CheckContext\n"},
        ["import cycle: extract.checks -> extract.checks.percent -> extract.checks"],
        id="cycle-via-package-init",
    ),
    pytest.param(
        {"read/pdf.py": "def read_pdf() -> None:\n    from ..checks.sums import x\n"},
        ["extract.read.pdf (stage 2) imports extract.checks.sums (stage 5)"],
        id="backward-import",
    ),
    pytest.param({"stray.py": ""}, ["extract/stray.py: cannot place in a stage"], id="stray-top-level"),
    pytest.param(
        {"misc/x.py": ""},
        ["extract/misc/__init__.py: cannot place in a stage", "extract/misc/x.py: cannot place in a stage"],
        id="unknown-folder",
    ),
])
def test_checker_on_fake_tree(tmp_path: Path, files: dict[str, str], expected: list[str]) -> None:
    """Each planted fault is reported exactly, and the clean tree reports nothing (the checker is not always failing)."""
    assert layout_problems(make_tree(tmp_path, {**CLEAN, **files}), "extract") == expected
