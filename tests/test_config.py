"""One validated config object: documented defaults, clear errors naming the key."""
from __future__ import annotations

import subprocess
import sys

import pytest

from receiptd import config
from conftest import REPO, write_config


def test_config_toml_documents_exactly_the_defaults():
    assert config.load(REPO / "config.toml") == config.Config()


def test_every_key_in_config_toml_is_documented_above_it():
    """A key's block (the keys and comments right above it) starts with a comment."""
    lines = (REPO / "config.toml").read_text().splitlines()
    for index, line in enumerate(lines):
        if "=" in line and not line.startswith("#"):
            above = index - 1
            while above >= 0 and "=" in lines[above] and not lines[above].startswith("#"):
                above -= 1
            assert lines[above].startswith("#"), f"undocumented key: {line}"


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"smtp": {"prot": 25}}, "unknown key 'smtp.prot'"),
        ({"smtpd": {}}, "unknown key 'smtpd'"),
        ({"smtp": {"port": "25"}}, "'smtp.port'"),
        ({"smtp": {"port": 70000}}, "'smtp.port'"),
        ({"queue": {"max_attempts": 0}}, "'queue.max_attempts'"),
        ({"ocr": {"gpu": "yes"}}, "'ocr.gpu'"),
        ({"ocr": {"second_look_text_height": 3}}, "'ocr.second_look_text_height'"),
        ({"log": {"level": "chatty"}}, "'log.level'"),
    ],
)
def test_bad_values_are_refused_naming_the_key(data, named):
    with pytest.raises(config.ConfigError) as err:
        config.from_dict(data)
    assert named in str(err.value)


def test_recipients_are_case_insensitive():
    assert config.from_dict({"smtp": {"recipients": ["Receipts@Panel.Example"]}}).smtp.recipients == (
        "receipts@panel.example",)


def test_daemon_refuses_to_start_on_a_bad_config(tmp_path):
    path = write_config(tmp_path / "bad.toml", {"smtp": {"port": 2525, "relay": True}})
    run = subprocess.run([sys.executable, str(REPO / "run_daemon.py"), "--config", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "unknown key 'smtp.relay'" in run.stderr
