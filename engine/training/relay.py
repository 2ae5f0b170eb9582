"""Process 0 of a cluster run shows its events to a window on another machine.

Two ways, both optional, as the launch folder's `run.sh` asks: events appended to a file (the
launch folder's `events.jsonl`, which the window follows over a shared file system), and events
sent over TCP to a port the window listens on. Commands come back the same ways: a line
(`{"cmd": "stop"}`, pause, resume) on the connection, or a file named `STOP` in the events
file's folder (the window writes it; so can `touch STOP`).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from engine.training import events
from engine.training.placement import split_address

logger = logging.getLogger(__name__)

STOP_FILE = "STOP"
CONNECT_SECONDS = 10.0
POLL_SECONDS = 1.0


class EventRelay:
    """Sends events to an events file and/or a window's port; relays commands back.

    Args:
        events_file: the file to append event lines to, or None.
        report_to: "host:port" of a listening window, or None.
        on_command: called (from a thread) with each command that comes back.
    """

    def __init__(
        self,
        events_file: str | None,
        report_to: str | None,
        on_command: Callable[[dict[str, Any]], None],
    ) -> None:
        self._on_command = on_command
        self._file: IO[bytes] | None = None
        self._socket: socket.socket | None = None
        self._closed = threading.Event()
        self._lock = threading.Lock()
        if events_file:
            path = Path(events_file).expanduser()
            path.parent.mkdir(parents=True, exist_ok=True)
            (path.parent / STOP_FILE).unlink(missing_ok=True)  # a stop meant for an older run
            self._file = path.open("ab")
            threading.Thread(target=self._watch_stop_file, args=(path.parent,), daemon=True).start()
        if report_to:
            self._socket = _connect(report_to)
            if self._socket is not None:
                threading.Thread(target=self._read_commands, daemon=True).start()

    @property
    def connected(self) -> bool:
        return self._socket is not None

    def send(self, event: dict[str, Any]) -> None:
        line = events.encode(event)
        with self._lock:
            if self._file is not None:
                self._file.write(line)
                self._file.flush()
            if self._socket is not None:
                try:
                    self._socket.sendall(line)
                except OSError:  # the window went away: the run goes on, the file remains
                    logger.warning("the window at the report port stopped listening")
                    self._socket.close()
                    self._socket = None

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
            if self._socket is not None:
                with contextlib.suppress(OSError):
                    self._socket.shutdown(socket.SHUT_RDWR)
                self._socket.close()
                self._socket = None

    def _read_commands(self) -> None:
        peer = self._socket
        if peer is None:
            return
        with contextlib.suppress(OSError), peer.makefile("rb") as stream:
            for line in stream:
                with contextlib.suppress(ValueError):
                    self._on_command(events.decode(line))

    def _watch_stop_file(self, folder: Path) -> None:
        while not self._closed.wait(POLL_SECONDS):
            if (folder / STOP_FILE).exists():
                self._on_command({"cmd": events.CMD_STOP})
                return


def _connect(address: str) -> socket.socket | None:
    host, port = split_address(address)
    deadline = time.monotonic() + CONNECT_SECONDS
    while time.monotonic() < deadline:
        try:
            peer = socket.create_connection((host, port), timeout=2.0)
        except OSError:
            time.sleep(0.5)
            continue
        peer.settimeout(None)  # commands come whenever the user clicks
        return peer
    logger.warning("no window listens at %s; events go to the events file only", address)
    return None
