import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls in the same
# browser tests are still plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": shutil.which("chromium")}


@pytest.fixture(autouse=True)
def _plain_static_and_fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
