"""Command line: ``catalogue init|serve|import|export|search|synonyms|glossary|backup|restore|user|report`` (also
``python -m catalogue``).

Every command but ``init`` and ``restore`` needs an existing database: a mistyped ``--db`` is refused
with its path instead of creating an empty catalogue.

Exit codes: 0 done; 1 the work was refused (a file with errors, a locked or too-new
database, a restore that would overwrite); 2 the command line itself was wrong.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from catalogue.clock import utcnow
from catalogue.core import Catalogue
from catalogue.errors import CatalogueError
from catalogue.projects.importing import ImportReport
from catalogue.storage import backup as backups
from catalogue.storage.database import resolve_db_path
from catalogue.text import Text, localized, t

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    group.add_argument("--category", action="append", help="category code or label (repeatable)")
    group.add_argument("--district", action="append", help="pre-2025 district (repeatable)")
    group.add_argument("--status", action="append", help="status code or label (repeatable)")
    group.add_argument("--investment-form", action="append", help="investment form (repeatable)")
    group.add_argument("--lead-agency", action="append", help="lead agency code or name (repeatable)")
    group.add_argument("--min-investment", type=float, help="minimum total investment, tỷ đồng")
    group.add_argument("--max-investment", type=float, help="maximum total investment, tỷ đồng")


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "category": args.category,
        "district": args.district,
        "status": args.status,
        "investment_form": args.investment_form,
        "lead_agency": args.lead_agency,
        "min_investment": args.min_investment,
        "max_investment": args.max_investment,
    }


def _project_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    init = commands.add_parser("init", parents=[common], help="create or migrate the database")
    init.add_argument("--demo", action="store_true", help="also load the illustrative demo projects")

    serve = commands.add_parser("serve", parents=[common], help="run the web app on this database")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--address", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    _role_options(serve)

    imp = commands.add_parser(
        "import",
        parents=[common],
        help="import a project list: the template, or a list as an agency sent it (XLSX, XLS, ODS, CSV, DOCX tables, JSON)",
    )
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="check only; change nothing")
    imp.add_argument(
        "--sheet",
        help='the workbook sheet to read (default: the one that holds the list; "*": every sheet that holds one, its name as a section)',
    )
    imp.add_argument(
        "--profile",
        help="a saved column mapping to read the columns by (saved on the import page; default: "
        "the one saved for files with the same column headings, if any)",
    )
    imp.add_argument(
        "--publish",
        action="store_true",
        help="publish new projects at once, without review (only for a list already approved); "
        "by default they wait for a reviewer",
    )

    exp = commands.add_parser("export", parents=[common], help="export projects to .csv, .xlsx or .json")
    exp.add_argument("file")
    exp.add_argument(
        "--headers",
        choices=("canonical", "vi", "en"),
        default="canonical",
        help="canonical names and codes (default), or Vietnamese/English headers and labels",
    )
    exp.add_argument("--public-only", action="store_true", help="leave out draft and withdrawn projects")
    _add_filters(exp)

    search = commands.add_parser("search", parents=[common], help="search published projects")
    search.add_argument("query")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--include-hidden", action="store_true", help="also draft and withdrawn projects")
    _add_filters(search)

    syn = commands.add_parser("synonyms", parents=[common], help="list, or add to, the abbreviations search expands")
    syn.add_argument("--add", nargs=2, metavar=("TERM", "EXPANSION"), help='e.g. --add XLNT "xử lý nước thải"')

    glo = commands.add_parser(
        "glossary", parents=[common], help="list, or add to, the terms search finds in both languages"
    )
    glo.add_argument("--add", nargs=2, metavar=("VI", "EN"), help='e.g. --add "bùn thải" sludge')


def _role_options(serve: argparse.ArgumentParser) -> None:
    """Behind a load balancer (deploy/): the primary publishes snapshots, replicas serve them."""
    role = serve.add_mutually_exclusive_group()
    role.add_argument(
        "--snapshots", metavar="DIR", help="the primary: publish what the public may see to DIR for replicas"
    )
    role.add_argument(
        "--replica", metavar="DIR", help="a public replica: serve the newest snapshot in DIR, read-only (no --db)"
    )
    serve.add_argument("--base-path", default="", help="serve under this URL path (the primary: staff)")


def _operation_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    bak = commands.add_parser("backup", parents=[common], help="write a consistent copy into a new directory")
    bak.add_argument("directory")

    rep = commands.add_parser("report", parents=[common], help="the annual report (XLSX, optional printable HTML)")
    rep.add_argument("--year", type=int, required=True)
    rep.add_argument("--out", required=True, help="the .xlsx file to write")
    rep.add_argument("--html", help="also write the printable summary to this .html file")
    rep.add_argument("--report-lang", choices=("vi", "en"), default="vi", help="language of the report (default vi)")
    rep.add_argument("--plan", default="hn_275_2023", help="the plan whose tasks and targets are reported")

    res = commands.add_parser("restore", parents=[common], help="rebuild the database from a backup directory")
    res.add_argument("directory")
    res.add_argument("--force", action="store_true", help="replace an existing database")


def _user_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    user = commands.add_parser(
        "user", parents=[common], help="manage staff accounts (passwords from a prompt or stdin)"
    )
    users = user.add_subparsers(dest="user_command", required=True)
    add = users.add_parser("add", parents=[common], help="create an account")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=("staff", "reviewer", "admin"))
    add.add_argument("--display-name", default="", help="the name shown in the history (default: NAME)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    users.add_parser("list", parents=[common], help="list accounts")
    role = users.add_parser("set-role", parents=[common], help="change an account's role")
    role.add_argument("name")
    role.add_argument("role", choices=("staff", "reviewer", "admin"))
    for name, text in (("disable", "disable an account"), ("enable", "enable an account"), ("unlock", "unlock")):
        users.add_parser(name, parents=[common], help=text).add_argument("name")
    passwd = users.add_parser("passwd", parents=[common], help="set a new password")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true", help="read the password from standard input")


def build_parser() -> argparse.ArgumentParser:
    # --db and --lang work before or after the command: SUPPRESS keeps a subcommand's
    # parser from resetting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", default=argparse.SUPPRESS, help="database file (default: $CATALOGUE_DB, else var/catalogue.duckdb)"
    )
    common.add_argument(
        "--lang", choices=("vi", "en"), default=argparse.SUPPRESS, help="language of messages (default vi)"
    )
    parser = argparse.ArgumentParser(
        prog="catalogue", parents=[common], description="Hanoi environmental-industry investment catalogue"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _project_commands(commands, common)
    _operation_commands(commands, common)
    _user_commands(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # what the catalogue writes (database, log, backups, exports) is the user's alone
    args = build_parser().parse_args(argv)
    args.db = getattr(args, "db", None)
    args.lang = getattr(args, "lang", None) or os.environ.get("CATALOGUE_LANG", "vi")
    handler = {
        "init": _init,
        "serve": _serve,
        "import": _import,
        "export": _export,
        "search": _search,
        "synonyms": _synonyms,
        "glossary": _glossary,
        "backup": _backup,
        "restore": _restore,
        "user": _user,
        "report": _report,
    }[args.command]
    try:
        return handler(args)
    except CatalogueError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return EXIT_REFUSED


def _existing_db(args: argparse.Namespace) -> Path:
    path = resolve_db_path(args.db)
    if str(path) != ":memory:" and not path.is_file():
        raise CatalogueError(Text.of("cli.no_database", path=path))
    return path


def _open(args: argparse.Namespace) -> Catalogue:
    """The existing database of ``--db``; only ``init`` creates one."""
    return Catalogue.open(_existing_db(args))


# What .streamlit/config.toml says for a source checkout, as flags for an installed app
# (tests/test_packaging.py checks that both say the same).
SERVER_OPTIONS: dict[str, str] = {
    "theme.base": "light",
    "theme.primaryColor": "#0f766e",
    "theme.backgroundColor": "#ffffff",
    "theme.secondaryBackgroundColor": "#f0f7f5",
    "theme.textColor": "#1f2933",
    "theme.linkColor": "#0b5f59",
    "theme.borderColor": "#d5dbe1",
    "theme.showWidgetBorder": "true",
    "theme.baseRadius": "0.5rem",
    "theme.font": "Source Sans",
    "theme.headingFont": "Source Sans",
    "client.toolbarMode": "minimal",
    "client.showErrorDetails": "none",
    "server.headless": "true",
    "server.maxUploadSize": "20",
    "server.fileWatcherType": "none",
    "runner.postScriptGC": "false",
    "browser.gatherUsageStats": "false",
}


def serve_command(
    db: Path | None,
    port: int = 8501,
    address: str = "127.0.0.1",
    *,
    snapshots: Path | None = None,
    replica: Path | None = None,
    base_path: str = "",
) -> list[str]:
    """``streamlit run`` on the installed app's ASGI entry point (app_pages/server.py: the pages and
    the HTTP routes in one server), with the house's server options; a primary publishing
    ``snapshots``, or a ``replica`` of them (deploy/: the roles behind a load balancer)."""
    import importlib.util

    spec = importlib.util.find_spec("app_pages")
    if spec is None or not spec.submodule_search_locations:
        raise CatalogueError(Text.of("cli.no_app_pages"))
    main = Path(next(iter(spec.submodule_search_locations))) / "server.py"
    options = [f"--{name}={value}" for name, value in SERVER_OPTIONS.items()]
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(main),
        *options,
        f"--server.port={port}",
        f"--server.address={address}",
        *([f"--server.baseUrlPath={base_path.strip('/')}"] if base_path.strip("/") else []),
        "--",
        *(["--replica", str(replica)] if replica else ["--db", str(db)]),
        *(["--snapshots", str(snapshots)] if snapshots and not replica else []),
    ]


def _serve(args: argparse.Namespace) -> int:
    import importlib.util
    import subprocess

    if importlib.util.find_spec("streamlit") is None:
        print(t("cli.serve_missing_streamlit", args.lang), file=sys.stderr)
        return EXIT_REFUSED
    replica = Path(args.replica).resolve() if args.replica else None
    command = serve_command(
        None if replica else _existing_db(args).resolve(),
        args.port,
        args.address,
        snapshots=Path(args.snapshots).resolve() if args.snapshots else None,
        replica=replica,
        base_path=args.base_path,
    )
    if os.name == "posix":  # the server takes this process's place: a stop signal reaches it, its pid is ours
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)
    return subprocess.call(command)  # elsewhere: a child that ends with the console


def _init(args: argparse.Namespace) -> int:
    with Catalogue.open(resolve_db_path(args.db)) as cat:
        if args.demo:
            report = cat.load_demo()
            if not report.ok:  # the shipped file is checked by the tests; this is a guard
                _print_errors(report, args.lang)
                return EXIT_REFUSED
        total = cat.count(include_hidden=True)
        print(t("cli.init_done", args.lang, path=cat.path, version=cat.schema_version, projects=total))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(t("cli.no_such_file", args.lang, path=path), file=sys.stderr)
        return EXIT_REFUSED
    publication = "published" if args.publish else "draft"
    request = {
        "command": "import",
        "path": str(path.resolve()),
        "dry_run": args.dry_run,
        "publication": publication,
        "sheet": args.sheet,
        "profile": args.profile,
    }
    answer = _via_app(args, request)
    if answer is not None:
        report = ImportReport.from_dict(answer["report"])
    else:
        with _open(args) as cat:
            report = cat.import_file(
                path,
                dry_run=args.dry_run,
                actor="cli",
                new_publication=publication,
                sheet=args.sheet,
                mapping=args.profile,
            )
    _print_understood(report, args.lang)
    for column in report.ignored_columns:
        print(t("cli.ignored_column", args.lang, column=column), file=sys.stderr)
    if not report.ok:
        _print_errors(report, args.lang)
        print(t("cli.import_refused", args.lang, count=report.error_count), file=sys.stderr)
        return EXIT_REFUSED
    key = "cli.import_dry_run" if args.dry_run else "cli.import_done"
    print(t(key, args.lang, inserted=report.inserted, updated=report.updated, unchanged=report.unchanged))
    if report.inserted and not args.publish:
        print(t("cli.import_new_wait", args.lang))
    if report.review:
        print(t("cli.import_review", args.lang, count=len(report.review), codes=", ".join(report.review[:20])))
    return EXIT_OK


def _print_understood(report: ImportReport, lang: str) -> None:
    """How an agency's list was read: the same lines as the import page, and its skipped rows."""
    if not report.understood:
        return
    print(t("import.layout_title", lang) + ":")
    for said in report.understood:
        print(f"  {'!' if said.level == 'warning' else '-'} {said.text(lang)}")
    if report.skipped:
        print(t("import.layout_skipped", lang, count=len(report.skipped)) + ":")
        width = max(len(kind(lang)) for _row, kind, _text in report.skipped)
        for row, kind, text in report.skipped:
            print(f"  {row:>6}  {kind(lang).ljust(width)}  {_shorten(text, 70)}")
    if report.proposed:
        print(t("cli.proposed_codes", lang, count=len(report.proposed)) + ":")
        for row, code in report.proposed[:20]:
            print(f"  {row:>6}  {code}")
        if len(report.proposed) > 20:
            print(f"  … {len(report.proposed) - 20}")


