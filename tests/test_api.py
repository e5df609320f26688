"""The HTTP routes beside the app (issue 13), over a real server on a loopback port: /healthz, the
public read API, the Atom feed and the session cookie's routes. Only published projects at a
public stage ever come out; drafts, projects in review and withdrawn ones are refused alike."""

from __future__ import annotations

import csv
import email.utils
import io
import json
import re
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse

from catalogue import Catalogue
from catalogue.api import CookieGrants, Routes
from catalogue.staff import workflow
from catalogue.staff.inquiries import RateLimiter
from tests.browser import Server
from tests.conftest import open_demo

DRAFT, IN_REVIEW, WITHDRAWN = "HN-API-DRAFT", "HN-API-REVIEW", "HN-API-GONE"
SECRET_WORD = "zirconiumbanh"  # only in the hidden projects' names
ATOM = "{http://www.w3.org/2005/Atom}"
SLASHED = "HN/2026-07"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    where = tmp_path_factory.mktemp("api")
    db = where / "catalogue.duckdb"
    with open_demo(db, "lan", "minh") as cat:
        source = where / "hidden.csv"
        source.write_text(
            "Mã dự án,Tên dự án,Nhóm,Quận/huyện,Trạng thái\n"
            f"{DRAFT},Nhà máy {SECRET_WORD} một,Dịch vụ môi trường,Gia Lâm,Bản nháp\n"
            f"{IN_REVIEW},Nhà máy {SECRET_WORD} hai,Dịch vụ môi trường,Gia Lâm,\n"
            f"{WITHDRAWN},Nhà máy {SECRET_WORD} ba,Dịch vụ môi trường,Gia Lâm,\n",
            encoding="utf-8",
        )
        assert cat.import_file(source, actor="lan", new_publication="draft").inserted == 3
        slashed = where / "slashed.csv"  # agencies number projects like their decisions: "12/KH-UBND"
        slashed.write_text(
            f"code,name_vi,category,district,demo\n{SLASHED},Nhà máy tái chế pin,environmental_services,Gia Lâm,true\n"
        )
        assert cat.import_file(slashed, actor="lan", new_publication="published").inserted == 1
        workflow.transition(cat, IN_REVIEW, "submit", actor="lan", role="staff")
        with cat.cursor() as cur:  # published, then withdrawn
            cur.execute(
                f"update projects set publication = 'published', status = 'withdrawn' where code = '{WITHDRAWN}'"
            )
    srv = Server(db, where / "streamlit.log")
    srv.start()
    yield srv
    srv.stop()


