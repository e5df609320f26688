"""The systemd units in deploy/systemd, read by systemd's own checker (``systemd-analyze verify``):
every key known, every section right, the command a file it could run. Skipped where systemd's tools
are not installed (a container without systemd); on this machine they are."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parents[1] / "deploy" / "systemd"
INSTALLED = "/srv/catalogue/venv/bin/catalogue"  # where the units expect the installed command
PYTHON = "/srv/catalogue/venv/bin/python"  # and its Python (the health watch is a script of deploy/)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_units_pass_systemds_own_check(tmp_path):
    command = tmp_path / "catalogue"  # a stand-in for the installed command (the check wants a file it can run)
    command.write_text("#!/bin/sh\nexit 0\n")
    command.chmod(0o755)
    checked = []
    for unit in sorted(UNITS.glob("*.service")):
        text = unit.read_text()
        assert INSTALLED in text or PYTHON in text, unit.name
        name = unit.name.replace("@.service", "@8601.service")  # a template is checked as one instance
        (tmp_path / name).write_text(text.replace(INSTALLED, str(command)).replace(PYTHON, str(command)))
        checked.append(str(tmp_path / name))
    assert len(checked) == 3
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *checked], capture_output=True, text=True, timeout=60, check=False
    )
    # an unknown key or a misplaced one is only a warning for systemd: any word from it fails here
    assert done.returncode == 0 and not done.stderr.strip() and not done.stdout.strip(), done.stderr


def _watch(tmp_path, answers: dict[str, list[bool]], fails: int = 2):
    import sys

    sys.path.insert(0, str(UNITS.parent))
    import health_watch
    import local_cluster

    site = tmp_path / "site.conf"
    site.write_text(local_cluster.render_site("127.0.0.1:8080", "127.0.0.1:9000", list(answers)))
    reloads = []
    watch = health_watch.HealthWatch(
        site,
        lambda: reloads.append(health_watch.marked_down(site.read_text())),
        fails=fails,
        probe=lambda address, _timeout: answers[address].pop(0),
    )
    return watch, reloads, health_watch


def test_the_health_watch_takes_a_replica_out_after_failed_answers_and_back_after_a_good_one(tmp_path):
    answers = {"127.0.0.1:9001": [True] * 6, "127.0.0.1:9002": [False, False, False, True, True, True]}
    watch, reloads, _module = _watch(tmp_path, answers)
    rounds = [watch.check() for _ in range(6)]
    assert rounds == [False, True, False, True, False, False]  # out after two failures, back after one answer
    assert reloads == [{"127.0.0.1:9002"}, set()]
    assert [(address, what) for _at, address, what in watch.changes] == [
        ("127.0.0.1:9002", "down"),
        ("127.0.0.1:9002", "up"),
    ]


def test_the_health_watch_takes_out_at_most_half_of_the_replicas(tmp_path):
    answers = {"127.0.0.1:9001": [False] * 4, "127.0.0.1:9002": [True, False, False, False]}
    watch, reloads, module = _watch(tmp_path, answers)
    for _ in range(4):
        watch.check()
    assert reloads == [{"127.0.0.1:9001"}]  # the second failing too: the first stays out, the second in
    assert module.marked_down(watch.site_file.read_text()) == {"127.0.0.1:9001"}
    three = {f"127.0.0.1:900{n}": [False] * 3 for n in (1, 2, 3)}  # all three failing at once: an overload
    watch, reloads, module = _watch(tmp_path, three)
    for _ in range(3):
        watch.check()
    assert reloads == [] and module.marked_down(watch.site_file.read_text()) == set()
