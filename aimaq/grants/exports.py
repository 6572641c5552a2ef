"""Exports of a competition: the published results (CSV), the applications a person may see
(CSV, for officials and the committee: a declared conflict leaves the row out), and the
awards as open data in the 360Giving Data Standard (JSON package and its CSV columns).

Open data carries no personal data: no IIN or BIN, address, phone or e-mail; a person is
named as the published results name them. Every file says what it is (title, unit,
source, date, demo marker)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.exports import csv_bytes

from .models import ApplicantType, Application, Competition, Gate
from .selectors.public import PublicResults
from .services.decision import latest_decision

SCHEMA_VERSION = "1.4"
CURRENCY = "KZT"
PERSON_TYPES = (ApplicantType.INDIVIDUAL_ENTREPRENEUR, ApplicantType.POTENTIAL)


def prefix() -> str:
    """The publisher's 360Giving identifier prefix (register one with 360Giving)."""
    return getattr(settings, "AIMAQ_360GIVING_PREFIX", "360G-aimaq")


def _preamble(competition: Competition, what: str) -> list[list[Any]]:
    rows = [
        [what],
        [_("Competition"), competition.name],
        [_("Organiser"), competition.organiser_name],
        [_("Unit"), _("tenge")],
        [_("Source"), _("Aimaq, grant competitions")],
        [_("Drawn on"), timezone.localdate().isoformat()],
    ]
    if competition.is_demo:
        rows.append([_("Demo data"), _("The applicants, scores and amounts are demo data.")])
    return rows + [[]]


def results_csv(results: PublicResults) -> bytes:
    """The published lists, one row per application with its list."""
    competition = results.competition
    rows = _preamble(competition, _("Published results of the competition"))
    rows.append([
        _("List"), _("Rank"), _("Case"), _("Applicant"), _("Business"), _("Territory"),
        _("KATO"), _("Score"), _("Requested, tenge"), _("Awarded, tenge"),
    ])  # fmt: skip
    for name, lines in (
        (_("selected"), results.selected),
        (_("reserve"), results.reserve),
        (_("compliant"), results.compliant),
    ):
        for line in lines:
            rows.append([
                name, line.rank or "", line.case_number, line.applicant_name, line.business_name,
                line.territory, line.territory_kato, line.score if line.score is not None else "",
                line.requested, line.amount,
            ])  # fmt: skip
    return csv_bytes(rows)


def applications_csv(
    competition: Competition, applications: list[Application], gates: dict
) -> bytes:
    """The applications a person may see, with their gates (no contact data)."""
    rows = _preamble(competition, _("Applications to the competition"))
    rows.append([
        _("Case"), _("Status"), _("Applicant"), _("Business"), _("Territory"), _("Budget, tenge"),
        _("Requested, tenge"), _("Own contribution, %"), *[str(g.label) for g in Gate],
    ])  # fmt: skip
    marks = {True: _("passed"), False: _("failed"), None: ""}
    for application in applications:
        outcome = gates.get(application.pk, {})
        rows.append([
            application.case_number, application.get_status_display(), application.applicant_name,
            application.business_name, application.territory.name, application.total_cost,
            application.requested, application.own_share if application.own_share is not None else "",
            *[marks[outcome.get(g.value)] for g in Gate],
        ])  # fmt: skip
    return csv_bytes(rows)


