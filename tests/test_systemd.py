"""The daemon speaks systemd's notify protocol to a real $NOTIFY_SOCKET."""
from __future__ import annotations

import socket
import time

from conftest import receipt_mail, send


def read_notifications(sock: socket.socket, until: str, timeout: float = 30) -> list[str]:
    messages: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sock.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            messages.append(sock.recv(4096).decode())
        except socket.timeout:
            break
        if any(until in m for m in messages):
            return messages
    raise AssertionError(f"no {until!r} among {messages}")


def test_ready_status_watchdog_and_stopping(daemon_factory, tmp_path):
    path = str(tmp_path / "notify.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(path)
        daemon = daemon_factory(env={"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "2000000"})
        ready = read_notifications(sock, "READY=1")
        # READY=1 only once the SMTP port answers: the daemon logged its port before notifying
        assert any(f"STATUS=accepting mail on 127.0.0.1:{daemon.port}" in m for m in ready)
        send(daemon.port, receipt_mail(body="no photo"))
        status = read_notifications(sock, "queue depth")
        assert any("queue depth" in m for m in status)
        assert "WATCHDOG=1" in read_notifications(sock, "WATCHDOG=1")
        assert daemon.terminate() == 0
        assert "STOPPING=1" in "".join(read_notifications(sock, "STOPPING=1"))


def test_no_notify_socket_no_notifications(daemon_factory):
    daemon = daemon_factory(env={"NOTIFY_SOCKET": ""})
    assert daemon.terminate() == 0
    assert "could not notify systemd" not in daemon.log
