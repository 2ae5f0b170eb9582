"""Start a cluster run from the window: write its launch folder, then follow process 0.

The window cannot start processes on other machines itself (that takes the user's ssh keys or
their SLURM account); it writes what they run, and shows the run as it goes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.training.process import TrainingProcess
from app.training.remote import FollowedFile, ListenedPort, RemoteEvents
from app.training.runs import free_folder
from app.training.where import FOLLOW_PORT, WhereToTrain
from engine.training.errors import JobError
from engine.training.launch_folder import write_launch_folder


def launch_on_cluster(
    process: TrainingProcess, job: dict[str, Any], where: WhereToTrain, number: int
) -> str:
    """Write the launch folder of `job` and follow its events.

    Returns:
        The status line: where the folder is and how to start it.

    Raises:
        JobError: the plan is incomplete, the folder cannot be written, or the port is taken.
    """
    plan = where.plan()
    source: RemoteEvents | None = None
    if where.follow.currentData() == FOLLOW_PORT:
        try:
            source = ListenedPort(where.port.value())
        except OSError as exc:
            raise JobError(
                QCoreApplication.translate(
                    "Cluster", "The window cannot listen on port {port}: {why}"
                ).format(port=where.port.value(), why=exc)
            ) from None
        plan.report_to = f"{where.window_host.text().strip()}:{source.port}"
    folder = free_folder(Path(where.folder_root()).expanduser() / f"run-{number}")
    try:
        paths = write_launch_folder(folder, job, plan)
    except JobError:
        if source is not None:
            source.close()
        raise
    if source is None:
        source = FollowedFile(paths["events"])
    process.follow(job, source)
    return QCoreApplication.translate(
        "Cluster",
        "Launch folder written: {folder}. Start it on the cluster with `sh run.sh` (ssh) or "
        "`sbatch job.sbatch` (SLURM); the curves appear when process 0 starts (following {where}).",
    ).format(folder=folder, where=source.where())
