"""A launch folder: what a cluster needs to run the window's job, data-parallel, on its hosts.

    model.json     the model (Keras JSON)
    job.json       the job's settings (compile, fit, data, distribution: hosts, coordinator...)
    run.sh         one `main.py train` command per process, through ssh to each host
    job.sbatch     the same under SLURM: `srun` starts one process per task (JAX reads SLURM)
    README.txt     how to run it, and what to check first
    events.jsonl   written by process 0 while the run goes (the window follows it)
    output/        process 0's weights, .keras and CSV log

The folder must be at the same path on every host (a shared file system), as must the data the
job names; each host needs Python with Keras Canvas's packages (JAX among them).
"""

from __future__ import annotations

import json
import shlex
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.training.errors import JobError
from engine.training.placement import split_address

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
EVENTS_FILE = "events.jsonl"


@dataclass
class LaunchPlan:
    """Where a cluster run goes.

    Attributes:
        hosts: the host names, in order (process 0 runs on the first).
        processes_per_host: processes started on each host.
        coordinator: "host:port" of process 0 (the first host by default).
        report_to: "host:port" of the window, when it listens for the events.
        python: the Python command on the hosts.
        app_dir: where Keras Canvas's main.py is on the hosts.
    """

    hosts: list[str]
    processes_per_host: int = 1
    coordinator: str | None = None
    report_to: str | None = None
    python: str = "python3"
    app_dir: str = ""

    @property
    def num_processes(self) -> int:
        return len(self.hosts) * self.processes_per_host

    def process_hosts(self) -> list[str]:
        """The host of each process id."""
        return [host for host in self.hosts for _ in range(self.processes_per_host)]

    def checked(self) -> LaunchPlan:
        """This plan with its defaults filled in.

        Raises:
            JobError: no host, a bad process count or coordinator address.
        """
        hosts = [h.strip() for h in self.hosts if h.strip()]
        if not hosts:
            raise JobError("Name the cluster's hosts (at least one). Received: no host")
        if not isinstance(self.processes_per_host, int) or self.processes_per_host < 1:
            raise JobError(
                f"Processes per host must be at least 1. Received: {self.processes_per_host!r}"
            )
        coordinator = self.coordinator or f"{hosts[0]}:12355"
        split_address(coordinator)
        if self.report_to:
            split_address(self.report_to)
        app_dir = self.app_dir or str(Path(__file__).resolve().parents[2])
        return LaunchPlan(
            hosts, self.processes_per_host, coordinator, self.report_to, self.python, app_dir
        )


def write_launch_folder(folder: Path, job: dict[str, Any], plan: LaunchPlan) -> dict[str, Path]:
    """Write the launch folder of `job` for the cluster `plan` describes.

    Args:
        folder: the folder to create (it may exist; its files are replaced).
        job: a normalized fit job (its model, settings and data).
        plan: hosts, processes per host, coordinator, the window's port.

    Returns:
        name -> path of every file written ("model", "job", "run", "sbatch", "readme",
        "events", "output").

    Raises:
        JobError: the plan is incomplete, or the folder cannot be written.
    """
    plan = plan.checked()
    folder = Path(folder).expanduser().resolve()
    paths = {
        "model": folder / "model.json",
        "job": folder / "job.json",
        "run": folder / "run.sh",
        "sbatch": folder / "job.sbatch",
        "readme": folder / "README.txt",
        "events": folder / EVENTS_FILE,
        "output": folder / "output",
    }
    settings = {key: value for key, value in job.items() if key not in ("model", "output_dir")}
    settings["backend"] = "jax"
    settings["distribution"] = {
        **(job.get("distribution") or {}),
        "num_processes": plan.num_processes,
        "process_id": None,  # each command gives its own
        "coordinator": plan.coordinator,
        "hosts": plan.process_hosts(),
        "cluster": None,
    }
    try:
        paths["output"].mkdir(parents=True, exist_ok=True)
        paths["model"].write_text(json.dumps(job["model"]))
        paths["job"].write_text(json.dumps(settings, indent=1))
        paths["run"].write_text(run_script(folder, plan))
        paths["run"].chmod(0o755)
        paths["sbatch"].write_text(sbatch_script(folder, plan))
        paths["readme"].write_text(readme(folder, plan))
        paths["events"].write_bytes(b"")
    except OSError as exc:
        raise JobError(f"The launch folder cannot be written: {exc}. Received: {folder}") from None
    return paths


