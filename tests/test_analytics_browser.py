"""``receiptctl serve`` in a real headless Chromium: the canned queries render their result tables.

Needs Debian's ``chromium`` (``make test`` installs it when run as root) and the ``playwright``
Python package, which drives that binary (``playwright install`` is never run)."""
from __future__ import annotations

import os
import shutil
import urllib.error
import urllib.request

import pytest

from conftest import write_config
from test_analytics import Fixture, _brand_panel, small_panel
from test_analyst_db import running_serve

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; "
                                                "`make test` does it as root)"),
]
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def served(tmp_path):
    fx = Fixture(tmp_path / "receiptd.db")
    small_panel(fx)
    _brand_panel(fx)
    fx.db.close()
    config = write_config(tmp_path / "config.toml", {"store": {"database": str(fx.path)}})
    with running_serve(config) as base:
        yield base


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

            # the analyst's own SQL finds no addresses: the analysts' file has no such table
            page.goto(f"{served}/receiptd?sql=select+address+from+panelists", wait_until="load")
            content = page.content()
            assert "no such table: panelists" in content and "@example.org" not in content
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
    assert database["is_mutable"] is False and database["name"] == "receiptd"  # the analysts' file, immutable
    sql = urllib.parse.quote("select address from panelists where address is not null")
    with pytest.raises(urllib.error.HTTPError) as refused:  # no such table in the analysts' file
        urllib.request.urlopen(f"{served}/receiptd.json?sql={sql}&_shape=array")
    assert refused.value.code == 400 and "@example.org" not in refused.value.read().decode()