def _print_errors(report: ImportReport, lang: str) -> None:
    table = [
        ((f"{e.sheet}!" if e.sheet else "") + (str(e.row) if e.row else "—"), e.column, _shorten(e.value), e.text(lang))
        for e in report.errors
    ]
    headers = (t("cli.col_row", lang), t("cli.col_column", lang), t("cli.col_value", lang), t("cli.col_reason", lang))
    widths = [max(len(h), *(len(r[i]) for r in table)) if table else len(h) for i, h in enumerate(headers[:3])]
    line = "  ".join(h.ljust(w) for h, w in zip(headers[:3], widths, strict=True)) + "  " + headers[3]
    print(line, file=sys.stderr)
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row[:3], widths, strict=True)) + "  " + row[3], file=sys.stderr)
    if report.more_errors:
        print(t("cli.more_errors", lang, more=report.more_errors, listed=len(report.errors)), file=sys.stderr)


def _shorten(value: str, width: int = 40) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"


def _export(args: argparse.Namespace) -> int:
    suffix = Path(args.file).suffix.lower()
    if suffix not in (".csv", ".xlsx", ".json"):
        print(t("cli.bad_export_format", args.lang, suffix=suffix or "?"), file=sys.stderr)
        return EXIT_USAGE
    with _open(args) as cat:
        written = cat.export(args.file, lang=args.headers, include_hidden=not args.public_only, **_filters(args))
    print(t("cli.export_done", args.lang, count=written, path=args.file))
    return EXIT_OK


