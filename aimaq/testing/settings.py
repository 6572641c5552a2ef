"""Test settings: the product's settings plus the test-only app that exercises object rules."""

from aimaq.settings import *  # noqa: F403
from aimaq.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "aimaq.testing.dossiers"]
ROOT_URLCONF = "aimaq.testing.urls"
# Every test client builds its own middleware chain: WhiteNoise then looks files up when
# they are asked for instead of indexing every static file each time (~80 ms a client).
WHITENOISE_AUTOREFRESH = True
