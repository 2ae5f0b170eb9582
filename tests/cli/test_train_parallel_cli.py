"""`python main.py train` on several processes: the flags become the job's distribution, and a
cluster process whose peers never come ends with the message that names them (no hang)."""

from __future__ import annotations

import argparse
import json

import pytest

from engine.cli import train as train_command
from engine.training.errors import JobError
from engine.training.launcher import free_port
from tests.cli.test_train_cli import mlp_json, train  # noqa: F401  (the fixture)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    train_command.add_arguments(parser)
    return parser.parse_args(["model.json", *argv])


def test_local_processes_train_on_jax():
    fields = train_command.job_fields(parse("--processes", "2", "--batch-size", "64"))
    assert fields["distribution"] == {"num_processes": 2}
    assert fields["backend"] == "jax" and fields["fit"]["batch_size"] == 64


def test_one_command_per_host_over_the_launch_folders_job(tmp_path):
    job = tmp_path / "job.json"
    job.write_text(
        json.dumps(
            {
                "fit": {"epochs": 3, "batch_size": 32},
                "data": {"source": "digits"},
                "distribution": {"num_processes": 2, "hosts": ["a", "b"], "join_timeout": 9},
            }
        )
    )
    args = parse("--job", str(job), "--coordinator", "a:12355", "--num-processes", "2",
                 "--process-id", "1", "--epochs", "5")  # fmt: skip
    fields = train_command.job_fields(args)
    assert fields["fit"] == {"epochs": 5, "batch_size": 32}  # the flag given wins
    assert fields["data"] == {"source": "digits"}  # the job file's data stays
    assert fields["distribution"] == {
        "num_processes": 2,
        "hosts": ["a", "b"],
        "join_timeout": 9,
        "coordinator": "a:12355",
        "process_id": 1,
    }


def test_a_coordinator_without_a_process_id_is_refused():
    with pytest.raises(JobError, match="--coordinator and --process-id go together"):
        train_command.job_fields(parse("--coordinator", "a:1", "--num-processes", "2"))


def test_process_0_whose_peer_never_comes_exits_with_its_name(mlp_json):  # noqa: F811
    port = free_port()
    done = train(str(mlp_json), "--coordinator", f"127.0.0.1:{port}", "--num-processes", "2",
                 "--process-id", "0", "--join-timeout", "5")  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert (
        f"error: Process 1 of 2 never joined the coordinator at 127.0.0.1:{port} within 5 s"
        in done.stderr
    )
