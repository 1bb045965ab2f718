"""The package's layers point one way, and only the store speaks SQL.

faces (the CLI, the UI) → features (ingest, nlp, match, review, export, demo) → the store → plain data.
A module may import its own layer and the layers below it, never one above. Read from the source with
``ast``, so a lazy import inside a function counts as much as one at the top.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "workbench"
PLAIN, STORE, FEATURES, FACES = range(4)
LAYER_NAMES = {PLAIN: "plain data", STORE: "the store", FEATURES: "features", FACES: "faces"}
#: Every module under workbench/ by its longest listed prefix. ``output`` writes rows out and imports nothing:
#: plain, like the data types.
LAYERS = {
    "workbench": PLAIN, "workbench.claims": PLAIN, "workbench.errors": PLAIN, "workbench.settings": PLAIN,
    "workbench.output": PLAIN,
    "workbench.store": STORE,
    "workbench.ingest": FEATURES, "workbench.nlp": FEATURES, "workbench.match": FEATURES,
    "workbench.review": FEATURES, "workbench.export": FEATURES, "workbench.demo": FEATURES, "workbench.team": FEATURES,
    "workbench.agreement": FEATURES,
    "workbench.cli": FACES, "workbench.ui": FACES,
}
#: SQL as a statement (in capitals, as the project writes it), not the word: a SELECT reading FROM something,
#: a write into a table; or a documented view's name.
SQL = re.compile(r"\bSELECT\b.*\bFROM\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
                 r"|\b(?:documents|claims|matches|reviews)_v\b", re.DOTALL)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int | None:
    prefixes = [prefix for prefix in LAYERS if module == prefix or module.startswith(prefix + ".")]
    return LAYERS[max(prefixes, key=len)] if prefixes else None


def imported(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The workbench modules ``source`` imports (``from a import b`` counts as ``a.b`` when that is a module)."""
    found = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names}
    return {name for name in found if name == "workbench" or name.startswith("workbench.")}


def upward_imports(source: str, module: str, is_package: bool, known: set[str]) -> list[str]:
    """Each import of ``module`` that points up a layer, as a line saying which and why it is wrong."""
    own = layer_of(module)
    return [f"{module} ({LAYER_NAMES[own]}) imports {target} ({LAYER_NAMES[layer_of(target)]})"
            for target in sorted(imported(source, module, is_package, known))
            if layer_of(target) is not None and layer_of(target) > own]


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of every module, class and function in ``tree``."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and \
                    isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def sql_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string in ``source`` that holds SQL or names a view; docstrings are prose."""
    tree = ast.parse(source)
    skip = docstrings(tree)
    inside_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts, the holes as {}
            text = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip | inside_fstrings:
            text = node.value
        else:
            continue
        if SQL.search(text):
            found.append((node.lineno, text))
    return found


def test_every_module_has_a_layer():
    assert [name for name in modules() if layer_of(name) is None] == []


def test_imports_point_down_the_layers():
    """The store imports no feature or face, no feature a face, plain data nothing above itself."""
    known = set(modules())
    wrong = [line for name, path in modules().items()
             for line in upward_imports(path.read_text(encoding="utf-8"), name, path.name == "__init__.py", known)]
    assert wrong == []


def test_only_the_store_holds_sql():
    """SQL, and the names of the documented views, stay in workbench/store/ (docstrings may show them)."""
    wrong = [f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}"
             for path in sorted(PACKAGE.rglob("*.py")) if not path.is_relative_to(PACKAGE / "store")
             for line, text in sql_strings(path.read_text(encoding="utf-8"))]
    assert wrong == []


def test_the_checks_catch_what_they_forbid():
    known = set(modules())
    store_importing_ingest = "from workbench.ingest.passages import group_passages\n"
    assert upward_imports(store_importing_ingest, "workbench.store.documents", False, known) == [
        "workbench.store.documents (the store) imports workbench.ingest.passages (features)"]
    assert upward_imports("def f():\n    from workbench import cli\n", "workbench.review", False, known) == [
        "workbench.review (features) imports workbench.cli (faces)"]
    assert upward_imports("import workbench.store.db\n", "workbench.claims", False, known) == [
        "workbench.claims (plain data) imports workbench.store.db (the store)"]
    assert upward_imports("from ..ingest import passages\n", "workbench.store.documents", False, known) == [
        "workbench.store.documents (the store) imports workbench.ingest.passages (features)"]
    assert upward_imports("from workbench.store import db\n", "workbench.ui.common", False, known) == []
    sql = ('"""Docstrings may say SELECT * FROM claims_v."""\n'
           'COUNT = "SELECT count(*) FROM documents"\n'
           'rows = f"SELECT {columns} FROM claims WHERE id = ?"\n'
           'label = "Select a reviewer from the list"\n'
           'js = \'target.tagName === "SELECT"\'\n')
    assert [line for line, _ in sql_strings(sql)] == [2, 3]
