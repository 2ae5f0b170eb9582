"""Events of a run on a cluster, as they reach the window: a followed file, or a listened port.

Process 0 of a cluster run (started by the launch folder's run.sh or job.sbatch) appends its
events to the launch folder's `events.jsonl` and/or connects to a port this window listens on
(engine.training.relay). Both sources hand whole lines to `TrainingProcess`, which treats them
exactly as a local worker's stdout. Stop goes back the same way: a STOP file in the folder, or a
command line on the connection.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QHostAddress, QTcpServer, QTcpSocket

from engine.training import events
from engine.training.relay import STOP_FILE

logger = logging.getLogger(__name__)

POLL_MS = 300


class RemoteEvents(QObject):
    """Base of the two sources.

    Signals:
        line(bytes): one event line arrived.
    """

    line = Signal(bytes)

    def send(self, command: dict) -> None:
        """Pass a command (stop, pause, resume) to process 0, if this source can."""

    def close(self) -> None:
        """Stop following."""

    def where(self) -> str:
        """What the window follows, for the status line."""
        return ""


class FollowedFile(RemoteEvents):
    """Reads the lines appended to an events file (a shared file system), every POLL_MS.

    Args:
        path: the launch folder's events file.
    """

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._offset = 0
        self._partial = b""
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        try:
            with self.path.open("rb") as file:
                file.seek(self._offset)
                data = file.read()
        except OSError:
            return  # not written yet
        if not data:
            return
        self._offset += len(data)
        *lines, self._partial = (self._partial + data).split(b"\n")
        for line in lines:
            if line.strip():
                self.line.emit(line)

    def send(self, command: dict) -> None:
        if command.get("cmd") == events.CMD_STOP:
            try:
                (self.path.parent / STOP_FILE).write_text("stop\n")
            except OSError:
                logger.warning("cannot write the STOP file beside %s", self.path)

    def close(self) -> None:
        self._timer.stop()

    def where(self) -> str:
        return str(self.path)


class ListenedPort(RemoteEvents):
    """Listens on a TCP port; process 0 connects and sends its events, one per line.

    Args:
        port: the port (0: any free one; `port` then says which).
    """

    def __init__(self, port: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QTcpServer(self)
        self._server.newConnection.connect(self._on_connection)
        self._peer: QTcpSocket | None = None
        self._buffer = b""
        if not self._server.listen(QHostAddress.SpecialAddress.Any, port):
            raise OSError(self._server.errorString())

    @property
    def port(self) -> int:
        return int(self._server.serverPort())

    def _on_connection(self) -> None:
        peer = self._server.nextPendingConnection()
        if self._peer is not None:  # one run, one process 0
            peer.close()
            return
        self._peer = peer
        peer.readyRead.connect(self._on_ready_read)

    def _on_ready_read(self) -> None:
        self._buffer += bytes(self._peer.readAll().data())  # type: ignore[union-attr]
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line.strip():
                self.line.emit(line)

    def send(self, command: dict) -> None:
        if self._peer is not None:
            self._peer.write(events.encode(command))

    def close(self) -> None:
        if self._peer is not None:
            self._peer.close()
        self._server.close()

    def where(self) -> str:
        return f"port {self.port}"
