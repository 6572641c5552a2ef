"""Pages read in the reader's language, whatever language was active when the code was
loaded or when the facts were written: the results' reasons, the process timeline and a
proposal's history."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from aimaq.core.activity import log_action, timeline

from .. import events
from ..choices import (
    BallotRule,
    Channel,
    CheckMethod,
    Overflow,
    ProjectStatus,
    ProposalStatus,
    Seat,
    StageKind,
    StageStatus,
)
from ..identity import verified_voter
from ..services.process import finish_stages
from ..services.proposals import moderate, submit_proposal
from ..services.voting import cast_ballot
from ..voters import make_iins
from .world import budget_world, participation_world, voting_day

LANGUAGES = ("kk", "ru")


def _history(page) -> str:
    """The page's history section."""
    html = page.content.decode()
    return html[html.index('<section class="timeline"') :]


def _in(language: str, words: str, **facts) -> str:
    """The timeline's `words` in `language`, with its facts' labels in that language."""
    with translation.override(language):
        return translation.gettext(words) % {key: str(label) for key, label in facts.items()}


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


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_process_timeline_names_stages_statuses_and_seats_in_the_readers_language(client, language):
    with translation.override("en"):  # the demo is loaded in English
        world = participation_world()
        process = world["process"]
        finish_stages(process, [date(2017, 9, 1)] * len(StageKind), by=world["editor"])
    client.force_login(world["editor"])

    page = client.get(
        reverse("participation:process", args=[process.pk]), HTTP_ACCEPT_LANGUAGE=language
    )

    history = _history(page)
    stage_moved = _in(
        language,
        "set the stage “%(stage)s” to “%(status)s”",
        stage=StageKind.SUBMITTED.label,
        status=StageStatus.DONE.label,
    )
    assert stage_moved in history
    assert _in(language, "seated a member (%(seat)s)", seat=Seat.CHAIR.label) in history
    assert "plan submitted for approval" not in history and "(chair)" not in history


@pytest.mark.django_db
def test_timeline_entries_written_with_labels_still_read_sensibly(client):
    world = participation_world()
    process, editor = world["process"], world["editor"]
    old = {"stage": "plan submitted for approval", "status": "done"}  # English labels
    log_action(process, events.STAGE_MOVED, by=editor, data=old)
    log_action(process, events.MEMBER_SEATED, by=editor, data={"seat": "председатель"})
    log_action(process, events.MEMBER_SEATED, by=editor, data={"seat": "honorary guest"})
    client.force_login(editor)

    page = client.get(
        reverse("participation:process", args=[process.pk]), HTTP_ACCEPT_LANGUAGE="kk"
    )

    history = _history(page)
    assert (
        _in(
            "kk",
            "set the stage “%(stage)s” to “%(status)s”",
            stage=StageKind.SUBMITTED.label,
            status=StageStatus.DONE.label,
        )
        in history
    )
    assert _in("kk", "seated a member (%(seat)s)", seat=Seat.CHAIR.label) in history
    assert _in("kk", "seated a member (%(seat)s)", seat="honorary guest") in history


@pytest.mark.django_db
def test_an_expert_review_in_the_log_reads_in_the_readers_language():
    with translation.override("en"):
        project = budget_world()["projects"][0]

    with translation.override("kk"):
        said = [entry.what for entry in timeline(project)]

    assert (
        _in("kk", "gave the expert review (%(status)s)", status=ProjectStatus.FEASIBLE.label)
        in said
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_proposal_history_names_changed_fields_and_the_decision_in_the_readers_language(
    client, tree, language
):
    from aimaq.accounts.models import Role
    from aimaq.testing.people import user_with_role

    from .world import resident

    editor = user_with_role(Role.EDITOR, tree["nura"])
    author = resident(tree["zharaspai"])
    with translation.override("en"):
        proposal = submit_proposal(
            author=author.participant,
            territory=tree["zharaspai"],
            category="connectivity",
            title="No mobile signal",
            text="560 people have no mobile network.",
            by=author,
        )
        moderate(proposal, publish=True, by=editor)
    client.force_login(editor)

    page = client.get(
        reverse("participation:proposal", args=[proposal.pk]), HTTP_ACCEPT_LANGUAGE=language
    )

    history = _history(page)
    decision = _in(
        language, "moderated the proposal (%(decision)s)", decision=ProposalStatus.PUBLISHED.label
    )
    assert decision in history
    with translation.override(language):
        for field in ("moderated_by", "moderated_at", "status"):
            label = str(proposal._meta.get_field(field).verbose_name)
            assert label in history
    for raw in ("(published)", "family", "moderated at", "moderated by", "moderated_"):
        assert raw not in history
