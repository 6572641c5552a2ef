"""The portal's part of the hostile-names check (see aimaq/testing/hostile.py): the home
page lists the hostile oblast and group that the territories' part stored."""

from __future__ import annotations

from typing import Any

from aimaq.testing.hostile import Target


def build(world: dict[str, Any]) -> None:
    """Nothing of its own: the home page shows the territories' units and groups."""


def targets(world: dict[str, Any]) -> list[Target]:
    return [Target("/", "html")]
