"""The house rules that a reviewer would otherwise check by eye."""

import ast
import re
import shutil
import subprocess

from conftest import ROOT

from catalogue.text import ENUMERATIONS, LANGUAGES, STRINGS


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


def _text_keys() -> tuple[set[str], set[str]]:
    """The keys given to t() or Text.of() as constants, and the constant prefixes of f-string keys."""
    used, prefixes = set(), set()
    for path in [ROOT / "app.py", *python_files("app_pages"), *python_files("catalogue")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if called not in ("t", "of"):
                continue
            key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                used.add(key.value)
            elif isinstance(key, ast.JoinedStr) and key.values and isinstance(key.values[0], ast.Constant):
                prefixes.add(key.values[0].value)
    return used, prefixes


def test_every_text_key_used_exists_in_every_language():
    used, prefixes = _text_keys()
    assert len(used) > 300 and prefixes, "the scan of t() calls is broken"
    assert sorted(used - STRINGS.keys()) == [], "keys used in the code but missing from catalogue/data/strings.csv"
    assert sorted(p for p in prefixes if not any(key.startswith(p) for key in STRINGS)) == []
    empty = [(key, lang) for key, texts in STRINGS.items() for lang in LANGUAGES if not texts.get(lang, "").strip()]
    assert empty == [], "every string needs a text in every language of strings.csv"


def test_every_enumeration_label_exists_in_every_language():
    assert {"role", "publication", "history_action", "task_state", "consistency_check"} <= set(ENUMERATIONS)
    for kind, labels in ENUMERATIONS.items():
        for code, text in labels.items():
            assert all(text.has(lang) for lang in LANGUAGES), (kind, code)


LANG_COMPARISON = re.compile(
    r"""\blang\w*(\(\))?\s*(==|!=)|(==|!=)\s*\w*lang\w*\b|["'](vi|en)["']\s*(==|!=)|(==|!=)\s*["'](vi|en)["']"""
    r"""|\blanguage\(\)\s*(==|!=)|DEFAULT_LANGUAGE\s*(==|!=)|(==|!=)\s*DEFAULT_LANGUAGE"""
)


def test_only_the_text_module_compares_language_codes():
    offenders = []
    for path in [ROOT / "app.py", *python_files("app_pages"), *python_files("catalogue")]:
        if path == ROOT / "catalogue" / "text.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LANG_COMPARISON.search(line.split("#", 1)[0]):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "say it with catalogue.text (Text, localized, t) instead:\n" + "\n".join(offenders)


def test_no_module_imports_another_modules_private_names():
    offenders = []
    for path in [ROOT / "app.py", *python_files("app_pages"), *python_files("catalogue"), *python_files("tests")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("catalogue", "app_pages")):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                if private and not (path.parent.name == "app_pages" and node.module.startswith("app_pages._")):
                    offenders.append(f"{path.relative_to(ROOT)}: from {node.module} import {', '.join(private)}")
    assert offenders == []


def test_ruff_is_clean():
    assert shutil.which("ruff"), "ruff comes with the test extra: pip install -e '.[test]'"
    check = subprocess.run(["ruff", "check", "."], cwd=ROOT, capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout
    formatted = subprocess.run(
        ["ruff", "format", "--check", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert formatted.returncode == 0, formatted.stdout


MAX_FUNCTION_LINES = 60


def test_functions_are_at_most_sixty_lines():
    long = []
    for path in [ROOT / "app.py", *python_files("app_pages"), *python_files("catalogue")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines} lines)")
    assert long == [], "split these into functions that each do one thing:\n" + "\n".join(long)


# Modules that render one artifact in one language (a page's view model, a figure, a workbook, an
# HTML sheet, a display table): they take the language they render in. Everything else in the
# domain package returns Text or codes, and the page picks the language at the edge.
RENDERERS = {
    "catalogue/projects/views.py",
    "catalogue/projects/exporting.py",
    "catalogue/projects/template.py",
    "catalogue/leadership/charts.py",
    "catalogue/leadership/dashboard.py",
    "catalogue/leadership/report.py",
    "catalogue/text.py",  # Text itself, t() and the number/date formats
    "catalogue/cli.py",  # prints in --lang
}
# Outside the renderers, a language may still be an input that is not about display:
LANGUAGE_AS_DATA = {
    "catalogue/staff/inquiries.py:submit",  # the language the investor wrote in, stored with the inquiry
    "catalogue/staff/countries.py:country_options",  # codes (not text), in the order of their names
    "catalogue/core.py:export",  # writes a file in that language (projects/exporting.py renders it)
    "catalogue/projects/alerts.py:subscribe",  # the language the alert's mail is written in, stored with it
    "catalogue/projects/alerts.py:checked_request",  # the same, checked on a replica before forwarding
    "catalogue/staff/inquiries.py:store",  # the investor's language, stored with the inquiry
}
# a table shaped for display, or a file rendered (an Atom feed, a workbook), in one language
DISPLAY_TABLES = ("DataFrame", "pd.DataFrame", "Any", "bytes")


def _public_functions(tree: ast.Module) -> list:
    """Module-level functions and methods (not closures) whose names do not start with "_"."""
    found = []
    for node in tree.body:
        members = node.body if isinstance(node, ast.ClassDef) else [node]
        found += [f for f in members if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return [f for f in found if not f.name.startswith("_")]


def test_domain_functions_return_text_not_strings_in_a_language():
    offenders = []
    for path in python_files("catalogue"):
        relative = str(path.relative_to(ROOT))
        if relative in RENDERERS:
            continue
        for node in _public_functions(ast.parse(path.read_text(encoding="utf-8"))):
            params = [a.arg for a in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs]]
            if "lang" not in params or f"{relative}:{node.name}" in LANGUAGE_AS_DATA:
                continue
            returns = ast.unparse(node.returns) if node.returns else ""
            if returns not in DISPLAY_TABLES:
                offenders.append(f"{relative}:{node.lineno} {node.name}(…, lang) -> {returns or '?'}")
    assert offenders == [], "return a Text (Text.of, enum_label, Text.each) and let the page choose:\n" + "\n".join(
        offenders
    )


# Every message a user reads is a key of catalogue/data/strings.csv (a language is a column there),
# never a Vietnamese/English pair in the code. Not yet held to it: Text itself, and two modules
# being changed elsewhere.
INLINE_TEXT_EXEMPT = {"catalogue/text.py"}


def _literal(node: ast.AST) -> bool:
    """A string written in the code: a constant, an f-string, or text joined from them."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    return isinstance(node, ast.BinOp) and (_literal(node.left) or _literal(node.right))


def _error_classes(trees: list[ast.Module]) -> set[str]:
    """CatalogueError and the classes that derive from it, however indirectly."""
    found = {"CatalogueError"}
    classes = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    grown = True
    while grown:
        more = {c.name for c in classes if any(ast.unparse(base).split(".")[-1] in found for base in c.bases)}
        grown = not more <= found
        found |= more
    return found


def inline_texts(sources: dict[str, str]) -> list[str]:
    """``Text(vi="…", en="…")`` literals and errors raised with written-out texts (``…Error("…", "…")``,
    ``super().__init__("…", "…")``) in ``sources`` ({path: code})."""
    trees = {path: ast.parse(code) for path, code in sources.items()}
    errors = _error_classes(list(trees.values()))
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            in_language = called == "Text" and any(k.arg in LANGUAGES and _literal(k.value) for k in node.keywords)
            raised = called in errors or called.endswith("Error") or called == "__init__"
            if in_language or (raised and sum(_literal(arg) for arg in node.args) >= 2):
                found.append(f"{path}:{node.lineno}: {ast.unparse(node)[:100]}")
    return found


def test_messages_live_in_strings_csv_not_in_the_code():
    sources = {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for path in python_files("catalogue")
        if str(path.relative_to(ROOT)) not in INLINE_TEXT_EXEMPT
    }
    assert len(sources) > 30, "the scan of the catalogue package is broken"
    sample = "\n".join(
        [
            'raise PlanError("Sai", "Wrong")',
            'TEXT = Text(vi=f"Sai {x}", en="Wrong")',
            'ok = Text.of("plan.error.no_plan")',
        ]
    )
    assert len(inline_texts({"sample.py": sample})) == 2, "the scan no longer finds inline texts"
    offenders = inline_texts(sources)
    assert offenders == [], "add the message to catalogue/data/strings.csv; use Text.of or Text.each:\n" + "\n".join(
        offenders
    )
