"""What a fit that failed once started tells the user: one sentence, and the epochs it kept.

A run that ends this way is kept in the project as failed, with the curves of the epochs it
finished, so the sentence says where it failed and what to try next.
"""

from __future__ import annotations

from typing import Any

from engine.training.errors import JobError, RunError


def nan_error(
    where: tuple[int, int], history: dict[str, list[Any]], job: dict[str, Any]
) -> RunError:
    """The loss became NaN (or infinite) at `where` = (epoch, batch)."""
    epoch, batch = where
    rate = job["compile"].get("learning_rate")
    rate_text = f" (it is {rate:g})" if isinstance(rate, (int, float)) else ""
    return RunError(
        f"The loss became NaN at epoch {epoch + 1}, batch {batch + 1}: the weights diverged, so "
        f"the run was ended and its weights not saved. Lower the learning rate{rate_text}, "
        "scale the inputs, or set Clip norm.",
        history=history,
        epoch=epoch,
        batch=batch,
    )


def failed_mid_run(
    exc: Exception, where: tuple[int, int], history: dict[str, list[Any]]
) -> Exception:
    """The RunError for an exception raised by a fit at `where` = (epoch, batch)."""
    if isinstance(exc, (JobError, RunError)):
        return exc
    epoch, batch = where
    at = f"at epoch {epoch + 1}, batch {batch + 1}"
    text = f"{type(exc).__name__}: {exc}".strip()
    first_line = text.splitlines()[0] if text else type(exc).__name__
    if isinstance(exc, MemoryError) or "RESOURCE_EXHAUSTED" in text or "OOM when" in text:
        message = (
            f"Memory ran out {at}: lower the batch size or make the model smaller. "
            f"Received: {first_line[:300]}"
        )
    else:
        message = f"Training failed {at}. Received: {first_line[:500]}"
    return RunError(message, history=history, epoch=epoch, batch=batch)