def giving_package(results: PublicResults, *, site: str = "") -> dict[str, Any]:
    """The awards of the published decision as a 360Giving data package."""
    competition = results.competition
    decision = latest_decision(competition, signed=True)
    awarded = decision.signed_at if decision and decision.signed_at else timezone.now()
    modified = timezone.now().isoformat(timespec="seconds")
    kinds = dict(
        Application.objects.filter(competition=competition).values_list(
            "case_number", "applicant_type"
        )
    )
    funder = {
        "id": f"{prefix()}-funder-{competition.organiser_id or competition.pk}",
        "name": competition.organiser_name or competition.name,
    }
    programme = {"code": f"{prefix()}-competition-{competition.pk}", "title": competition.name}
    grants = []
    for line in results.selected:
        grant_id = f"{prefix()}-{competition.pk}-{line.case_number}"
        grant: dict[str, Any] = {
            "id": grant_id,
            "title": line.business_name[:140],
            "description": f"{line.sector}: {line.business_name} ({line.territory})",
            "currency": CURRENCY,
            "amountAppliedFor": line.requested,
            "amountAwarded": line.amount,
            "awardDate": awarded.isoformat(timespec="seconds"),
            "beneficiaryLocation": [
                {"name": line.territory, "countryCode": "KZ", "geoCode": line.territory_kato,
                 "geoCodeType": "KATO"}
            ],
            "fundingOrganization": [funder],
            "grantProgramme": [programme],
            "fromOpenCall": "Yes",
            "dateModified": modified,
        }  # fmt: skip
        recipient = {"id": f"{grant_id}-recipient", "name": line.applicant_name}
        if kinds.get(line.case_number) in PERSON_TYPES:
            grant["recipientIndividual"] = recipient
        else:
            grant["recipientOrganization"] = [{**recipient, "name": line.business_name}]
        if site:
            grant["dataSource"] = f"{site}/grants/{competition.pk}/results/"
        grants.append(grant)
    package: dict[str, Any] = {
        "grants": grants,
        "version": SCHEMA_VERSION,
        "title": f"{competition.name} — {_('awards')}",
        "description": _("Grants awarded by the competition, as published by Aimaq.")
        + (" " + _("Demo data.") if competition.is_demo else ""),
        "issued": modified,
        "modified": modified,
        "identifier": f"{prefix()}-competition-{competition.pk}-v{results.version}",
        "publisher": {"name": competition.organiser_name or "Aimaq"},
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    return package


GIVING_COLUMNS = (
    ("Identifier", lambda g: g["id"]),
    ("Title", lambda g: g["title"]),
    ("Description", lambda g: g["description"]),
    ("Currency", lambda g: g["currency"]),
    ("Amount Applied For", lambda g: g["amountAppliedFor"]),
    ("Amount Awarded", lambda g: g["amountAwarded"]),
    ("Award Date", lambda g: g["awardDate"]),
    ("Recipient Org:Identifier", lambda g: g.get("recipientOrganization", [{}])[0].get("id", "")),
    ("Recipient Org:Name", lambda g: g.get("recipientOrganization", [{}])[0].get("name", "")),
    ("Recipient Ind:Identifier", lambda g: g.get("recipientIndividual", {}).get("id", "")),
    ("Recipient Ind:Name", lambda g: g.get("recipientIndividual", {}).get("name", "")),
    ("Beneficiary Location:Name", lambda g: g["beneficiaryLocation"][0]["name"]),
    ("Beneficiary Location:Country Code", lambda g: g["beneficiaryLocation"][0]["countryCode"]),
    ("Beneficiary Location:Geographic Code", lambda g: g["beneficiaryLocation"][0]["geoCode"]),
    (
        "Beneficiary Location:Geographic Code Type",
        lambda g: g["beneficiaryLocation"][0]["geoCodeType"],
    ),
    ("Funding Org:Identifier", lambda g: g["fundingOrganization"][0]["id"]),
    ("Funding Org:Name", lambda g: g["fundingOrganization"][0]["name"]),
    ("Grant Programme:Code", lambda g: g["grantProgramme"][0]["code"]),
    ("Grant Programme:Title", lambda g: g["grantProgramme"][0]["title"]),
    ("From An Open Call?", lambda g: g["fromOpenCall"]),
    ("Last Modified", lambda g: g["dateModified"]),
)


def giving_csv(package: dict[str, Any]) -> bytes:
    """The package's grants in 360Giving's flattened CSV columns."""
    rows: list[list[Any]] = [[title for title, _get in GIVING_COLUMNS]]
    rows += [[get(grant) for _title, get in GIVING_COLUMNS] for grant in package["grants"]]
    return csv_bytes(rows)
