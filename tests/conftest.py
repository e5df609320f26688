from __future__ import annotations

import csv
import functools
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalogue import Catalogue  # noqa: E402

PASSWORD = "grey-heron-lake-42"  # every test account's password
# name → (role, display name): the accounts the staff tests sign in with
ACCOUNTS = {"lan": ("staff", "Nguyễn Thị Lan"), "minh": ("reviewer", "Trần Văn Minh"), "root": ("admin", "")}

HEADER = ["code", "name_vi", "name_en", "category", "district", "investment_vnd_bn", "investment_form", "status"]


@pytest.fixture(autouse=True, scope="session")
def _test_session_helpers() -> Iterator[None]:
    """Costs a test run need not pay again and again: AppTest scans every installed package for
    Streamlit components on each new app (about 1.7 s; the answer cannot change during a run), the
    browser tests share one Chromium per process, and the demo databases are made once per process
    (:func:`open_demo`); the Chromium and the templates go at the end."""
    from argon2 import PasswordHasher
    from streamlit.components.v2 import manifest_scanner

    from catalogue.staff import auth

    original = manifest_scanner.scan_component_manifests
    manifest_scanner.scan_component_manifests = functools.cache(original)
    # Passwords hashed in this process cost the least argon2 allows (as Django's tests use a fast
    # hasher): the production cost (about 0.25 s a hash) bought nothing here but minutes of CI. The
    # rules around hashes (unknown names hashed alike, lock-outs, rehash) are unchanged, and the app
    # servers the browser tests start hash with the production cost.
    strong = vars(auth)["_hasher"]
    vars(auth)["_hasher"] = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    yield
    vars(auth)["_hasher"] = strong
    manifest_scanner.scan_component_manifests = original
    from tests.browser import close_browser

    close_browser()
    for template in _TEMPLATES.values():
        shutil.rmtree(template.parent, ignore_errors=True)


_TEMPLATES: dict[tuple[tuple[str, ...], bool], Path] = {}


def _demo_template(accounts: tuple[str, ...], display_names: bool) -> Path:
    """A closed database file with the demo projects and ``accounts``, made once per test process:
    loading the demo (about a second, and a password hash per account) is then a file copy."""
    key = (accounts, display_names)
    if key not in _TEMPLATES:
        from catalogue.staff import auth

        path = Path(tempfile.mkdtemp(prefix="demo-template-")) / "demo.duckdb"
        with Catalogue.open(path) as cat:
            report = cat.load_demo()
            assert report.ok, report.errors[:5]
            for name in accounts:
                role, display = ACCOUNTS[name]
                auth.add_user(cat, name, PASSWORD, role, display if display_names else "")
        _TEMPLATES[key] = path
    return _TEMPLATES[key]


def open_demo(path: Path | str, *accounts: str, display_names: bool = False) -> Catalogue:
    """A catalogue at ``path`` with the demo projects and the named :data:`ACCOUNTS` (password
    :data:`PASSWORD`; with ``display_names``, shown by their full names); the caller closes it.
    ``path`` must not exist yet: it becomes a copy of the same demo database made once per process."""
    path = Path(path)
    assert not path.exists(), f"{path} exists: open_demo makes a new database"
    shutil.copyfile(_demo_template(tuple(accounts), display_names), path)
    return Catalogue.open(path)


@pytest.fixture(scope="module")
def reference() -> Iterator[Catalogue]:
    """The demo data in memory, to say what a page over a fresh demo database should show."""
    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        yield cat


@pytest.fixture
def cat() -> Iterator[Catalogue]:
    with Catalogue.open(":memory:") as catalogue:
        yield catalogue


@pytest.fixture
def demo_cat(tmp_path: Path) -> Iterator[Catalogue]:
    """The demo catalogue, in a file of this test's own (a copy: see :func:`open_demo`)."""
    with open_demo(tmp_path / "demo.duckdb") as catalogue:
        yield catalogue


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "catalogue.duckdb"


@pytest.fixture(autouse=True)
def _no_ambient_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No test may touch var/catalogue.duckdb by accident.
    monkeypatch.setenv("CATALOGUE_DB", str(tmp_path / "ambient.duckdb"))


def write_csv(
    path: Path, rows: list[list[object]], header: list[str] | None = None, *, bom: bool = False, delimiter: str = ","
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header or HEADER)
        writer.writerows(rows)
    return path


def write_xlsx(
    path: Path, rows: list[list[object]], header: list[str] | None = None, title_rows: list[list[object]] | None = None
) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in title_rows or []:
        sheet.append(row)
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def good_row(code: str = "HN-001", **overrides: object) -> list[object]:
    values = {
        "code": code,
        "name_vi": "Nhà máy xử lý nước thải cụm công nghiệp",
        "name_en": "Industrial cluster wastewater plant",
        "category": "environmental_services",
        "district": "Đông Anh",
        "investment_vnd_bn": "120",
        "investment_form": "ppp",
        "status": "calling",
    }
    values.update(overrides)
    return [values[h] for h in HEADER]


os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")


# Tests known to take tens of seconds each (the browser journeys, the search comparison, the seeded
# walks): run first. The two workers start with halves of the list and an idle one takes tests from
# the end of the other's; with the long ones at the front the run ends on short tests, instead of one
# worker idling while the other finishes a fifty-second journey (measured: the suite's last minutes).
SLOW_MODULES = ("test_search_quality.py", "test_walk.py", "test_leadership.py", "test_staff.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def weight(item: pytest.Item) -> int:
        if item.get_closest_marker("browser") is not None:
            return 0
        return 1 if item.path.name in SLOW_MODULES else 2

    items.sort(key=weight)  # stable: each group keeps its order


os.environ.setdefault("CATALOGUE_MAP_TILES", "none")  # no map tiles fetched by a test
