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


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_units_pass_systemds_own_check(tmp_path):
    command = tmp_path / "catalogue"  # a stand-in for the installed command (the check wants a file it can run)
    command.write_text("#!/bin/sh\nexit 0\n")
    command.chmod(0o755)
    checked = []
    for unit in sorted(UNITS.glob("*.service")):
        text = unit.read_text()
        assert INSTALLED in text, unit.name
        name = unit.name.replace("@.service", "@8601.service")  # a template is checked as one instance
        (tmp_path / name).write_text(text.replace(INSTALLED, str(command)))
        checked.append(str(tmp_path / name))
    assert len(checked) == 2
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *checked], capture_output=True, text=True, timeout=60, check=False
    )
    # an unknown key or a misplaced one is only a warning for systemd: any word from it fails here
    assert done.returncode == 0 and not done.stderr.strip() and not done.stdout.strip(), done.stderr
