"""``receiptctl serve`` in a real headless Chromium: the canned queries render their result tables.

Needs Debian's ``chromium`` (``make test`` installs it when run as root) and the ``playwright``
Python package, which drives that binary (``playwright install`` is never run)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import write_config
from test_analytics import Fixture, _brand_panel, small_panel

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; "
                                                "`make test` does it as root)"),
]
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    fx = Fixture(tmp_path / "receiptd.db")
    small_panel(fx)
    _brand_panel(fx)
    fx.db.close()
    config = write_config(tmp_path / "config.toml", {"store": {"database": str(fx.path)}})
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "receiptd.cli", "--config", str(config), "serve", "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2) as response:
                if response.status == 200:
                    break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"receiptctl serve did not come up:\n{proc.communicate()[0].decode(errors='replace')}")
        time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_canned_queries_render_in_chromium(served):
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(f"{served}/receiptd/top_merchants", wait_until="load")
            assert "Top merchants" in page.title() or page.locator("h1").first.inner_text().startswith("Top merchants")
            table = page.locator("table.rows-and-columns")
            table.wait_for(timeout=15_000)
            headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
            assert headers[:3] == ["merchant", "currency", "receipts"]
            rows = table.locator("tbody tr")
            assert rows.count() >= 3
            assert "Sun Market" in table.inner_text()

            page.goto(f"{served}/receiptd/spend_by_category?month=2026-06", wait_until="load")
            cells = page.locator("table.rows-and-columns tbody td").all_inner_texts()
            assert "grocery" in [c.strip() for c in cells] and "pharmacy" in [c.strip() for c in cells]

            # the k-suppressed brand query: Brand Ten's 10 panelists would show, BrandNine's 9 not; with the
            # default brand list neither is a brand, but the page renders (an empty result table)
            page.goto(f"{served}/receiptd/brands_for_month?month=2026-06", wait_until="load")
            assert page.locator("form.sql").count() == 1
            assert "BrandNine" not in page.content()

            # the analyst's own SQL sees no addresses
            page.goto(f"{served}/receiptd?sql=select+address+from+panelists", wait_until="load")
            body = page.locator("table.rows-and-columns").inner_text()
            assert "@example.org" not in body
        finally:
            browser.close()


def test_served_database_is_read_only(served):
    import json
    import urllib.parse

    sql = urllib.parse.quote("select count(*) as n from v_receipts")
    with urllib.request.urlopen(f"{served}/receiptd.json?sql={sql}&_shape=array") as response:
        assert json.load(response)[0]["n"] > 0
    with urllib.request.urlopen(f"{served}/-/databases.json") as response:
        (database,) = json.load(response)
    assert database["is_mutable"] is True and database["name"] == "receiptd"  # opened ?mode=ro, not immutable
    sql = urllib.parse.quote("select address from panelists where address is not null")
    with urllib.request.urlopen(f"{served}/receiptd.json?sql={sql}&_shape=array") as response:
        assert json.load(response) == []