def get(server: Server, path: str, headers: dict | None = None, method: str = "GET") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(server.url + path, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def public_codes() -> set[str]:
    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        return set(cat.projects()["code"]) | {SLASHED}


def test_health_says_the_database_is_open_and_current(server):
    status, _headers, body = get(server, "/healthz")
    health = json.loads(body)
    assert status == 200 and health["status"] == "ok" and health["migrations_current"] is True
    assert health["index_age_seconds"] is not None  # built at start-up, before any search


def test_the_project_list_holds_every_published_project_and_nothing_else(server):
    seen, page = [], 1
    while True:
        status, headers, body = get(server, f"/api/v1/projects?per_page=50&page={page}&sort=code")
        assert status == 200 and headers["access-control-allow-origin"] == "*"
        data = json.loads(body)
        seen += [p["code"] for p in data["projects"]]
        if not data["links"]["next"]:
            break
        page += 1
    assert set(seen) == public_codes() and len(seen) == len(set(seen)) == data["total"]
    assert data["notice"]["en"].startswith("Some projects are illustrative")
    assert all(p["illustrative"] for p in data["projects"])  # the demo data says what it is


def test_hidden_projects_are_refused_by_every_route_alike(server):
    for code in (DRAFT, IN_REVIEW, WITHDRAWN):
        status, _h, body = get(server, f"/api/v1/projects/{code}")
        assert status == 404 and json.loads(body)["error"] == "not_found"
    assert get(server, "/api/v1/projects/NO-SUCH-CODE")[2] == get(server, f"/api/v1/projects/{DRAFT}")[2]
    assert json.loads(get(server, f"/api/v1/projects?q={SECRET_WORD}")[2])["total"] == 0
    status, _h, body = get(server, "/api/v1/projects.csv")
    assert status == 200 and SECRET_WORD.encode() not in body and b"investor" not in body.split(b"\n")[0]
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {row["code"] for row in rows} == public_codes()
    assert ET.fromstring(get(server, f"/api/v1/feed.atom?q={SECRET_WORD}")[2]).findall(f"{ATOM}entry") == []
    facets = json.loads(get(server, "/api/v1/facets")[2])
    assert facets["total"] == len(public_codes())
    assert "withdrawn" not in {f["code"] for f in facets["facets"]["status"]}


def test_hidden_stages_and_unknown_parameters_are_refused_with_a_reason_in_both_languages(server):
    status, _h, body = get(server, "/api/v1/projects?status=draft")
    assert status == 400
    error = json.loads(body)["errors"][0]
    assert error["param"] == "status" and error["message"]["vi"] and error["message"]["en"]
    status, _h, body = get(server, "/api/v1/projects?include_hidden=1")
    assert status == 400 and json.loads(body)["errors"][0]["param"] == "include_hidden"
    assert get(server, "/api/v1/projects?per_page=5000")[0] == 400
    for odd in ("per_page=%C2%B2", "page=%C2%B2"):  # "²": a digit to str.isdigit, not to int()
        assert get(server, f"/api/v1/projects?{odd}")[0] == 400
    status, _h, body = get(server, "/api/v1/projects?category=rockets")
    assert status == 400 and "not public" not in json.loads(body)["errors"][0]["message"]["en"]
    assert get(server, "/api/v1/projects?q=nuoc&list=DEMO-001,DEMO-002")[0] == 200  # a browse link's shortlist
    status, _h, body = get(server, "/api/v1/projects.json")
    assert status == 404 and json.loads(body)["error"] == "not_found"


def test_filters_are_the_browse_pages_and_one_project_has_its_labels_in_both_languages(server):
    data = json.loads(get(server, "/api/v1/projects?category=environmental_services&per_page=100")[2])
    assert data["total"] > 0 and {p["category"]["code"] for p in data["projects"]} == {"environmental_services"}
    code = data["projects"][0]["code"]
    project = json.loads(get(server, f"/api/v1/projects/{code}")[2])
    assert project["category"]["label"]["vi"] and project["category"]["label"]["en"]
    assert project["url"].endswith(f"/project?code={code}") and project["updated_at"].endswith("Z")
    # the ward filter too (found by a helper: a ward view's feed link answered 400), on every read route
    wards = json.loads(get(server, "/api/v1/projects?ward=bat_trang&per_page=100")[2])
    assert wards["total"] > 0 and {p["ward"]["code"] for p in wards["projects"]} == {"bat_trang"}
    for route in ("/api/v1/feed.atom", "/api/v1/projects.csv", "/api/v1/facets"):
        assert get(server, f"{route}?ward=bat_trang&lang=en")[0] == 200, route


def test_a_client_that_has_the_page_gets_not_modified(server):
    status, headers, _body = get(server, "/api/v1/projects?q=nuoc+thai")
    assert status == 200 and headers["etag"] and headers["last-modified"]
    assert get(server, "/api/v1/projects?q=nuoc+thai", {"If-None-Match": headers["etag"]})[0] == 304
    # A stamp of the current second validates nothing (the API's rule): wait until it is two seconds old
    # (the fixture's last write may be a moment ago; this was flaky when the server started fast).
    stamp = email.utils.parsedate_to_datetime(headers["last-modified"]).timestamp()
    time.sleep(max(0.0, stamp + 2.1 - time.time()))
    assert get(server, "/api/v1/projects?q=nuoc+thai", {"If-Modified-Since": headers["last-modified"]})[0] == 304
    status, headers, _body = get(server, "/api/v1/projects/DEMO-001")
    assert get(server, "/api/v1/projects/DEMO-001", {"If-None-Match": headers["etag"]})[0] == 304
    assert get(server, "/api/v1/projects/DEMO-001", {"If-Modified-Since": headers["last-modified"]})[0] == 304


def test_reads_allow_other_sites_and_answer_a_preflight(server):
    status, headers, _body = get(server, "/api/v1/projects", {"Origin": "https://example.org"}, method="OPTIONS")
    assert (
        status == 204
        and headers["access-control-allow-origin"] == "*"
        and "GET" in headers["access-control-allow-methods"]
    )
    assert "If-None-Match" in headers["access-control-allow-headers"]
    assert "ETag" in get(server, "/api/v1/projects")[1]["access-control-expose-headers"]


def test_the_feed_lists_published_projects_newest_first_in_the_chosen_language(server):
    status, headers, body = get(server, "/api/v1/feed.atom?lang=en&category=environmental_services")
    assert status == 200 and headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(body)
    entries = feed.findall(f"{ATOM}entry")
    assert entries and feed.find(f"{ATOM}title").text.startswith("Hanoi environmental industry")
    assert feed.find(f"{ATOM}author/{ATOM}name").text and "category=" in feed.find(f"{ATOM}id").text
    times = [entry.find(f"{ATOM}updated").text for entry in entries]
    assert times == sorted(times, reverse=True)
    assert all(entry.find(f"{ATOM}title").text.startswith("[Illustrative]") for entry in entries)
    assert not any("] [" in entry.find(f"{ATOM}title").text for entry in entries)  # marked once
    one = json.loads(get(server, "/api/v1/projects/DEMO-001")[2])
    assert json.dumps(one, ensure_ascii=False).count("[Minh họa]") >= 1  # the name as every page shows it
    assert {entry.find(f"{ATOM}category").get("term") for entry in entries} == {"environmental_services"}
    kinds = [c.get("term") for entry in entries for c in entry.findall(f"{ATOM}category") if c.get("scheme")]
    assert "treatment_system" in kinds and all(k in {"treatment_system", "recycling", "services"} for k in kinds)
    # the feed's own page is the browse page of the same results (a helper saw "/?lang=vi" for every feed)
    alternate = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert alternate == [f"{server.url}/?category=environmental_services&lang=en"]
    # each entry's id is an address that answers: the project's short link (a helper opened
    # "/project/DEMO-004" and got a blank page)
    first = entries[0].find(f"{ATOM}id").text
    assert first.startswith(f"{server.url}/p/") and first.endswith("?lang=en")  # the English feed's, in English
    status, _headers, page = get(server, first.removeprefix(server.url))  # "HN%2F2026-07": a code with a slash
    code = first.rsplit("/p/", 1)[1].removesuffix("?lang=en")
    assert status == 200 and f"/project?code={code}&amp;lang=en".encode() in page  # leads to it, in English
    status, _headers, body = get(server, "/api/v1/feed.atom")
    home = [link.get("href") for link in ET.fromstring(body).findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert home == [f"{server.url}/"]


def test_the_openapi_description_names_every_route(server):
    document = json.loads(get(server, "/api/v1/openapi.json")[2])
    assert document["openapi"].startswith("3.1")
    assert {"/api/v1/projects", "/api/v1/projects/{code}", "/api/v1/projects.csv", "/api/v1/facets"} <= set(
        document["paths"]
    )


JSON_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def conforms(value, schema: dict, document: dict, where: str = "$") -> list[str]:
    """What in ``value`` breaks ``schema`` (the JSON Schema words the API's description uses)."""
    if "$ref" in schema:
        return conforms(value, document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]], document, where)
    if "anyOf" in schema:
        tries = [conforms(value, option, document, where) for option in schema["anyOf"]]
        return [] if any(not found for found in tries) else min(tries, key=len)
    wanted = JSON_TYPES[schema["type"]]
    if not isinstance(value, wanted) or (isinstance(value, bool) and schema["type"] in ("integer", "number")):
        return [f"{where}: {type(value).__name__}, not {schema['type']}"]
    found = [f"{where}: {value!r} not in {schema['enum']}"] if value not in schema.get("enum", [value]) else []
    if schema["type"] == "array":
        for i, item in enumerate(value):
            found += conforms(item, schema["items"], document, f"{where}[{i}]")
    if schema["type"] == "object":
        properties = schema.get("properties", {})
        found += [f"{where}: {name} missing" for name in schema.get("required", []) if name not in value]
        for name, item in value.items():
            if name in properties:
                found += conforms(item, properties[name], document, f"{where}.{name}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{where}: {name} not described")
            elif isinstance(schema.get("additionalProperties"), dict):
                found += conforms(item, schema["additionalProperties"], document, f"{where}.{name}")
    return found


