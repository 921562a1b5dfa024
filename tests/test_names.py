"""Issue 18, point 6: one name, one meaning. Two classes called `AgreementRow` with different
fields cost every reader a lookup (and a wrong import type-checks until it is used), so no
two modules under app/ define a class of the same name — private ones included, since a
traceback or a search shows them just the same. The translations (app/ui/i18n) and the
migrations (one module per revision, each with its own small helpers) are not looked at."""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
SKIPPED = ("i18n", "migrations")

# A name two modules may share, with the reason. Keep it small: a clash is fixed by a name
# that says which one is meant (a register row, a report row), not by an entry here.
ALLOWED: dict[str, str] = {}


def module_classes(tree: ast.Module) -> Iterator[ast.ClassDef]:
    """The classes a module defines at its top level (also under `if TYPE_CHECKING:` or
    `try:`), not those local to a function or nested in a class."""
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.ClassDef):
            yield node
        elif isinstance(node, ast.If | ast.Try | ast.With):
            todo.extend(ast.iter_child_nodes(node))  # type: ignore[arg-type]


def defined_in() -> dict[str, list[str]]:
    where: dict[str, list[str]] = defaultdict(list)
    for path in sorted(APP.rglob("*.py")):
        rel = path.relative_to(APP.parent)
        if any(part in SKIPPED for part in rel.parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(rel))
        for name in sorted({c.name for c in module_classes(tree)}):
            where[name].append(str(rel))
    return where


def test_no_two_modules_define_a_class_of_the_same_name() -> None:
    where = defined_in()
    assert len(where) > 300  # the walk found the app's classes
    clashes = {name: files for name, files in where.items() if len(files) > 1 and name not in ALLOWED}
    assert not clashes, "\n".join(f"{name}: {', '.join(files)}" for name, files in sorted(clashes.items()))


def test_the_allowed_clashes_are_still_clashes() -> None:
    where = defined_in()
    stale = [name for name in ALLOWED if len(where.get(name, [])) < 2]
    assert not stale, f"no longer defined twice, remove from ALLOWED: {stale}"


def test_the_check_sees_a_clash() -> None:
    """The walk finds classes where modules put them (guarded imports included)."""
    tree = ast.parse("import typing\nif typing.TYPE_CHECKING:\n    class A: ...\nclass B:\n    class C: ...\n"
                     "def f():\n    class D: ...\n")
    assert sorted(c.name for c in module_classes(tree)) == ["A", "B"]
