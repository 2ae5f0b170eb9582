"""Hypothesis profiles for the property tests, chosen with HYPOTHESIS_PROFILE.

- `ci` (the default): the bounded budget `make test` runs.
- `fuzz`: long runs (`HYPOTHESIS_PROFILE=fuzz pytest tests/engine/test_edit_properties.py`);
  FUZZ_EXAMPLES sets its budget (100,000 by default: `make fuzz`).
- `dev`: a quick look while writing a test.

A test scales its own budget from the profile's `max_examples` (an operation sequence costs far
more than a generated file).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,  # Keras's first calls take seconds; timing is no property
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", max_examples=200, derandomize=True, database=None, **_COMMON)
settings.register_profile("dev", max_examples=20, **_COMMON)
_FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100000"))
settings.register_profile("fuzz", max_examples=_FUZZ_EXAMPLES, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
