"""The house rules that a reviewer would otherwise check by eye."""

import ast
import re
import shutil
import subprocess

from conftest import ROOT

from catalogue.text import STRINGS


def python_files(folder: str) -> list:
    return sorted((ROOT / folder).rglob("*.py"))


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_domain_package_never_imports_streamlit():
    offenders = [p.name for p in python_files("catalogue") if "streamlit" in imported_modules(p)]
    assert offenders == []


def test_pages_hold_no_sql():
    sql = re.compile(r"\b(select|insert|update|delete)\b.+\b(from|into|set)\b|\.execute\(", re.IGNORECASE)
    offenders = [p.name for p in [ROOT / "app.py", *python_files("app_pages")] if sql.search(p.read_text("utf-8"))]
    assert offenders == []


def test_every_translation_key_used_exists_in_both_languages():
    used = set()
    for path in [ROOT / "app.py", *python_files("app_pages"), *python_files("catalogue")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    assert used, "no t() calls found: the scan is broken"
    assert sorted(used - STRINGS.keys()) == []
    assert all(vi.strip() and en.strip() for vi, en in STRINGS.values())


def test_ruff_is_clean():
    assert shutil.which("ruff"), "ruff comes with the test extra: pip install -e '.[test]'"
    check = subprocess.run(["ruff", "check", "."], cwd=ROOT, capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout
    formatted = subprocess.run(
        ["ruff", "format", "--check", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert formatted.returncode == 0, formatted.stdout