def test_every_answer_has_the_shape_the_openapi_description_gives(server):
    document = json.loads(get(server, "/api/v1/openapi.json")[2])
    code = sorted(public_codes())[0]
    checked = 0
    for path, route, status in [
        ("/healthz", "/healthz", "200"),
        ("/api/v1/projects?per_page=50", "/api/v1/projects", "200"),
        (
            "/api/v1/projects?category=environmental_services&sort=investment&page=2&per_page=3",
            "/api/v1/projects",
            "200",
        ),
        ("/api/v1/projects?page=999", "/api/v1/projects", "200"),
        ("/api/v1/projects?stage=draft", "/api/v1/projects", "400"),
        (f"/api/v1/projects/{code}", "/api/v1/projects/{code}", "200"),
        (f"/api/v1/projects/{DRAFT}", "/api/v1/projects/{code}", "404"),
        ("/api/v1/facets?q=nuoc+thai", "/api/v1/facets", "200"),
        ("/api/v1/facets?district=nowhere", "/api/v1/facets", "400"),
    ]:
        got, headers, body = get(server, path)
        assert str(got) == status, path
        answer = document["paths"][route]["get"]["responses"][status]
        assert headers["content-type"].startswith("application/json")
        schema = answer["content"]["application/json"]["schema"]
        assert conforms(json.loads(body), schema, document) == [], path
        checked += 1
    assert checked == 9
    wrong = {"code": "HN-1", "url": 5, "surprise": True}  # the checker itself finds what is wrong
    assert len(conforms(wrong, {"$ref": "#/components/schemas/Project"}, document)) > 3


