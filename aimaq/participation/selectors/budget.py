"""Reads of the participatory budget: the anonymised ballot list and turnout in aggregate."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count

from ..choices import AgeGroup, Channel, Sex
from ..models import Ballot, BallotChoice, BudgetCall, VoterRecord
from .statistics import public_figures, shown_counts


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
    by_channel: list[tuple[str, str, int | None]]  # channel, its label, ballots
    by_day: list[tuple[date, int | None]]


def ballot_totals(call: BudgetCall, *, public: bool = True) -> BallotTotals:
    """How many ballots came by each channel and on each day — totals only, small ones
    hidden from the public (None), with a second one where the total would reveal them."""
    ballots = Ballot.objects.filter(call=call).order_by()
    channels = dict(ballots.values_list("channel").annotate(n=Count("pk")))
    days = list(ballots.values_list("cast_on").annotate(n=Count("pk")).order_by("cast_on"))
    by_channel = [channels.get(key, 0) for key, _label in Channel.choices]
    return BallotTotals(
        ballots=sum(by_channel),
        by_channel=[
            (key, str(label), shown)
            for (key, label), shown in zip(
                Channel.choices, public_figures(by_channel, public=public), strict=True
            )
        ],
        by_day=[
            (day, shown)
            for (day, _n), shown in zip(
                days, public_figures([n for _day, n in days], public=public), strict=True
            )
        ],
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
    online, paper = shown_counts(
        [channels.get(Channel.ONLINE, 0), channels.get(Channel.PAPER, 0)], public=public
    )
    return Turnout(
        voters=sum(channels.values()),
        online=online,
        paper=paper,
        by_sex=_labelled(Sex, sexes, public=public),
        by_age=_labelled(AgeGroup, ages, public=public),
    )


def _labelled(choices: Any, counts: dict, *, public: bool) -> list[tuple[str, str]]:
    shown = shown_counts([counts.get(key, 0) for key, _label in choices.choices], public=public)
    return [(str(label), text) for (_key, label), text in zip(choices.choices, shown, strict=True)]
