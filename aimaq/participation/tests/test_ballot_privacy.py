"""How a person voted stays theirs: the receipt never travels in a URL (access logs and
browser history would tie it to them) — the voter posts it to find their ballot — and the
public list, its CSV and the API carry no ballot's channel or day (a ballot alone on its
day and channel points to the person seen casting it): those come as totals, small ones
hidden."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.test import Client

from ..choices import Channel, CheckMethod
from ..identity import verified_voter
from ..models import Ballot
from ..selectors.budget import turnout
from ..selectors.statistics import public_figures
from ..services.voting import cast_ballot, enter_paper_ballot
from ..voters import make_iins
from .world import budget_world, close_voting, resident, voting_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Five ballots cast online on the first voting day, one alone on paper the next."""
    w = budget_world()
    call, projects = w["call"], w["projects"]
    day = voting_day()
    iins = make_iins(6)
    w["online"] = [
        cast_ballot(
            call,
            verified_voter(call, iin, method=CheckMethod.PHONE_CODE, on=day),
            [projects[n % 3].pk],
            channel=Channel.ONLINE,
            today=day,
        ).receipt
        for n, iin in enumerate(iins[:5])
    ]
    w["paper"] = enter_paper_ballot(
        call, iins[5], [projects[2].pk], by=w["editor"], today=day + timedelta(days=1)
    ).receipt
    w["days"] = (day, day + timedelta(days=1))
    return w


def ballots_url(call) -> str:
    return f"/participation/budget/{call.pk}/ballots/"


def receipt_page(client: Client, world) -> str:
    voter = resident(world["zharaspai"], "Dana")
    client.force_login(voter)
    session = client.session
    session[f"participation.vote.{world['call'].pk}.receipt"] = world["paper"]
    session.save()
    answer = client.get(f"/participation/budget/{world['call'].pk}/vote/receipt/")
    assert answer.status_code == 200
    return answer.content.decode()


def test_the_receipt_page_puts_the_receipt_in_no_url_and_posts_it_to_find_the_ballot(world):
    client = Client(enforce_csrf_checks=True)
    page = receipt_page(client, world)
    receipt = world["paper"]
    assert receipt in page  # shown once, and kept in the form that looks it up
    urls = re.findall(r'(?:href|action|src)="([^"]*)"', page)
    assert urls and not [url for url in urls if receipt in url]
    form = re.search(r'<form method="post" action="([^"]*)">(.*?)</form>', page, re.S)
    assert form and form.group(1) == ballots_url(world["call"])
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(2)))
    assert fields["receipt"] == receipt and fields["csrfmiddlewaretoken"]
    found = client.post(form.group(1), fields)
    assert found.status_code == 200
    assert found.context["found"] == Ballot.objects.get(receipt=receipt)
    assert "no-store" in found["Cache-Control"]
    # Without the form's CSRF token the look-up is refused.
    assert client.post(form.group(1), {"receipt": receipt}).status_code == 403


def test_the_ballot_list_finds_a_posted_receipt_and_ignores_one_in_the_url(world):
    client = Client()
    url, receipt = ballots_url(world["call"]), world["paper"]
    typed = f"{receipt[:5]}-{receipt[5:]}".lower()
    found = client.post(url, {"receipt": typed})
    assert found.context["found"].receipt == receipt
    assert "projects 3" in found.content.decode()
    missing = client.post(url, {"receipt": "AAAAA-AAAAA"})
    assert missing.context["searched"] and missing.context["found"] is None
    shown = client.get(url, {"receipt": receipt})
    assert shown.status_code == 200
    assert not shown.context["searched"] and shown.context["found"] is None
    assert "Found:" not in shown.content.decode()


def test_the_public_list_has_no_ballots_day_or_channel_only_totals_with_small_ones_hidden(
    world,
):
    client = Client()
    call = world["call"]
    first, second = world["days"]
    close_voting(call)
    page = client.get(ballots_url(call))
    rows = re.findall(r'<tr><td class="code">(.*?)</tr>', page.content.decode(), re.S)
    assert len(rows) == 6
    assert all(row.count("<td") == 1 for row in rows)  # after the receipt: only the choices
    # The one paper ballot, alone on its day, is hidden; so is the other count beside it,
    # since 6 ballots in all minus 5 online would give it away.
    assert page.context["totals"].by_day == [(first, None), (second, None)]
    html = page.content.decode()
    for label in (
        f"{first:%d.%m.%Y}",
        f"{second:%d.%m.%Y}",
        Channel.PAPER.label,
        Channel.ONLINE.label,
    ):
        assert f'{label}</th><td class="numeric">hidden' in html

    table = list(
        csv.reader(
            io.StringIO(client.get(f"{ballots_url(call)[:-1]}.csv").content.decode("utf-8-sig"))
        )
    )
    header = table.index(["receipt code", "projects chosen (numbers)"])
    listed = table[header + 1 :]
    assert sorted(row[0] for row in listed) == sorted([*world["online"], world["paper"]])
    assert all(len(row) == 2 for row in listed)
    assert second.isoformat() not in str(table)

    api = f"/api/participation/calls/{call.pk}/ballots"
    ballots = client.get(api).json()
    assert {tuple(sorted(b)) for b in ballots} == {("projects", "receipt")}
    totals = client.get(f"{api}/totals").json()
    assert totals["ballots"] == 6
    assert {row["channel"]: row["ballots"] for row in totals["by_channel"]} == {
        Channel.ONLINE: None,
        Channel.PAPER: None,
    }
    assert totals["by_day"] == [
        {"day": first.isoformat(), "ballots": None},
        {"day": second.isoformat(), "ballots": None},
    ]
    assert client.get("/api/participation/calls/999999/ballots/totals").status_code == 404


def test_the_results_split_of_voters_by_channel_hides_a_small_one_from_the_public(world):
    public, official = turnout(world["call"], public=True), turnout(world["call"], public=False)
    assert (public.voters, public.online, public.paper) == (6, "…", "<5")
    assert (official.online, official.paper) == ("5", "1")


def test_a_hidden_count_cannot_be_worked_out_from_the_total():
    # One small part hidden: the next smallest goes with it, whatever their order.
    assert public_figures([5, 1], public=True) == [None, None]
    assert public_figures([1, 9, 7], public=True) == [None, 9, None]
    # Two small parts hidden already: the total gives only their sum.
    assert public_figures([2, 3, 40], public=True) == [None, None, 40]
    # Nothing small, or nothing but small: nothing more to hide.
    assert public_figures([5, 40, 0], public=True) == [5, 40, 0]
    assert public_figures([3, 0], public=True) == [None, 0]
    assert public_figures([1, 9], public=False) == [1, 9]


def test_while_voting_is_open_no_ballot_is_listed_but_a_voter_finds_their_own(world):
    client = Client()
    call = world["call"]
    api = f"/api/participation/calls/{call.pk}/ballots"

    page = client.get(ballots_url(call))
    assert page.context["page"].object_list == []
    assert "The list of ballots is published when voting closes" in page.content.decode()
    assert not re.findall(r'<td class="code">', page.content.decode())
    csv_rows = list(
        csv.reader(io.StringIO(client.get(f"{ballots_url(call)[:-1]}.csv").content.decode()))
    )
    assert not [row for row in csv_rows if world["paper"] in row]
    assert client.get(api).json() == []

    found = client.post(ballots_url(call), {"receipt": world["paper"]})
    assert found.context["found"].receipt == world["paper"]

    close_voting(call)
    assert len(client.get(api).json()) == 6
