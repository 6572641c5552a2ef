"""Casting a ballot, online or on paper, under the call's rule: one person, one ballot per
call, enforced by the database.

The voter record (the keyed identity hash, unique per call) and the ballot (a random key,
the day, a receipt code, the choices) are written in one transaction: a second attempt by
the same person — a double click, a second device, a paper ballot after an online one —
meets the unique constraint and writes nothing, however the requests race. No read comes
before the write; nothing links the record to the ballot.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.activity import log_action

from .. import codes, events
from ..choices import Channel, CheckMethod, CodePurpose, OnlineCheck, ProjectStatus
from ..identity import VerifiedVoter, verified_voter
from ..models import Ballot, BallotChoice, BudgetCall, BudgetProject, Participant, VoterRecord
from ..permissions import ENTER_BALLOTS
from ..rules import BallotRules, ballot_problems
from .common import person, require

RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


class AlreadyVoted(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _("This person has already voted in this call: a ballot is final once cast."),
            code="already_voted",
        )


def new_receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))


def format_receipt(receipt: str) -> str:
    return f"{receipt[:5]}-{receipt[5:]}"


def parse_receipt(typed: str) -> str:
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())


@dataclass(frozen=True)
class CastBallot:
    receipt: str
    choices: tuple[int, ...]

    @property
    def shown(self) -> str:
        return format_receipt(self.receipt)


def ballot_costs(call: BudgetCall) -> dict[int, int]:
    """Each project on the ballot (feasible) and its cost, in tenge."""
    return {
        pk: reviewed if reviewed is not None else own
        for pk, reviewed, own in BudgetProject.objects.filter(
            call=call, status=ProjectStatus.FEASIBLE
        ).values_list("pk", "reviewed_cost", "author_cost")
    }


def _check_window(call: BudgetCall, channel: str, today: date) -> None:
    if call.results_published_at is not None:
        raise ValidationError(_("The results are published: no more ballots."), code="closed")
    if today < call.voting_from:
        raise ValidationError(
            _("Voting opens on %(day)s.") % {"day": f"{call.voting_from:%d.%m.%Y}"}, code="not_open"
        )
    if channel == Channel.ONLINE and today > call.voting_to:
        raise ValidationError(
            _("Voting closed on %(day)s.") % {"day": f"{call.voting_to:%d.%m.%Y}"}, code="closed"
        )


def cast_ballot(
    call: BudgetCall,
    voter: VerifiedVoter,
    choices: Sequence[int],
    *,
    channel: str,
    entered_by: Any = None,
    today: date | None = None,
    costs: dict[int, int] | None = None,
) -> CastBallot:
    """Cast `voter`'s ballot choosing project ids `choices`; the receipt comes back. Raises
    AlreadyVoted when the person has a ballot in this call (the database decides), and a
    ValidationError naming what is wrong with the choices or the dates. Paper ballots are
    entered until the results are published."""
    today = today or timezone.localdate()
    if voter.call_id != call.pk:
        raise ValidationError(_("This identity check was made for another call."))
    _check_window(call, channel, today)
    chosen = [int(c) for c in choices]
    rules = BallotRules(call.rule, call.max_choices, call.envelope)
    problems = ballot_problems(rules, costs if costs is not None else ballot_costs(call), chosen)
    if problems:
        raise ValidationError(problems, code="invalid_ballot")
    one_statement = channel == Channel.ONLINE and connection.vendor == "postgresql"
    for _attempt in range(3):
        receipt = new_receipt()
        try:
            if one_statement:
                # Inside a caller's transaction, a savepoint keeps a refusal from aborting it.
                with transaction.atomic() if connection.in_atomic_block else nullcontext():
                    _write_in_one_statement(
                        call, voter, receipt, channel, today, sorted(set(chosen))
                    )
                return CastBallot(receipt, tuple(sorted(set(chosen))))
            with transaction.atomic():
                VoterRecord.objects.create(
                    call=call,
                    identity_hash=voter.identity_hash,
                    method=voter.method,
                    channel=channel,
                    user_id=voter.user_id,
                    entered_by=person(entered_by),
                    sex=voter.sex,
                    age_group=voter.age_group,
                    voted_on=today,
                )
                ballot = Ballot.objects.create(
                    call=call, receipt=receipt, channel=channel, cast_on=today
                )
                BallotChoice.objects.bulk_create(
                    BallotChoice(ballot=ballot, project_id=project)
                    for project in sorted(set(chosen))
                )
                if channel == Channel.PAPER:
                    log_action(call, events.PAPER_BALLOT_ENTERED, by=entered_by)
        except (IntegrityError, psycopg.IntegrityError) as error:
            constraint = _constraint_of(error)
            if constraint in ("one_ballot_per_person", "one_ballot_per_account"):
                raise AlreadyVoted() from None
            if constraint == "receipt_unique_in_call":
                continue  # a receipt collision: draw another
            # No constraint name (SQLite): ask the database which one it was.
            if VoterRecord.objects.filter(call=call, identity_hash=voter.identity_hash).exists():
                raise AlreadyVoted() from None
            if (
                voter.user_id
                and VoterRecord.objects.filter(call=call, user_id=voter.user_id).exists()
            ):
                raise AlreadyVoted() from None
            continue  # a receipt collision: draw another
        return CastBallot(receipt, tuple(sorted(set(chosen))))
    raise RuntimeError("could not draw a unique receipt code")


def _constraint_of(error: Exception) -> str | None:
    """The unique constraint PostgreSQL names in a violation (psycopg's diagnostics, also
    under Django's wrapper), so a refusal costs no second query; None elsewhere."""
    for candidate in (error, error.__cause__):
        diag = getattr(candidate, "diag", None)
        if diag is not None and getattr(diag, "constraint_name", None):
            return str(diag.constraint_name)
    return None


# The voter record, the ballot and its choices in one PostgreSQL statement: atomic on its
# own, one round trip instead of five under a vote surge. A unique violation on the voter
# record (or the receipt) fails the whole statement, so nothing is written.
ONE_STATEMENT = """
WITH voter AS (
    INSERT INTO participation_voterrecord
        (call_id, identity_hash, method, channel, user_id, entered_by_id, sex, age_group, voted_on)
    VALUES (%(call)s, %(hash)s, %(method)s, %(channel)s, %(user)s, NULL, %(sex)s, %(age)s, %(day)s)
    RETURNING 1
), ballot AS (
    INSERT INTO participation_ballot (id, call_id, receipt, channel, cast_on)
    SELECT %(ballot)s, %(call)s, %(receipt)s, %(channel)s, %(day)s FROM voter
    RETURNING id
)
INSERT INTO participation_ballotchoice (ballot_id, project_id)
SELECT ballot.id, project FROM ballot, unnest(%(projects)s::bigint[]) AS project
"""


def _write_in_one_statement(
    call: BudgetCall,
    voter: VerifiedVoter,
    receipt: str,
    channel: str,
    today: date,
    projects: list[int],
) -> None:
    # A server-side prepared statement on Django's own connection (same transaction state):
    # PostgreSQL parses and plans the three inserts once per connection, not once a ballot,
    # which roughly halves the database's CPU per ballot under a surge. (Behind a pooler in
    # transaction mode, use PgBouncer ≥ 1.21 with max_prepared_statements set.)
    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(
            ONE_STATEMENT,
            {
                "call": call.pk,
                "hash": voter.identity_hash,
                "method": voter.method,
                "channel": channel,
                "user": voter.user_id,
                "sex": voter.sex,
                "age": voter.age_group,
                "day": today,
                "ballot": uuid.uuid4(),
                "receipt": receipt,
                "projects": projects,
            },
            prepare=True,
        )


def enter_paper_ballot(
    call: BudgetCall, iin: str, choices: Sequence[int], *, by: Any, today: date | None = None
) -> CastBallot:
    """An official enters one paper ballot after checking the voter's identity document
    (and registration, for residents-only calls) at a service point: the same rules and the
    same one-ballot check as online."""
    require(by, ENTER_BALLOTS, call)
    today = today or timezone.localdate()
    voter = verified_voter(call, iin, method=CheckMethod.OFFICIAL, on=min(today, call.voting_to))
    return cast_ballot(call, voter, choices, channel=Channel.PAPER, entered_by=by, today=today)


# --- online identity checks ------------------------------------------------------------------


def online_eligibility(call: BudgetCall, participant: Participant | None) -> list[str]:
    """Why this signed-in resident cannot vote online in the call ([] when they can)."""
    problems = []
    if call.online_check == OnlineCheck.NONE:
        problems.append(_("This call takes paper ballots only, at the service points."))
    if participant is None:
        problems.append(_("Sign in with your e-mail or phone to vote online."))
    elif call.residents_only and not call.territory.contains(participant.residence):
        problems.append(
            _("Only residents of %(territory)s vote in this call.")
            % {"territory": call.territory.name}
        )
    return problems


def start_phone_check(
    call: BudgetCall, iin: str, phone: str, *, user: Any, language: str, today: date | None = None
) -> tuple[VerifiedVoter, str]:
    """Check the IIN (checksum, age on the day) and send a voting code to the phone. Returns
    the voter as it will be once the code is confirmed, and the normalised phone; the IIN
    itself is not kept anywhere, only its keyed hash for this call."""
    today = today or timezone.localdate()
    voter = verified_voter(call, iin, method=CheckMethod.PHONE_CODE, on=today, user=user)
    channel, address = codes.normalise_address(phone)
    if channel != "sms":
        raise ValidationError({"phone": _("Give a mobile phone number for the voting code.")})
    codes.send_code(address, CodePurpose.VOTE, language=language)
    return voter, address


def finish_phone_check(voter: VerifiedVoter, phone: str, code: str) -> VerifiedVoter:
    """The code sent to the phone confirms the voter."""
    codes.check_code(phone, CodePurpose.VOTE, code)
    return voter


def voter_from_provider(
    call: BudgetCall, identity: Any, *, user: Any, today: date | None = None
) -> VerifiedVoter:
    """A voter vouched for by the eGov / digital-signature provider; for residents-only
    calls the registered address must lie in the call's territory."""
    today = today or timezone.localdate()
    if call.residents_only and identity.residence_kato:
        from aimaq.territories.kato import kato_prefix

        if not identity.residence_kato.startswith(kato_prefix(call.territory.kato)):
            raise ValidationError(
                _("Only residents of %(territory)s vote in this call.")
                % {"territory": call.territory.name}
            )
    return verified_voter(call, identity.iin, method=CheckMethod.EGOV, on=today, user=user)
