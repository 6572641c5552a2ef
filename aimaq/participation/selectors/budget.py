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
    channel: str
    channel_label: str
    cast_on: date
    numbers: tuple[int, ...]


def ballot_list(call: BudgetCall, *, only: Ballot | None = None) -> list[BallotRow]:
    """Each ballot as the public list shows it: receipt code, channel, day, the numbers of
    the projects chosen; ordered by receipt code (never by the order they were cast)."""
    ballots = Ballot.objects.filter(call=call)
    if only is not None:
        ballots = ballots.filter(pk=only.pk)
    chosen: dict[Any, list[int]] = defaultdict(list)
    choices = BallotChoice.objects.filter(ballot__in=ballots.values("pk")).values_list(
        "ballot_id", "project__number"
    )
    for ballot_id, number in choices:
        chosen[ballot_id].append(number)
    labels = dict(Channel.choices)
    return [
        BallotRow(receipt, channel, str(labels[channel]), cast_on, tuple(sorted(chosen[pk])))
        for pk, receipt, channel, cast_on in ballots.order_by("receipt").values_list(
            "pk", "receipt", "channel", "cast_on"
        )
    ]


@dataclass(frozen=True)
class Turnout:
    voters: int
    online: int
    paper: int
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
        online=channels.get(Channel.ONLINE, 0),
        paper=channels.get(Channel.PAPER, 0),
        by_sex=[
            (str(label), shown_count(sexes.get(key, 0), public=public))
            for key, label in Sex.choices
        ],
        by_age=[
            (str(label), shown_count(ages.get(key, 0), public=public))
            for key, label in AgeGroup.choices
        ],
    )