def _search(args: argparse.Namespace) -> int:
    with _open(args) as cat:
        hits = cat.search(args.query, limit=args.limit, include_hidden=args.include_hidden, **_filters(args))
    if args.json:
        print(json.dumps([hit.__dict__ for hit in hits], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not hits:
        print(t("cli.no_results", args.lang))
    for hit in hits:
        name = localized(hit, "name", args.lang)
        print(f"{hit.code}\t{hit.score:.2f}\t{name}")
    return EXIT_OK


def _synonyms(args: argparse.Namespace) -> int:
    return _search_words(args, "add_synonym", "synonyms", ("term", "expansion"))


def _glossary(args: argparse.Namespace) -> int:
    return _search_words(args, "add_glossary_term", "glossary", ("vi", "en"))


def _search_words(args: argparse.Namespace, add: str, listing: str, columns: tuple[str, str]) -> int:
    """Add a pair to what search reads words with (``--add``), then list them all, a pair a line."""
    with _open(args) as cat:
        if args.add:
            getattr(cat, add)(*args.add, added_by=os.environ.get("USER"))
        for row in getattr(cat, listing)()[list(columns)].itertuples(index=False):
            print("\t".join(str(value) for value in row))
    return EXIT_OK


def _via_app(args: argparse.Namespace, request: dict[str, Any], path: Path | None = None) -> dict[str, Any] | None:
    """The running app's answer to ``request`` (catalogue/admin.py), or None when no app serves
    the database (the command then opens the file itself)."""
    from catalogue import admin

    try:
        answer = admin.call(path or _existing_db(args), request)  # the app records who called, from the OS
    except admin.AppNotAnswering:
        return None
    print(t("cli.via_app", args.lang), file=sys.stderr)
    return answer


def _backup(args: argparse.Namespace) -> int:
    answer = _via_app(args, {"command": "backup", "directory": str(Path(args.directory).resolve())})
    if answer is not None:
        manifest = answer["manifest"]
    else:
        with _open(args) as cat:
            manifest = cat.backup(args.directory)
    print(t("cli.backup_done", args.lang, path=args.directory, projects=manifest["row_counts"].get("projects", 0)))
    return EXIT_OK


def _read_password(args: argparse.Namespace) -> str:
    """From stdin (first line) with --password-stdin, else prompted twice; never an argument."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass(t("cli.password", args.lang))
    if getpass.getpass(t("cli.password_again", args.lang)) != first:
        raise CatalogueError(Text.of("cli.passwords_differ"))
    return first


def _user(args: argparse.Namespace) -> int:
    from catalogue.staff import auth

    request = {"command": "user", "action": args.user_command, "name": getattr(args, "name", "")}
    if args.user_command in ("add", "passwd"):
        request["password"] = _read_password(args)
    request |= {
        k: v
        for k, v in (("role", getattr(args, "role", None)), ("display_name", getattr(args, "display_name", None)))
        if v
    }
    answer = _via_app(args, request)
    if answer is not None:
        _print_user_answer(args, answer)
        return EXIT_OK
    with _open(args) as cat:
        command = args.user_command
        if command == "add":
            created = auth.add_user(cat, args.name, request["password"], args.role, args.display_name)
            print(t("cli.user_added", args.lang, name=created.name, role=auth.role_label(created.role)(args.lang)))
        elif command == "list":
            for u in auth.list_users(cat):
                print(_user_line(u.name, u.role, u.active, u.locked_until, u.display_name))
        elif command == "set-role":
            auth.set_role(cat, args.name, args.role)
        elif command in ("disable", "enable"):
            auth.set_active(cat, args.name, command == "enable")
        elif command == "unlock":
            auth.unlock(cat, args.name)
        elif command == "passwd":
            auth.set_password(cat, args.name, request["password"])
        if command != "add" and command != "list":
            print(t("cli.user_done", args.lang, name=args.name.lower()))
    return EXIT_OK


def _user_line(name: str, role: str, active: bool, locked_until: dt.datetime | None, display: str) -> str:
    """One account of ``user list``, the same whether the app answered or the file was opened."""
    state = "active" if active else "disabled"
    if locked_until is not None and locked_until > utcnow():
        state += f", locked until {locked_until:%Y-%m-%d %H:%M} UTC"
    return f"{name}\t{role}\t{state}\t{display}"


def _print_user_answer(args: argparse.Namespace, answer: dict[str, Any]) -> None:
    from catalogue.staff import auth

    if args.user_command == "add":
        role = auth.role_label(answer["user"]["role"])(args.lang)
        print(t("cli.user_added", args.lang, name=answer["user"]["name"], role=role))
    elif args.user_command == "list":
        for u in answer["users"]:
            locked = dt.datetime.fromisoformat(u["locked_until"]) if u["locked_until"] else None
            print(_user_line(u["name"], u["role"], u["active"], locked, u["display_name"]))
    else:
        print(t("cli.user_done", args.lang, name=args.name.lower()))


def _report(args: argparse.Namespace) -> int:
    from catalogue.leadership import plan, report

    if Path(args.out).suffix.lower() != ".xlsx":
        print(t("cli.bad_report_format", args.lang), file=sys.stderr)
        return EXIT_USAGE
    if not 2000 <= args.year <= 2100:
        print(t("cli.bad_year", args.lang), file=sys.stderr)
        return EXIT_USAGE
    with _open(args) as cat:
        plan.get_plan(cat, args.plan)  # a clear message for an unknown plan
        report.write_report(cat, args.year, args.out, lang=args.report_lang, plan_code=args.plan)
        if args.html:
            Path(args.html).write_text(
                report.report_html(cat, args.year, lang=args.report_lang, plan_code=args.plan), encoding="utf-8"
            )
    print(t("cli.report_done", args.lang, year=args.year, path=args.out))
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    target = resolve_db_path(args.db)
    request = {"command": "restore", "directory": str(Path(args.directory).resolve())}
    answer = _via_app(args, request, target) if args.force else None  # the app swaps its file and goes on
    if answer is not None:
        manifest = answer["manifest"]
    else:
        discarded, kept = None, None
        if target.exists() and args.force:
            backups.read_manifest(args.directory)  # not a backup: refused before anything else is done
            with Catalogue.open(target, read_only=True) as cat:
                with cat.cursor() as cur:
                    discarded = backups.discarded_changes(cur, args.directory)
                kept = backups.keep_before_restore(cat, discarded)
        restored = backups.restore(args.directory, target, force=args.force)
        manifest = {**restored, "discarded": discarded, "kept": kept}
    print(t("cli.restore_done", args.lang, path=target, projects=manifest["row_counts"].get("projects", 0)))
    discarded = manifest.get("discarded")
    if discarded and discarded["count"]:
        print(t("cli.restore_discarded", args.lang, count=discarded["count"]))
        print("  " + backups.discarded_kinds(discarded)(args.lang))
        for change in discarded["latest"]:
            print(f"  {change['at'] or '-':19}  {change['actor'] or '-'}  {change['what']}")
        if discarded["count"] > len(discarded["latest"]):
            print("  …")
    if manifest.get("kept"):
        print(t("cli.restore_kept", args.lang, path=manifest["kept"]))
    carried = manifest.get("carried") or {}
    if carried:
        print(t("cli.restore_sessions", args.lang, sessions=carried.get("sessions", 0)))
        for key in ("disabled", "passwords"):
            if carried.get(key):
                print(t(f"cli.restore_kept_{key}", args.lang, names=", ".join(carried[key])))
        if carried.get("new_accounts"):  # a backup folder can be edited: say what it brings
            print(t("cli.restore_new_accounts", args.lang, names=", ".join(carried["new_accounts"])), file=sys.stderr)
        if carried.get("newly_public"):
            codes = ", ".join(carried["newly_public"][:30]) + (" …" if len(carried["newly_public"]) > 30 else "")
            print(
                t("cli.restore_newly_public", args.lang, count=len(carried["newly_public"]), codes=codes),
                file=sys.stderr,
            )
        if carried.get("error"):
            print(t("cli.restore_not_carried", args.lang, error=carried["error"]), file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