def train_command(folder: Path, plan: LaunchPlan, extra: list[str]) -> str:
    """The `main.py train` command every process runs, with `extra` arguments."""
    here = '"$HERE"'
    parts = [
        '"$PYTHON"',
        '"$APP/main.py"',
        "train",
        f"{here}/model.json",
        "--job",
        f"{here}/job.json",
        "--output-dir",
        f"{here}/output",
        *extra,
    ]
    return " ".join(parts)


def run_script(folder: Path, plan: LaunchPlan) -> str:
    lines = [
        "#!/bin/sh",
        "# Keras Canvas: one command per process of the data-parallel run (process 0 first).",
        "# Run it from a machine that reaches every host with ssh; this folder and the data must",
        "# be at the same path on every host. Ctrl+C (or a file named STOP in this folder) stops.",
        f"HERE=${{HERE:-{shlex.quote(str(folder))}}}",
        f"APP=${{APP:-{shlex.quote(plan.app_dir)}}}",
        f"PYTHON=${{PYTHON:-{shlex.quote(plan.python)}}}",
        "pids=''",
        "trap 'kill $pids 2>/dev/null' INT TERM",
    ]
    for process_id, host in enumerate(plan.process_hosts()):
        extra = [
            "--coordinator",
            str(plan.coordinator),
            "--num-processes",
            str(plan.num_processes),
            "--process-id",
            str(process_id),
        ]
        if process_id == 0:
            extra += ["--events-file", '"$HERE/events.jsonl"']
            if plan.report_to:
                extra += ["--report-to", str(plan.report_to)]
        command = train_command(folder, plan, extra)
        if _is_local(host):
            lines.append(f"{command} &")
        else:  # the command runs in the host's shell: the variables are expanded here
            lines.append(f'ssh {shlex.quote(host)} "{_escaped(command)}" &')
        lines.append('pids="$pids $!"')
    lines += ["wait", ""]
    return "\n".join(lines)


def sbatch_script(folder: Path, plan: LaunchPlan) -> str:
    extra = ["--slurm", "--events-file", '"$HERE/events.jsonl"']
    if plan.report_to:
        extra += ["--report-to", str(plan.report_to)]
    return "\n".join(
        [
            "#!/bin/bash",
            "# Keras Canvas under SLURM: srun starts one process per task; JAX reads the",
            "# coordinator and each process's id from SLURM. Submit with: sbatch job.sbatch",
            "#SBATCH --job-name=keras-canvas",
            f"#SBATCH --nodes={len(plan.hosts)}",
            f"#SBATCH --ntasks-per-node={plan.processes_per_host}",
            f"#SBATCH --output={shlex.quote(str(folder))}/slurm-%j.out",
            f"HERE=${{HERE:-{shlex.quote(str(folder))}}}",
            f"APP=${{APP:-{shlex.quote(plan.app_dir)}}}",
            f"PYTHON=${{PYTHON:-{shlex.quote(plan.python)}}}",
            f"srun --kill-on-bad-exit=1 {train_command(folder, plan, extra)}",
            "",
        ]
    )


def readme(folder: Path, plan: LaunchPlan) -> str:
    hosts = ", ".join(plan.hosts)
    return f"""Keras Canvas launch folder: a data-parallel fit on {plan.num_processes} processes
({plan.processes_per_host} per host on {hosts}), JAX backend, Keras's distribution API.

Before you start
- This folder ({folder}) and the data the job reads must be at the same path on every host.
- Every host needs Python with Keras Canvas's packages (pip install "jax[cpu]" keras ...),
  and Keras Canvas itself at {plan.app_dir} (or set APP=... when you run the scripts).
- Process 0 listens on {plan.coordinator}: that port must be free there and reachable from
  every host.

Run it
- With ssh:    sh run.sh          (from a machine that reaches every host)
- With SLURM:  sbatch job.sbatch  (--nodes and --ntasks-per-node are already set)

While it runs, process 0 appends its events to events.jsonl (the window follows that file)
and writes the weights, .keras and CSV log to output/. To stop the run: create a file named
STOP in this folder, or Ctrl+C on run.sh, or scancel the SLURM job.
"""


def _is_local(host: str) -> bool:
    return host in LOCAL_HOSTS or host == socket.gethostname()


def _escaped(command: str) -> str:
    """`command` inside double quotes for ssh: $HERE and friends expand on this side."""
    return command.replace('"', '\\"')
