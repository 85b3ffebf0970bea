"""A real Dovecot IMAP server for tests: unprivileged config, loopback, a free port, its own directory.

``dovecot`` fixture: a running server with one user (``receipts`` / ``DOVECOT_PASSWORD``); tests
that need it are skipped with a reason only when Dovecot is not installed (``make test`` installs
it). ``Dovecot.client()`` is an imapclient connection for the test to append and inspect mail.
Extra config lines come in through indirect parametrization, e.g. a server without IDLE:
``@pytest.mark.parametrize("dovecot", [hiding("IDLE")], indirect=True)``.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from imapclient import IMAPClient

DOVECOT_USER = "receipts"
DOVECOT_PASSWORD = "s3cret-Pa55w0rd-for-tests"
# what ``hiding`` announces, less the names given; Dovecot announces more by default
CAPABILITIES = ("IMAP4rev1", "LITERAL+", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "NAMESPACE", "UNSELECT",
                "CHILDREN", "IDLE", "MOVE", "UIDPLUS")
# IMAP ACLs from a dovecot-acl file in each folder (``Dovecot.set_rights``), looked at again after 1 s
ACL = "mail_plugins = acl\nplugin {\n  acl = vfile::cache_secs=1\n}\n"

CONFIG = """\
base_dir = {dir}/run
state_dir = {dir}/run/state
protocols = imap
listen = 127.0.0.1
ssl = {ssl}
{ssl_files}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
default_internal_group = dovecot
first_valid_uid = 0
log_path = {dir}/dovecot.log
mail_location = maildir:{dir}/mail/%u
# IDLE learns of new mail through inotify; where a host has used up its inotify instances Dovecot
# looks every mailbox_idle_check_interval instead (30 s by default, as long as a test waits)
mailbox_idle_check_interval = 1 secs
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {dir}/users
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={dir}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""


def _process_tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def hiding(*names: str) -> str:
    """Config for a server that does not announce ``names``, before or after login.

    ``imap_capability`` replaces Dovecot's whole list (AUTH= is still added before login). The
    commands keep working: this changes what a client decides, not what the server accepts.
    """
    return "imap_capability = " + " ".join(name for name in CAPABILITIES if name not in names) + "\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)


class Dovecot:
    """One Dovecot instance; ``start``/``stop``/``restart`` keep its port and its mail."""

    def __init__(self, directory: Path, *, tls_files: tuple[Path, Path] | None = None, extra_config: str = ""):
        self.dir = directory
        self.port = free_port()
        self.imaps_port = free_port() if tls_files else 0
        self.config = directory / "dovecot.conf"
        self.binary = dovecot_binary()
        ssl_files = f"ssl_cert = <{tls_files[0]}\nssl_key = <{tls_files[1]}" if tls_files else ""
        self.config.write_text(CONFIG.format(dir=directory, port=self.port, imaps_port=self.imaps_port,
                                             ssl="yes" if tls_files else "no", ssl_files=ssl_files)
                               + extra_config)
        (directory / "users").write_text(f"{DOVECOT_USER}:{{PLAIN}}{DOVECOT_PASSWORD}\n")
        (directory / "users").chmod(0o644)
        (directory / "mail").mkdir()
        directory.chmod(0o755)
        shutil.chown(directory / "mail", "dovecot", "dovecot")

    @staticmethod
    def unavailable() -> str | None:
        """Why no test server can run here, or None."""
        if dovecot_binary() is None:
            return "dovecot is not installed (make test installs dovecot-imapd; or apt-get install dovecot-imapd)"
        if os.geteuid() != 0:
            return "the test Dovecot must start as root (it drops to its dovecot/dovenull users)"
        return None

    @classmethod
    @contextlib.contextmanager
    def running(cls, **kwargs):
        """A started server in a fresh directory, stopped and removed afterwards."""
        directory = Path(tempfile.mkdtemp(prefix="receiptd-dovecot-"))  # not tmp_path: dovecot's users enter it
        server = cls(directory, **kwargs)
        try:
            yield server.start()
        finally:
            server.stop()
            shutil.rmtree(directory, ignore_errors=True)

    def start(self, timeout: float = 30) -> "Dovecot":
        with open(self.dir / "start.err", "wb") as err:  # a pipe would be held open by the daemonized master
            started = subprocess.run([self.binary, "-c", str(self.config)], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=err, timeout=30)
        if started.returncode != 0:
            raise AssertionError("dovecot refused to start:\n" + (self.dir / "start.err").read_text() + self.log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("dovecot did not start:\n" + self.log)

    def stop(self, timeout: float = 30) -> None:
        """Stop the server and every process it started: open IMAP connections are cut, as in a real restart."""
        pid_file = self.dir / "run" / "master.pid"
        if not pid_file.exists():
            return
        processes = _process_tree(int(pid_file.read_text().split()[0]))
        subprocess.run([self.binary, "-c", str(self.config), "stop"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
        deadline = time.monotonic() + timeout
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        # an imap process serving an IDLE connection may outlive its master for a while
        grace = time.monotonic() + 2
        while any(_alive(pid) for pid in processes) and time.monotonic() < grace:
            time.sleep(0.05)
        for pid in processes:
            if _alive(pid):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        while time.monotonic() < deadline:  # the listener is gone once a connection is refused
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                time.sleep(0.05)
            except OSError:
                return

    def restart(self) -> None:
        self.stop()
        self.start()

    def set_rights(self, folder: str, rights: str | None) -> None:
        """Our user's rights on an existing ``folder`` (letters as in RFC 4314, e.g. "lr": no insert);
        None: all rights again. Needs a server started with ``ACL``; connections made later see a
        restriction, every connection sees it lifted within a second."""
        path = self.dir / "mail" / DOVECOT_USER / f".{folder}" / "dovecot-acl"  # maildir++ layout
        if rights is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(f"owner {rights}\n")

    @property
    def log(self) -> str:
        path = self.dir / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def client(self) -> IMAPClient:
        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=30)
        client.login(DOVECOT_USER, DOVECOT_PASSWORD)
        return client

    def account(self, **overrides) -> dict:
        """An ``[[imap.accounts]]`` table for this server (plain IMAP on loopback)."""
        account = {"name": "test", "host": "127.0.0.1", "port": self.port, "tls": "none",
                   "username": DOVECOT_USER, "password": DOVECOT_PASSWORD}
        account.update(overrides)
        return account


@pytest.fixture
def dovecot(request):
    if reason := Dovecot.unavailable():
        pytest.skip(reason)
    with Dovecot.running(extra_config=getattr(request, "param", "")) as server:
        yield server
