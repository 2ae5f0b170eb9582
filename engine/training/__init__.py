"""Training: a worker process that trains a Keras model and streams its progress.

The pieces, from the outside in: `client.TrainingClient` starts the worker
(`python -m engine.training.worker`) and reads its JSON-lines events (`events`); a job
(`job.make_job`) says what to train, on which data (`data`: a `dataset` from the `bundled` sets,
`user_files` or dummy arrays), checked before the run (`checks`); inside the worker, `runner`
does the Keras work. Nothing here imports Keras at module level except the worker-only modules
(`runner`, `callbacks`).
"""

from engine.training.backends import DEFAULT_BACKEND, available_backends
from engine.training.client import TrainingClient
from engine.training.errors import DataError, JobError, WorkerError
from engine.training.job import make_job, normalize_job

__all__ = [
    "DEFAULT_BACKEND",
    "DataError",
    "JobError",
    "TrainingClient",
    "WorkerError",
    "available_backends",
    "make_job",
    "normalize_job",
]
