"""receiptctl against a real database."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import REPO, daemon_sections, write_config
from ingest.queue import Queue
from store.db import immediate, open_db

RECEIPTCTL = Path(REPO / ".venv" / "bin" / "receiptctl")


def run(*args):
    return subprocess.run([str(RECEIPTCTL), *args], capture_output=True, text=True, timeout=300, cwd=REPO)


def test_status_shows_queue_depth_dead_letters_and_outcomes(tmp_path):
    config = write_config(tmp_path / "c.toml", daemon_sections(tmp_path))
    db = open_db(tmp_path / "receiptd.db", migrate=True)
    queue = Queue(db, max_attempts=1)
    ids = [queue.enqueue(f"Message-ID: <{i}@t>\r\n\r\n{i}".encode(), envelope_from=None, recipients=[]).id
           for i in range(4)]
    queue.claim()
    queue.fail(ids[0], "boom")  # -> dead letter
    queue.claim()
    with immediate(db):
        queue.finish(ids[1], "no_receipt")
    db.close()
    result = run("--config", str(config), "status")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "queue depth   2 (queued 2, in progress 0)" in lines
    assert "dead letters  1" in lines
    assert any(line.split() == ["no_receipt", "1"] for line in lines)


def test_extract_prints_one_json_object_per_image(tmp_path):
    config = write_config(tmp_path / "c.toml", daemon_sections(tmp_path))
    label = json.loads((REPO / "tests" / "fixtures" / "receipt.json").read_text())
    not_image = tmp_path / "notes.txt"
    not_image.write_text("hello")
    result = run("--config", str(config), "extract", "tests/fixtures/receipt.jpg", str(not_image))
    assert result.returncode == 1  # one input was not an image
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert (first["date"], first["total"], first["currency"]) == (
        label["normalized"]["date"], label["normalized"]["total"], label["currency"])
    assert first["seconds"] > 0 and isinstance(first["items"], list)
    assert second == {"image": str(not_image), "error": "not an image or PDF"}


def test_bad_config_is_a_clean_error(tmp_path):
    config = write_config(tmp_path / "c.toml", {"store": {"databse": "x.db"}})
    result = run("--config", str(config), "status")
    assert result.returncode != 0
    assert "unknown key 'store.databse'" in result.stderr
    assert "Traceback" not in result.stderr
