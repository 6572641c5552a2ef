"""Bulk work (a demo load) logs its events together: the same entries, written when the
block ends, with its changes or not at all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aimaq.core.activity import declare_event, log_action, logged_together, timeline
from aimaq.core.activity.models import ActionLogEntry

CHECKED = declare_event("dossiers.checked", "checked the dossier")
SIGNED = declare_event("dossiers.signed", "signed the dossier")


def test_events_logged_together_land_in_the_order_and_at_the_times_they_were_logged(tree):
    with CaptureQueriesContext(connection) as queries, logged_together():
        for _ in range(50):
            log_action(tree["nura"], CHECKED, by=None)
        log_action(tree["nura"], SIGNED, by=None, data={"number": 3})
        assert not ActionLogEntry.objects.exists()  # nothing is written before the end
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1

    entries = list(ActionLogEntry.objects.order_by("pk"))
    assert [entry.event for entry in entries] == [CHECKED] * 50 + [SIGNED]
    assert entries[-1].data == {"number": 3}
    assert [entry.at for entry in entries] == sorted(entry.at for entry in entries)
    assert timeline(tree["nura"])[0].what == "signed the dossier"


def test_a_block_that_fails_writes_none_of_its_entries(tree):
    with pytest.raises(RuntimeError), logged_together():
        log_action(tree["nura"], CHECKED, by=None)
        with logged_together():  # a nested block writes with the outer one
            log_action(tree["nura"], SIGNED, by=None)
        raise RuntimeError("the load failed")
    assert not ActionLogEntry.objects.exists()
    log_action(tree["nura"], CHECKED, by=None)  # outside a block: written at once
    assert ActionLogEntry.objects.count() == 1
