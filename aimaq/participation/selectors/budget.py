"""Reads of the participatory budget: the anonymised ballot list and turnout in aggregate."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count

from ..choices import AgeGroup, Channel, Sex
from ..models import Ballot, BallotChoice, BudgetCall, VoterRecord
from .statistics import shown_count


@dataclass(frozen=True)
class BallotRow:
    receipt: str
    numbers: tuple[int, ...]


def ballot_list(call: BudgetCall, *, only: Ballot | None = None) -> list[BallotRow]:
    """Each ballot as the public list shows it: receipt code and the numbers of the projects
    chosen, ordered by receipt code (never by the order they were cast). Never its channel
    or day: a ballot alone on its day and channel would point to the person seen casting it.
    Empty while voting is open (`BudgetCall.ballots_listed`), but for the voter's `only` own
    ballot."""
    ballots = Ballot.objects.filter(call=call)
    if only is not None:
        ballots = ballots.filter(pk=only.pk)
    elif not call.ballots_listed:
        return []
    chosen: dict[Any, list[int]] = defaultdict(list)
    choices = BallotChoice.objects.filter(ballot__in=ballots.values("pk")).values_list(
        "ballot_id", "project__number"
    )
    for ballot_id, number in choices:
        chosen[ballot_id].append(number)
    return [
        BallotRow(receipt, tuple(sorted(chosen[pk])))
        for pk, receipt in ballots.order_by("receipt").values_list("pk", "receipt")
    ]


@dataclass(frozen=True)
class BallotTotals:
    ballots: int
    by_channel: list[tuple[str, str, int]]  # channel, its label, ballots
    by_day: list[tuple[date, int]]


def ballot_totals(call: BudgetCall) -> BallotTotals:
    """How many ballots came by each channel and on each day — totals only, the counts as
    they are: whoever publishes them hides the small ones (`shown_count`, `public_figure`)."""
    ballots = Ballot.objects.filter(call=call).order_by()
    channels = dict(ballots.values_list("channel").annotate(n=Count("pk")))
    days = ballots.values_list("cast_on").annotate(n=Count("pk")).order_by("cast_on")
    return BallotTotals(
        ballots=sum(channels.values()),
        by_channel=[(key, str(label), channels.get(key, 0)) for key, label in Channel.choices],
        by_day=list(days),
    )


@dataclass(frozen=True)
class Turnout:
    voters: int
    online: str
    paper: str
    by_sex: list[tuple[str, str]]
    by_age: list[tuple[str, str]]


def turnout(call: BudgetCall, *, public: bool) -> Turnout:
    """Who voted, in aggregate only (demographics as at the ballot, from the IIN); small
    groups hidden from the public."""
    records = VoterRecord.objects.filter(call=call)
    channels = dict(records.values_list("channel").annotate(n=Count("pk")))
    sexes = dict(records.values_list("sex").annotate(n=Count("pk")))
    ages = dict(records.values_list("age_group").annotate(n=Count("pk")))
    return Turnout(
        voters=sum(channels.values()),
        online=shown_count(channels.get(Channel.ONLINE, 0), public=public),
        paper=shown_count(channels.get(Channel.PAPER, 0), public=public),
        by_sex=[
            (str(label), shown_count(sexes.get(key, 0), public=public))
            for key, label in Sex.choices
        ],
        by_age=[
            (str(label), shown_count(ages.get(key, 0), public=public))
            for key, label in AgeGroup.choices
        ],
    )
