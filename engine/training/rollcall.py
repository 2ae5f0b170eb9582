"""The roll call before a data-parallel run: every process says it is there, or the run is
refused with a message that names the one missing.

JAX's distributed runtime, when a process never joins, aborts every process after its timeout
with a C++ stack dump that names no host; when the coordinator's port is taken, it fails deep
inside gRPC. So before JAX starts, process 0 opens the coordinator's port itself and waits for the
others to say hello (process id, process count, host name); each other process connects to it.
Once all are there, process 0 answers everyone, closes the port and hands it over to JAX, whose
clients retry until the coordination service listens. This is a check-in, not a runtime: the
training itself runs on Keras's distribution API.
"""

from __future__ import annotations

import contextlib
import errno
import json
import socket
import time
from dataclasses import dataclass, field

from engine.training.errors import JobError
from engine.training.placement import split_address

RETRY_SECONDS = 0.5
MESSAGE_LIMIT = 4096


class JoinError(JobError):
    """A process of the run is missing, or the coordinator cannot be reached or opened."""


@dataclass
class RollCall:
    """Who takes part in a run.

    Attributes:
        coordinator: process 0's "host:port".
        num_processes: how many processes the run has.
        process_id: this process.
        timeout: seconds to wait for everyone.
        hosts: where each process is expected (for messages), or None.
    """

    coordinator: str
    num_processes: int
    process_id: int
    timeout: float
    hosts: list[str] | None = None
    joined: dict[int, str] = field(default_factory=dict)  # process id -> host, as they said

    def run(self) -> dict[int, str]:
        """Take the roll call (process 0) or answer it (the others).

        Returns:
            process id -> host name, of every process (process 0 only; the others get {}).

        Raises:
            JoinError: someone is missing, the port is taken, or the coordinator is unreachable.
        """
        if self.process_id == 0:
            return self._gather()
        self._answer()
        return {}

    # ------------------------------------------------------------------ process 0

    def _gather(self) -> dict[int, str]:
        _host, port = split_address(self.coordinator)
        server = self._listen(port)
        self.joined = {0: socket.gethostname()}
        peers: dict[int, socket.socket] = {}
        deadline = time.monotonic() + self.timeout
        try:
            while len(self.joined) < self.num_processes:
                left = deadline - time.monotonic()
                if left <= 0:
                    self._refuse(peers, self._missing_message())
                server.settimeout(min(left, RETRY_SECONDS))
                try:
                    peer, _address = server.accept()
                except TimeoutError:
                    continue
                self._admit(peer, peers, deadline)
            for peer in peers.values():
                _send(peer, {"ok": True})
            for peer in peers.values():  # the peers close first: no TIME_WAIT on our port
                with contextlib.suppress(OSError):
                    peer.settimeout(5.0)
                    peer.recv(1)
        finally:
            for peer in peers.values():
                peer.close()
            server.close()
        return dict(self.joined)

    def _listen(self, port: int) -> socket.socket:
        try:
            if socket.has_dualstack_ipv6():
                return socket.create_server(("", port), family=socket.AF_INET6, dualstack_ipv6=True)
            return socket.create_server(("", port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise JoinError(
                    f"The coordinator port {port} is already in use on this machine (another "
                    f"run, or another program): choose another port. Received: {self.coordinator}"
                ) from None
            raise JoinError(
                f"The coordinator cannot listen on port {port}: {exc.strerror}. "
                f"Received: {self.coordinator}"
            ) from None

    def _admit(self, peer: socket.socket, peers: dict[int, socket.socket], deadline: float) -> None:
        peer.settimeout(max(deadline - time.monotonic(), 1.0))
        try:
            hello = _receive(peer)
            process_id, count = int(hello["process_id"]), int(hello["num_processes"])
        except (OSError, ValueError, KeyError, TypeError):
            peer.close()  # not one of ours (a port scanner, a stale client): ignore it
            return
        problem = ""
        if count != self.num_processes:
            problem = (
                f"Process {process_id} on {hello.get('host')} expects {count} processes, "
                f"process 0 expects {self.num_processes}: start every process with the same "
                f"--num-processes."
            )
        elif not 0 < process_id < self.num_processes or process_id in self.joined:
            problem = (
                f"Two processes claim process id {process_id} (or it is out of range): give "
                f"each process its own id from 1 to {self.num_processes - 1}."
            )
        if problem:
            _send(peer, {"ok": False, "message": problem})
            peer.close()
            self._refuse(peers, problem)
        self.joined[process_id] = str(hello.get("host") or "?")
        peers[process_id] = peer

    def _missing_message(self) -> str:
        missing = [i for i in range(self.num_processes) if i not in self.joined]
        where = [f"{i} ({self.hosts[i]})" if self.hosts else str(i) for i in missing]
        word = "Process" if len(missing) == 1 else "Processes"
        return (
            f"{word} {', '.join(where)} of {self.num_processes} never joined the coordinator at "
            f"{self.coordinator} within {self.timeout:g} s: check that it was started with the "
            f"same coordinator address and that this port is reachable from its host."
        )

    def _refuse(self, peers: dict[int, socket.socket], message: str) -> None:
        for peer in peers.values():
            with contextlib.suppress(OSError):
                _send(peer, {"ok": False, "message": message})
        raise JoinError(message)

    # ------------------------------------------------------------------ the others

    def _answer(self) -> None:
        host, port = split_address(self.coordinator)
        deadline = time.monotonic() + self.timeout
        hello = {
            "process_id": self.process_id,
            "num_processes": self.num_processes,
            "host": socket.gethostname(),
        }
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise JoinError(
                    f"Process {self.process_id} could not reach the coordinator (process 0) at "
                    f"{self.coordinator} within {self.timeout:g} s: check that process 0 was "
                    f"started and that this address is reachable from {hello['host']}."
                )
            try:
                with socket.create_connection((host, port), timeout=min(left, 5.0)) as peer:
                    _send(peer, hello)
                    peer.settimeout(max(deadline - time.monotonic(), 1.0))
                    reply = _receive(peer)
            except (OSError, ValueError):
                time.sleep(min(RETRY_SECONDS, max(deadline - time.monotonic(), 0)))
                continue
            if not reply.get("ok"):
                raise JoinError(str(reply.get("message") or "Process 0 refused this process."))
            return


def _send(peer: socket.socket, message: dict) -> None:
    peer.sendall((json.dumps(message) + "\n").encode("utf-8"))


def _receive(peer: socket.socket) -> dict:
    data = b""
    while not data.endswith(b"\n"):
        chunk = peer.recv(MESSAGE_LIMIT)
        if not chunk:
            raise ValueError("connection closed")
        data += chunk
        if len(data) > MESSAGE_LIMIT:
            raise ValueError("message too long")
    message = json.loads(data)
    if not isinstance(message, dict):
        raise ValueError("not an object")
    return message
