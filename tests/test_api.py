"""The public API: exactly the names in __all__, sorted, and documented; no click in the library."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import evidence

PACKAGE = Path(evidence.__file__).parent


def test_all_is_sorted_and_complete() -> None:
    assert evidence.__all__ == sorted(
        evidence.__all__, key=str.casefold
    ) or evidence.__all__ == sorted(evidence.__all__)
    for name in evidence.__all__:
        assert hasattr(evidence, name), name
    public = {
        n for n, v in vars(evidence).items() if not n.startswith("_") and not inspect.ismodule(v)
    }
    assert public == set(evidence.__all__) - {"__version__"}


def test_every_public_function_and_class_has_a_docstring() -> None:
    missing = []
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="evidence."):
        if info.name == "evidence.__main__":
            continue
        module = importlib.import_module(info.name)
        if not module.__doc__:
            missing.append(info.name)
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_"):
                if ast.get_docstring(node) is None:
                    missing.append(f"{info.name}.{node.name}")
    assert missing == []


def test_library_never_imports_click() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not any(n == "click" or n.startswith("click.") for n in names), path


def test_importing_the_library_loads_no_presentation_layer() -> None:
    import subprocess
    import sys

    code = (
        "import sys, evidence; "
        "sys.exit(int(any(m in sys.modules for m in ('click', 'cli', 'evidence_cli'))))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
