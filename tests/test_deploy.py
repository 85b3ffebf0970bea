"""The systemd units (the daemon's, an OCR worker's) are valid as systemd itself reads them."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import REPO

UNIT = REPO / "deploy" / "receiptd.service"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze absent (Debian package systemd)")
@pytest.mark.parametrize("name", ["receiptd.service", "receiptd-ocr-worker.service"])
def test_unit_verifies_clean(tmp_path, name):
    # the unit names /opt/receiptd; point that at this checkout for systemd's path checks
    unit = tmp_path / name
    unit.write_text((REPO / "deploy" / name).read_text().replace("/opt/receiptd", str(REPO)))
    run = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == ""


def test_unit_has_the_contract():
    text = UNIT.read_text()
    for line in ("Type=notify", "Restart=on-failure", "User=receiptd", "StateDirectory=receiptd",
                 "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                 "AmbientCapabilities=CAP_NET_BIND_SERVICE", "WatchdogSec="):
        assert line in text, line
