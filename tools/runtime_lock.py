"""Write deploy/requirements-runtime.lock: the entries of requirements.lock the program needs to run
(the project's dependencies and theirs), same pins, same hashes; no test tools (pytest, Playwright
and its driver, ruff), which the container image does not carry.

    python tools/runtime_lock.py          # write it
    python tools/runtime_lock.py --check  # exit 1 when it is not what requirements.lock gives

The closure is read from the installed packages' metadata (install requirements.lock first, as
`.ci/run` does); markers are evaluated for this machine (Linux, CPython 3.11), as the lock was made.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
RUNTIME = ROOT / "deploy" / "requirements-runtime.lock"
HEADER = (
    "# The runtime part of requirements.lock (same pins and hashes), for the container image:\n"
    "# written by tools/runtime_lock.py; tests/test_packaging.py checks it is up to date.\n"
)


def runtime_names() -> set[str]:
    """The project's dependencies and theirs, by canonical name (extras' requirements left out)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [Requirement(text) for text in project["dependencies"]]
    seen: set[str] = set()
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen or (requirement.marker is not None and not requirement.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        todo += [Requirement(text) for text in metadata.requires(requirement.name) or []]
    return seen


def lock_blocks(text: str) -> dict[str, str]:
    """requirements.lock's entries by canonical name: each its pin line, hash lines and comments."""
    blocks: dict[str, str] = {}
    name = None
    for line in text.splitlines(keepends=True):
        found = re.match(r"^([A-Za-z0-9][A-Za-z0-9_.-]*)==", line)
        if found:
            name = canonicalize_name(found.group(1))
            blocks[name] = ""
        if name is not None:
            blocks[name] += line
    return blocks


def runtime_lock() -> str:
    blocks = lock_blocks(LOCK.read_text(encoding="utf-8"))
    names = runtime_names()
    missing = sorted(names - set(blocks))
    if missing:
        raise SystemExit(f"not in requirements.lock: {', '.join(missing)}")
    return HEADER + "".join(blocks[name] for name in sorted(names))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    wanted = runtime_lock()
    if args.check:
        current = RUNTIME.read_text(encoding="utf-8") if RUNTIME.exists() else ""
        sys.exit(0 if current == wanted else 1)
    RUNTIME.write_text(wanted, encoding="utf-8")
    print(f"{RUNTIME.relative_to(ROOT)}: {wanted.count('==')} packages")


if __name__ == "__main__":
    main()
