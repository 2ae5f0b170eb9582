"""A dataset: arrays keyed by model input and output name, as every data source returns them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


@dataclass
class Dataset:
    """Arrays keyed by model input / output name.

    Attributes:
        x: input name -> array, one row per sample.
        y: output name -> array (empty when only inputs are needed, as for predict).
        sample_weight: output name -> per-sample weights, or None.
        description: a short label for messages ("digits (1797 samples)").
    """

    x: dict[str, np.ndarray]
    y: dict[str, np.ndarray] = field(default_factory=dict)
    sample_weight: dict[str, np.ndarray] | None = None
    description: str = ""

    @property
    def num_samples(self) -> int:
        arrays = [*self.x.values(), *self.y.values()]
        return len(arrays[0]) if arrays else 0

    def take(self, index: Any) -> Dataset:
        """The same dataset restricted to `index` (a slice or an index array)."""
        weights = None
        if self.sample_weight is not None:
            weights = {k: v[index] for k, v in self.sample_weight.items()}
        return Dataset(
            x={k: v[index] for k, v in self.x.items()},
            y={k: v[index] for k, v in self.y.items()},
            sample_weight=weights,
            description=self.description,
        )
