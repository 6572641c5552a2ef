"""Test settings: the product's settings plus the test-only app that exercises object rules."""

import os

from aimaq.settings import *  # noqa: F403
from aimaq.settings import DATABASES, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "aimaq.testing.dossiers"]
ROOT_URLCONF = "aimaq.testing.urls"
# Every test client builds its own middleware chain: WhiteNoise then looks files up when
# they are asked for instead of indexing every static file each time (~80 ms a client).
WHITENOISE_AUTOREFRESH = True
if os.environ.get("AIMAQ_TEST_TEMPLATE"):  # bin/test's PostgreSQL run: aimaq/testing/migrated.py
    DATABASES["default"]["TEST"] = {"TEMPLATE": os.environ["AIMAQ_TEST_TEMPLATE"]}
