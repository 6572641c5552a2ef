"""Helpers of the browser tests (Playwright driving Debian's Chromium)."""

from __future__ import annotations

import time

from playwright.sync_api import Page, Request

# After the page's requests end, one animation frame and a task: the scripts that handle
# the last response (a map drawing its GeoJSON) have run.
_NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))"


class Settler:
    """Knows the page's requests still in flight, so a test can go on the moment the page
    is complete — unlike Playwright's "networkidle", which always waits 500 ms more."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.pending: set[Request] = set()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, request: Request) -> None:
        self.pending.add(request)

    def _ended(self, request: Request) -> None:
        self.pending.discard(request)

    def open(self, url: str) -> int:
        """Goes to `url`, waits until the page and everything it fetched are in; the status."""
        response = self.page.goto(url)
        self.settle()
        return response.status if response is not None else 0

    def settle(self, *, within: float = 15.0) -> None:
        """Until the page has loaded and no request it made is still open."""
        deadline = time.monotonic() + within
        self.page.wait_for_load_state("load")
        while True:
            while self.pending:
                if time.monotonic() > deadline:
                    urls = [request.url for request in self.pending]
                    raise AssertionError(f"requests still open after {within} s: {urls}")
                self.page.wait_for_timeout(20)
            self.page.evaluate(_NEXT_FRAME)
            if not self.pending:  # the scripts that ran started no new request
                return
