"""Pages read in the reader's language, whatever language was active when the code was
loaded or when the facts were written: the results' reasons, the process timeline and a
proposal's history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..choices import BallotRule, Channel, CheckMethod, Overflow
from ..identity import verified_voter
from ..services.voting import cast_ballot
from ..voters import make_iins
from .world import budget_world, voting_day


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "did_not_fit"),
    [("kk", "қалған қаражатқа сыймады"), ("ru", "не уложился в остаток"), ("en", "did not fit")],
)
def test_results_give_the_reason_a_project_was_not_funded_in_the_readers_language(
    client, language, did_not_fit
):
    world = budget_world(rule=BallotRule.KNAPSACK, overflow=Overflow.SKIP)
    call, (p1, p2, p3) = world["call"], world["projects"]  # 4, 3, 2 million; envelope 6
    for iin, chosen in zip(make_iins(3), ([p1.pk], [p2.pk], [p2.pk, p3.pk]), strict=True):
        voter = verified_voter(call, iin, method=CheckMethod.PHONE_CODE, on=voting_day())
        cast_ballot(call, voter, chosen, channel=Channel.ONLINE, today=voting_day())
    client.force_login(world["editor"])

    page = client.get(
        reverse("participation:results", args=[call.pk]), HTTP_ACCEPT_LANGUAGE=language
    )

    assert page.status_code == 200
    assert did_not_fit in page.content.decode()
