"""What a wheel needs: every imported package declared, the lock equal to the lower bounds, the installed
app's server options equal to the checkout's .streamlit/config.toml. (tools/check_wheel.py, run by
.ci/run, builds and installs the wheel itself.)"""

import ast
import re
import subprocess
import sys
import tomllib

from conftest import ROOT

from catalogue.cli import SERVER_OPTIONS, serve_command

IMPORT_NAMES = {"argon2": "argon2-cffi", "Stemmer": "pystemmer"}  # import name → distribution name where they differ


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def declared() -> dict[str, str]:
    """distribution → its lower bound, from pyproject's dependencies."""
    found = {}
    for requirement in pyproject()["project"]["dependencies"]:
        name, lower = re.match(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement).groups()
        found[name.lower()] = lower
    return found


def third_party_imports() -> set[str]:
    names = set()
    files = [ROOT / "app.py", *(ROOT / "catalogue").rglob("*.py"), *(ROOT / "app_pages").rglob("*.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in ("catalogue", "app_pages")}


def test_every_imported_package_is_declared():
    missing = {IMPORT_NAMES.get(name, name) for name in third_party_imports()} - declared().keys()
    assert missing == set(), f"imported but not in pyproject's dependencies: {sorted(missing)}"


def test_the_lock_pins_every_dependency_at_its_declared_lower_bound():
    locked = dict(re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", (ROOT / "requirements.lock").read_text(), re.M))
    locked = {name.lower(): version for name, version in locked.items()}
    for name, lower in declared().items():
        assert name in locked, f"{name} is not in requirements.lock"
        # equal, not merely compatible: CI installs the lock, so the lowest version allowed is the one tested
        assert locked[name] == lower, f"{name}: lock {locked[name]}, lower bound {lower}"
    assert "--hash=sha256:" in (ROOT / "requirements.lock").read_text()


def test_the_installed_app_runs_with_the_checkouts_server_options():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    flat = {
        f"{section}.{key}": str(value).lower() if isinstance(value, bool) else str(value)
        for section, values in config.items()
        for key, value in values.items()
    }
    assert flat == SERVER_OPTIONS
    command = serve_command(ROOT / "x.duckdb", 9999)
    assert command[-2:] == ["--db", str(ROOT / "x.duckdb")]
    assert command[4].endswith("app_pages/server.py") and "--server.maxUploadSize=20" in command


def test_the_images_runtime_lock_is_the_runtime_part_of_requirements_lock():
    """deploy/requirements-runtime.lock (the container image's) holds exactly the entries of
    requirements.lock the program needs to run, same pins and hashes, and no test tool."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "runtime_lock.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, "run python tools/runtime_lock.py: " + result.stderr
    runtime = (ROOT / "deploy" / "requirements-runtime.lock").read_text()
    for tool in ("pytest", "playwright", "ruff", "aiosmtpd"):
        assert f"\n{tool}==" not in runtime
    for needed in ("streamlit", "duckdb", "pandas", "rapidfuzz", "pystemmer", "uvicorn"):
        assert f"\n{needed}==" in runtime
    assert "requirements-runtime.lock" in (ROOT / "deploy" / "Containerfile").read_text()
