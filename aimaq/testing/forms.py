"""Driving a page's form the way a browser does, for tests."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from aimaq.core.submissions import FIELD


def submission_token(page: Any) -> str:
    """The token a creating form carries (`{% submission_token %}`)."""
    found = re.search(rf'name="{FIELD}" value="([0-9a-f-]{{36}})"', page.content.decode())
    assert found, "the page's form carries a submission token"
    return found.group(1)


def sent_twice(client: Client, url: str, data: dict[str, Any], **extra: Any) -> list[Any]:
    """The form at `url` shown once and sent twice, as a double click sends it."""
    token = submission_token(client.get(url, **extra))
    return [client.post(url, {**data, FIELD: token}, **extra) for _ in range(2)]
