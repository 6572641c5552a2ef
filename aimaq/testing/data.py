"""The reference data beside the repository (`../shared/data`: KATO, boundaries, schemas).

Tests that read it call `shared_data(...)`: on a developer's machine without the folder the
test is skipped, saying so; in CI (`CI=true`) a missing file fails the test instead, so a
green run never hides a test that did not run.
"""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = Path(os.environ.get("AIMAQ_SHARED_DATA", REPO.parent / "shared" / "data"))


def shared_data(*parts: str) -> Path:
    """The path of a reference file, or skip (fail in CI) when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        message = f"reference data missing: {path}"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return path