def test_a_page_past_the_end_links_back_to_the_last_page(server):
    page = json.loads(get(server, "/api/v1/projects?per_page=10&page=999")[2])
    assert page["projects"] == [] and page["links"]["next"] is None
    assert page["links"]["prev"].endswith(f"page={page['pages']}") and page["links"]["last"] == page["links"]["prev"]
    assert page["links"]["first"].endswith("page=1")


def test_review_findings_codes_with_a_slash_full_texts_clear_refusals(server):
    from urllib.parse import quote

    status, _headers, body = get(server, "/api/v1/projects/" + quote(SLASHED, safe=""))
    assert status == 200 and json.loads(body)["code"] == SLASHED
    demo = json.loads(get(server, "/api/v1/projects/DEMO-001")[2])
    assert "Decree 31/2021" in demo["incentives"] and "275/KH-UBND" in demo["legal_basis"]
    for query, param in (
        ("per_page=0", "per_page"),
        ("per_page=abc", "per_page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
    ):
        status, _headers, body = get(server, "/api/v1/projects?" + query)
        (error,) = json.loads(body)["errors"]
        assert status == 400 and error["param"] == param and error["message"]["en"] and error["message"]["vi"], query
    # a range given high to low is read low to high, as on the browse page
    swapped = json.loads(get(server, "/api/v1/projects?min_vnd=5000&max_vnd=100&per_page=100")[2])
    straight = json.loads(get(server, "/api/v1/projects?min_vnd=100&max_vnd=5000&per_page=100")[2])
    assert swapped["total"] == straight["total"] > 0
    # a flood of bad parameters gets a short answer
    status, _headers, body = get(server, "/api/v1/projects?" + "&".join(f"x{i}=1" for i in range(500)))
    answer = json.loads(body)
    assert status == 400 and len(answer["errors"]) == 20 and answer["more_errors"] == 480 and len(body) < 10_000
    for path in ("/api/v1/projects.csv", "/api/v1/feed.atom", "/api/v1/facets"):
        assert get(server, path)[1]["cache-control"] == "public, max-age=30", path
    document = json.loads(get(server, "/api/v1/openapi.json")[2])
    assert all("429" in op["get"]["responses"] for path, op in document["paths"].items() if "/api/" in path)
    status, headers, body = get(server, "/api/v1/projects", method="DELETE")
    assert status == 405 and headers["allow"] == "GET, HEAD, OPTIONS" and json.loads(body)["message"]["en"]


def test_the_cookie_route_refuses_a_made_up_grant_and_a_get(server):
    status, headers, _body = get(server, "/auth/cookie?grant=made-up", method="POST")
    assert status == 403 and "set-cookie" not in headers
    status, headers, _body = get(server, "/auth/cookie?grant=made-up")
    assert status == 405 and "set-cookie" not in headers


def test_another_site_cannot_sign_a_visitor_in_or_out():
    """Login CSRF: an attacker who holds a grant for their own account cannot make a visitor's
    browser redeem it from another site; nor end a visitor's session from there."""
    from catalogue.api import GRANTS

    routes = Routes(lambda: None)  # type: ignore[arg-type]

    def post(path: str, endpoint, headers: dict[str, str]) -> JSONResponse:
        path, _, query = path.partition("?")
        scope = {
            "type": "http",
            "method": "POST",
            "scheme": "http",
            "path": path,
            "query_string": query.encode(),
            "headers": [(k.lower().encode(), v.encode()) for k, v in {"host": "cat.example:8501", **headers}.items()],
            "client": ("10.0.0.9", 1234),
        }
        return endpoint(Request(scope))

    grant = GRANTS.issue("attacker-token")
    for foreign in (
        {"origin": "https://evil.example", "sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
        {"origin": "https://evil.example"},
        {"origin": "http://cat.example:8501.evil.example"},
        {},  # neither header: no browser posts like that
    ):
        answer = post(f"/auth/cookie?grant={grant}", routes.set_cookie, foreign)
        assert answer.status_code == 403 and "set-cookie" not in answer.headers, foreign
        assert json.loads(answer.body)["en"].startswith("Sign-in and sign-out requests")
        answer = post("/auth/signout", routes.clear_cookie, {**foreign, "cookie": "catalogue_session=victim"})
        assert answer.status_code == 403 and "set-cookie" not in answer.headers, foreign
    # The page's own request still works, with the grant unspent by the refused attempts.
    answer = post(f"/auth/cookie?grant={grant}", routes.set_cookie, {"sec-fetch-site": "same-origin"})
    assert answer.status_code == 200 and "attacker-token" in answer.headers["set-cookie"]
    grant = GRANTS.issue("token-2")
    answer = post(f"/auth/cookie?grant={grant}", routes.set_cookie, {"origin": "http://cat.example:8501"})
    assert answer.status_code == 200 and "HttpOnly" in answer.headers["set-cookie"]


def test_absolute_links_use_the_configured_public_address_not_the_visitors_host(monkeypatch):
    scope = {"type": "http", "method": "GET", "scheme": "http", "path": "/api/v1/projects"}
    scope |= {"query_string": b"per_page=5", "headers": [(b"host", b"evil.example")], "server": ("evil.example", 80)}
    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        routes = Routes(lambda: cat)
        monkeypatch.delenv("CATALOGUE_PUBLIC_URL", raising=False)
        page = json.loads(routes.list_projects(Request(scope)).body)
        assert page["links"]["next"].startswith("http://evil.example/")  # without the setting: where it came to
        monkeypatch.setenv("CATALOGUE_PUBLIC_URL", "https://xuctiendautu.hanoi.gov.vn/")
        page = json.loads(routes.list_projects(Request(scope)).body)
    assert page["links"]["next"] == "https://xuctiendautu.hanoi.gov.vn/api/v1/projects?per_page=5&page=2"
    assert all(p["url"].startswith("https://xuctiendautu.hanoi.gov.vn/project?code=") for p in page["projects"])


def test_last_modified_never_goes_back_after_a_restore(tmp_path):
    """A client that saw the list (or a project) before a restore must not be told 'not modified'
    after it: the restored file's stamps are older than what the client saw."""
    from email.utils import parsedate_to_datetime

    from tests.conftest import good_row, write_csv

    def ask(routes: Routes, endpoint, path: str, code: str | None = None) -> JSONResponse:
        scope = {"type": "http", "method": "GET", "scheme": "http", "path": path, "query_string": b""}
        scope |= {"headers": [(b"host", b"cat.example")], "client": ("10.0.0.9", 1), "path_params": {}}
        if code:
            scope["path_params"] = {"code": code}
        return endpoint(Request(scope))

    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        cat.load_demo()
        cat.backup(tmp_path / "bk")
        cat.import_file(write_csv(tmp_path / "n.csv", [good_row("DEMO-001", name_vi="Nhà máy đổi tên")]))
        routes = Routes(lambda: cat)
        seen = [
            ask(routes, routes.list_projects, "/api/v1/projects"),
            ask(routes, routes.one_project, "/p", "DEMO-001"),
        ]
        cat.restore_from(tmp_path / "bk")
        after = [
            ask(routes, routes.list_projects, "/api/v1/projects"),
            ask(routes, routes.one_project, "/p", "DEMO-001"),
        ]
        for before, now in zip(seen, after, strict=True):
            assert parsedate_to_datetime(now.headers["last-modified"]) > parsedate_to_datetime(
                before.headers["last-modified"]
            )


def test_forwarded_headers_count_only_from_a_declared_proxy(monkeypatch):
    """uvicorn believes X-Forwarded-For from this machine: without CATALOGUE_TRUSTED_PROXY=1 the app
    undoes that, so a local caller cannot name any address (and dodge the per-address limits)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from catalogue.api import UndeclaredProxyHeaders

    seen: list[dict] = []

    def run(coroutine) -> None:  # in a thread of its own: a browser test in this process may hold a loop here
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, coroutine).result()

    async def app(scope, receive, send) -> None:
        seen.append(scope)

    # what uvicorn hands on after believing the headers of a connection from 127.0.0.1
    believed = {
        "type": "websocket",
        "scheme": "wss",
        "client": ("10.1.1.1", 5555),
        "headers": [(b"x-forwarded-for", b"10.9.9.9, 10.1.1.1"), (b"x-forwarded-proto", b"https")],
    }
    monkeypatch.delenv("CATALOGUE_TRUSTED_PROXY", raising=False)
    run(UndeclaredProxyHeaders(app)(believed, None, None))
    assert seen[-1]["client"] == ("127.0.0.1", 5555) and seen[-1]["scheme"] == "ws"
    direct = {**believed, "client": ("203.0.113.7", 5555), "headers": [], "scheme": "ws"}  # a real remote peer
    run(UndeclaredProxyHeaders(app)(direct, None, None))
    assert seen[-1]["client"] == ("203.0.113.7", 5555)
    monkeypatch.setenv("CATALOGUE_TRUSTED_PROXY", "1")  # a declared proxy: its word is taken
    run(UndeclaredProxyHeaders(app)(believed, None, None))
    assert seen[-1]["client"] == ("10.1.1.1", 5555) and seen[-1]["scheme"] == "wss"


def test_a_grant_is_redeemed_once_and_expires():
    now = [0.0]
    grants = CookieGrants(clock=lambda: now[0])
    first, second = grants.issue("token-1"), grants.issue("token-2")
    assert grants.redeem(first) == "token-1" and grants.redeem(first) is None
    now[0] = 61.0
    assert grants.redeem(second) is None


def test_reads_are_limited_per_client_address():
    routes = Routes(lambda: None, limiter=RateLimiter(3, 60.0))  # type: ignore[arg-type]
    endpoint = routes.guarded(lambda request: JSONResponse({"ok": True}))

    def call(address: str) -> int:
        scope = {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}
        return endpoint(Request({**scope, "client": (address, 1234)})).status_code

    assert [call("203.0.113.9") for _ in range(4)] == [200, 200, 200, 429]
    assert call("198.51.100.7") == 200  # another address has its own allowance


def test_a_shared_link_previews_the_project_and_leads_to_its_page(server):
    """Chat apps read Open Graph tags without running scripts: /p/CODE carries the project's name,
    capital and category, then sends a person on to the project's page."""
    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        project = cat.project("DEMO-035")
    status, headers, body = get(server, "/p/DEMO-035?lang=en")
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert f'<meta property="og:title" content="{project["name_en"]}">' in page
    assert "VND 2,800 bn" in page and "Machinery, equipment" in page  # capital and category in the description
    assert '<meta http-equiv="refresh" content="0; url=/project?code=DEMO-035&amp;lang=en">' in page
    assert "script-src 'none'" in headers["content-security-policy"] and "<script" not in page
    card = re.search(r'<meta property="og:image" content="(http://[^"]+)">', page).group(1)
    assert card.endswith("/share-card.png") and '"summary_large_image"' in page
    status, headers, body = get(server, "/share-card.png")  # the same picture for every link: no project in it
    assert status == 200 and headers["content-type"] == "image/png" and body.startswith(b"\x89PNG")
    status, _headers, body = get(server, "/p/DEMO-035")
    assert status == 200 and project["name_vi"] in body.decode() and "2.800 tỷ đồng" in body.decode()
    assert 'url=/project?code=DEMO-035">' in body.decode()  # Vietnamese, the default, not in the address


def test_the_print_view_opens_the_print_dialog_and_runs_no_other_script(server):
    status, headers, body = get(server, "/print/DEMO-035?lang=en")
    page = body.decode()
    assert status == 200 and "window.print()" in page and "[Illustrative]" in page
    policy = headers["content-security-policy"]
    assert "script-src 'nonce-" in policy and "default-src 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert page.count("<script") == 1 and f'<script nonce="{nonce}">' in page
    again = get(server, "/print/DEMO-035?lang=en")[1]["content-security-policy"]
    assert again.split("'nonce-")[1].split("'")[0] != nonce and len(nonce) >= 16  # new each time, unguessable


@pytest.mark.parametrize("route", ["/p/", "/print/"])
def test_hidden_projects_have_no_share_preview_or_print_view(server, route):
    for code in (DRAFT, IN_REVIEW, WITHDRAWN, "NO-SUCH-CODE"):
        status, _headers, body = get(server, f"{route}{code}?lang=en")
        assert status == 404 and SECRET_WORD not in body.decode(), code
        assert "No public project has this code" in body.decode()


def test_every_parameter_a_browse_link_carries_is_one_the_api_reads():
    """A feed or export link is the browse page's parameters: each one must be the API's too."""
    from catalogue.api import ALLOWED_PARAMS
    from catalogue.projects.browse_state import LIST_PARAMS

    assert {*LIST_PARAMS, "q", "min_vnd", "max_vnd", "sort", "lang", "page"} <= ALLOWED_PARAMS


def test_a_shared_links_preview_says_about_for_an_approximate_capital():
    """The page said "about VND 500 bn", the preview "VND 500 bn", which reads as exact (a helper)."""
    from starlette.requests import Request

    from catalogue.api import Routes

    def preview(routes: Routes, code: str, lang: str) -> str:
        scope = {
            "type": "http",
            "method": "GET",
            "scheme": "http",
            "path": f"/p/{code}",
            "path_params": {"code": code},
            "query_string": f"lang={lang}".encode(),
            "headers": [(b"host", b"cat.example")],
            "client": ("10.0.0.9", 1234),
        }
        page = routes.share_page(Request(scope)).body.decode()
        return re.search(r'<meta property="og:description" content="([^"]*)">', page).group(1)

    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        cat.write(lambda cur: cur.execute("update projects set investment_approx = true where code = 'DEMO-035'"))
        routes = Routes(lambda: cat)
        assert "about VND 2,800 bn" in preview(routes, "DEMO-035", "en")
        assert "khoảng 2.800 tỷ đồng" in preview(routes, "DEMO-035", "vi")
        assert "about" not in preview(routes, "DEMO-001", "en")


def test_a_browser_gets_a_cookie_naming_it_with_its_first_page_and_api_clients_none(server):
    """Limits per browser count by it: a reload is the same browser (a helper reloaded before each of
    twelve alert sign-ups, and each was taken)."""
    request = urllib.request.Request(server.url + "/", headers={"Accept": "text/html,application/xhtml+xml"})
    with urllib.request.urlopen(request, timeout=10) as response:
        cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("catalogue_browser=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    again = urllib.request.Request(server.url + "/", headers={"Accept": "text/html", "Cookie": cookie.split(";")[0]})
    with urllib.request.urlopen(again, timeout=10) as response:
        assert response.headers["Set-Cookie"] is None  # kept, not renewed
    status, headers, _body = get(server, "/api/v1/projects?per_page=1")
    assert status == 200 and "set-cookie" not in {k.lower() for k in headers}


def test_the_feed_of_a_search_holds_its_answer_not_the_partial_matches(server):
    """A second review: the feed of "Sở Công Thương nước thải" carried 47 projects, those matching some
    words only among them, where the CSV export carried the 14 that match every word."""
    query = "S%E1%BB%9F+C%C3%B4ng+Th%C6%B0%C6%A1ng+n%C6%B0%E1%BB%9Bc+th%E1%BA%A3i"
    page = json.loads(get(server, f"/api/v1/projects?q={query}&per_page=100")[2])
    status, _headers, body = get(server, f"/api/v1/feed.atom?q={query}")
    entries = ET.fromstring(body).findall(f"{ATOM}entry")
    assert status == 200 and 0 < page["complete"] < page["total"]
    assert len(entries) == page["complete"]
