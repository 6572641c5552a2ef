"""The demo competition: the real call of 2018 (see demo_data.py for what is a public fact
and what is demo), its 31 applications, the committee's scores, the signed decision that
funds 12 projects (5 + 7) for exactly 12,000,000 tenge, the published results and a year of
follow-up, all made through the app's own services. Loading it again changes nothing."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings

from aimaq.accounts.identifiers import check_digit
from aimaq.accounts.models import Organisation, OrganisationKind
from aimaq.core.activity import logged_together
from aimaq.core.attachments import CheckedFile, attach
from aimaq.core.documents import Document, Paragraph, Section, render_pdf
from aimaq.core.registries import DemoOutcome
from aimaq.territories.models import Territory

from . import demo_data as data
from .models import (
    Application,
    Award,
    BudgetLine,
    Channel,
    CommitteeMember,
    Competition,
    Criterion,
    CriterionKind,
    Gate,
    PriorityGroup,
    Quota,
    RemainderRule,
    Status,
)
from .permissions import VIEW_APPLICATION
from .services import committee, followup, gates, intake
from .services.decision import draft_decision, sign_decision
from .services.results import publish_results

TITLE_EN = "Competition for financial support for development of local entrepreneurship, 2018"
ZONE = ZoneInfo(settings.TIME_ZONE)
DOCUMENTS_DRAWN_ON = date(2018, 10, 20)  # after the call's announcement, before any application


def demo_iin(n: int) -> str:
    """A checksum-valid IIN (born 1 January 1990, a man) for serial `n` (0–999)."""
    for serial in range(n * 10, n * 10 + 10):
        first = f"9001013{serial % 10_000:04d}"
        digit = check_digit(first)
        if digit is not None:
            return first + str(digit)
    raise ValueError(n)


def demo_bin(n: int) -> str:
    """A checksum-valid BIN of a resident legal entity (type digit 4) for serial `n`."""
    for serial in range(n * 10, n * 10 + 10):
        first = f"180340{serial:05d}"
        digit = check_digit(first)
        if digit is not None:
            return first + str(digit)
    raise ValueError(n)


def at(day: str, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(hour, minute), tzinfo=ZONE)


def load_demo_grants() -> DemoOutcome:
    """Creates the demo competition unless it is there; returns a summary and the logins."""
    from aimaq.accounts.demo import DEMO_PASSWORD

    logins = tuple(
        f"{seat.username} / {DEMO_PASSWORD} — {seat.role}, grant competition 2018"
        for seat in data.COMMITTEE
    ) + (f"{data.APPLICANT_LOGIN} / {DEMO_PASSWORD} — entrepreneur, application 18",)
    if Competition.objects.filter(name_en=TITLE_EN, is_demo=True).exists():
        return DemoOutcome("grant competition 2018 already there", logins)
    if Territory.objects.current().filter(kato__in=data.ELIGIBLE).count() != len(data.ELIGIBLE):
        return DemoOutcome("no demo territories: grant competition not loaded")
    with logged_together():  # one transaction; its log entries written together
        competition = _competition()
        people = _people(competition)
        applications = _applications(competition, people)
        _scores(competition, people, applications)
        _decision(competition, people)
        _follow_up(competition, people)
    return DemoOutcome(
        "grant competition 2018: 31 applications, 12 awards for 12,000,000 tenge", logins
    )


def _territory(kato: str) -> Territory:
    return Territory.objects.current().get(kato=kato)


def _donor_project() -> Organisation:
    """The donor project that ran the competition (its programme's results page)."""
    return Organisation.objects.get_or_create(
        kind=OrganisationKind.DONOR_PROJECT,
        name_en="Greater stakeholder engagement at local level (ARGO, EU)",
        defaults={
            "name_kk": "Жергілікті деңгейде мүдделі тараптардың қатысуын кеңейту (АРГО, ЕО)",
            "name_ru": "Расширение участия заинтересованных сторон на местном уровне (АРГО, ЕС)",
            "territory": Territory.objects.current().get(level="country"),
        },
    )[0]


def _competition() -> Competition:
    competition = Competition.objects.create(
        organiser=_donor_project(),
        name_kk="Жергілікті кәсіпкерлікті дамытуды қаржылай қолдау байқауы, 2018",
        name_ru="Конкурс по финансовой поддержке развития местного предпринимательства, 2018",
        name_en=TITLE_EN,
        organiser_name_kk="«Шығыс және Орталық Қазақстанда жергілікті деңгейде мүдделі "
        "тараптардың қатысуын кеңейту» жобасы (АРГО, Еуропалық одақтың қаржылай қолдауымен)",
        organiser_name_ru="Проект «Расширение участия заинтересованных сторон на местном "
        "уровне в Восточном и Центральном Казахстане» (АРГО, при финансовой поддержке ЕС)",
        organiser_name_en="“Greater stakeholder engagement at local level in East and Central "
        "Kazakhstan” project (ARGO, with financial support from the European Union)",
        territory=Territory.objects.current().get(level="country"),
        fund=12_000_000,
        min_budget=500_000,
        max_budget=1_200_000,
        own_share_min=Decimal("10"),
        own_share_max=Decimal("20"),
        applicant_types=["small_business", "ie", "potential"],
        min_total=Decimal("50"),
        remainder_rule=RemainderRule.SKIP,
        quorum=5,
        announced_on=date(2018, 10, 16),
        opens_at=at("2018-10-16", 9),
        closes_at=at("2018-11-12", 18),
        committee_on=date(2018, 11, 22),
        results_on=date(2018, 11, 26),
        appeals_until=date(2018, 12, 3),
        summary_kk="Шағын бизнеске, жұмыс істеп тұрған және әлеуетті жеке кәсіпкерлерге "
        "500 000 – 1 200 000 теңгелік бизнес-жобаларға қаржылай қолдау. Өтініш берушінің "
        "өз салымы — жалпы соманың 10–20 %.",
        summary_ru="Финансовая поддержка бизнес-проектов стоимостью от 500 000 до 1 200 000 "
        "тенге для малого бизнеса, действующих и потенциальных индивидуальных "
        "предпринимателей. Собственный вклад заявителя — 10–20 % от общей суммы.",
        summary_en="Financial support for business projects of 500,000 to 1,200,000 tenge for "
        "small businesses and existing and potential individual entrepreneurs. The "
        "applicant's own contribution is 10–20 % of the total.",
        documents_kk="Бизнес-жоспар\nЖеке куәліктің көшірмесі\nШығындар сметасы",
        documents_ru="Бизнес-план\nКопия удостоверения личности\nСмета расходов",
        documents_en="Business plan\nCopy of the identity card\nCost estimate",
        is_published=True,
        is_demo=True,
        source=data.SOURCE,
    )
    competition.eligible_territories.set([_territory(k) for k in data.ELIGIBLE])
    for order, (code, kk, ru, en, weight, maximum, tie) in enumerate(data.CRITERIA):
        Criterion.objects.create(
            competition=competition, code=code, name_kk=kk, name_ru=ru, name_en=en,
            weight=Decimal(weight), max_score=maximum, order=order, tie_break=tie,
        )  # fmt: skip
    for order, (code, kk, ru, en) in enumerate(data.MINIMUM, start=10):
        Criterion.objects.create(
            competition=competition, code=code, name_kk=kk, name_ru=ru, name_en=en,
            kind=CriterionKind.PASS_FAIL, order=order,
        )  # fmt: skip
    for code, kk, ru, en, bonus in data.PRIORITY:
        PriorityGroup.objects.create(
            competition=competition, code=code, name_kk=kk, name_ru=ru, name_en=en,
            bonus=Decimal(bonus),
        )  # fmt: skip
    Quota.objects.create(
        competition=competition, territory=_territory(data.EAST), reserved=5_000_000
    )
    Quota.objects.create(
        competition=competition, territory=_territory(data.KARAGANDA), reserved=7_000_000
    )
    return competition


def _user(username: str, first: str, last: str, language: str):
    from aimaq.accounts.demo import demo_password_hash
    from aimaq.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username, first_name=first, last_name=last, preferred_language=language,
            email=f"{username}@demo.aimaq.kz",
        )  # fmt: skip
        user.password = demo_password_hash()
        user.save()
    return user


def _people(competition: Competition) -> dict:
    people = {}
    for seat in data.COMMITTEE:
        user = _user(seat.username, seat.first, seat.last, seat.language)
        CommitteeMember.objects.create(
            competition=competition, user=user, role=seat.role, interest_group=seat.group,
            affiliation=seat.affiliation,
        )  # fmt: skip
        people[seat.username] = user
    people[data.APPLICANT_LOGIN] = _user(data.APPLICANT_LOGIN, "Айнур", "Билялова", "kk")
    return people


OPENINGS = (
    "Открываю своё дело",
    "Расширяю работающий бизнес",
    "Начинаю с нуля после курсов",
    "Семейное дело переходит на новое оборудование",
    "Хочу закрыть потребность села",
)
MARKETS = (
    "покупатели — жители округа",
    "сбыт через районный рынок",
    "договор с сельской школой и больницей",
    "заказы из соседних сёл и райцентра",
    "продажа через магазины посёлка",
    "туристы летом, местные зимой",
    "заказы от фермеров округа",
)


def _description(spec: data.DemoApplication) -> str:
    """A plausible, distinct project text (the repeated application copies the first one)."""
    if spec.special == "duplicate":
        spec = next(a for a in data.APPLICATIONS if a.number == 21)
    n = spec.number
    return (
        f"{spec.business}. {OPENINGS[n % 5]}: {MARKETS[n % 7]}. "
        f"Рабочих мест: {spec.jobs}, вклад {spec.own:,} тг, из фонда {spec.grant:,} тг."
    ).replace(",", " ")


def _lines(application: Application, spec: data.DemoApplication) -> None:
    total = spec.grant + spec.own
    first = round(total * 0.7 / 1000) * 1000
    second = total - first
    own_second = min(spec.own, second)
    own_first = spec.own - own_second
    BudgetLine.objects.create(
        application=application, item="Оборудование", quantity=1, unit_cost=first,
        requested=first - own_first, own=own_first,
    )  # fmt: skip
    BudgetLine.objects.create(
        application=application, item="Материалы и монтаж", quantity=1, unit_cost=second,
        requested=second - own_second, own=own_second,
    )  # fmt: skip
    intake.recompute_totals(application)
    application.save()


@cache
def demo_pdf(name: str, title: str, text: str) -> CheckedFile:
    """A short PDF any reader opens (title page, contents, the text), rendered once and
    reused for every application."""
    document = Document(
        title=title,
        language="ru",
        demo=True,
        drawn_on=DOCUMENTS_DRAWN_ON,
        sections=[Section(title, [Paragraph(text)])],
    )
    body = render_pdf(document)
    return CheckedFile(
        name=f"{name}.pdf", media_type="application/pdf", data=body,
        sha256=hashlib.sha256(body).hexdigest(),
    )  # fmt: skip


def _applications(competition: Competition, people: dict) -> dict[int, Application]:
    officer, officer2 = people["grants.officer"], people["grants.officer2"]
    groups = {g.code: g for g in competition.priority_groups.all()}
    found: dict[int, Application] = {}
    for spec in data.APPLICATIONS:
        kind_iin = spec.kind != "small_business"
        number = 21 if spec.special == "duplicate" else spec.number
        moment = at("2018-10-22") + timedelta(days=spec.number % 20, hours=spec.number % 7)
        application = Application.objects.create(
            competition=competition,
            case_number=intake.next_case_number(competition),
            channel=spec.channel,
            status=Status.DRAFT,
            applicant=people[data.APPLICANT_LOGIN] if spec.number == 18 else None,
            applicant_type=spec.kind,
            applicant_name=spec.name,
            business_name=spec.business,
            territory=_territory(spec.kato),
            sector=spec.sector,
            description=_description(spec),
            jobs_planned=spec.jobs,
            iin=demo_iin(500 + number) if kind_iin else "",
            bin=demo_bin(500 + number) if not kind_iin else "",
            phone=f"+7701{number:07d}",
            address="демо-адрес",
            language="kk" if spec.number % 3 == 0 else "ru",
            submitted_at=moment,
            received_by=officer if spec.channel == Channel.PAPER else None,
            attachments_on_paper=3 if spec.channel == Channel.PAPER else 0,
            is_demo=True,
        )
        _lines(application, spec)
        application.priority_groups.set([groups[g] for g in spec.groups])
        if spec.channel == Channel.ONLINE:
            for document in data.ATTACHMENTS:
                attach(application, demo_pdf(*document), by=None, read_action=VIEW_APPLICATION)
            application.status = Status.SUBMITTED
            application.save()
            gates.judge_automatic(application)
            gates.flag_duplicates(application)
        else:
            application.status = Status.AWAITING_CONFIRMATION
            application.save()
            intake.confirm_paper(application, by=officer2)
        if spec.special == "withdrawn":
            intake.withdraw(application, by=officer)
        found[spec.number] = application
    minimum = list(competition.criteria.filter(kind=CriterionKind.PASS_FAIL))
    for spec in data.APPLICATIONS:
        application = found[spec.number]
        if application.status != Status.SUBMITTED:
            continue
        outcome = application.gates.get(gate=Gate.ELIGIBILITY).outcome
        formal = application.gates.get(gate=Gate.FORMAL).outcome
        if not (outcome and formal):
            continue
        met = spec.special != "minimum_failed"
        findings = {c.pk: (met or c.code != "premises", "") for c in minimum}
        gates.record_minimum(application, findings, by=officer)
    return found


def _scores(competition: Competition, people: dict, applications: dict) -> None:
    criteria = list(competition.criteria.filter(kind=CriterionKind.SCORED).order_by("order"))
    voters = [s.username for s in data.COMMITTEE if s.role in ("chair", "member")]
    for username, number in data.CONFLICTS:
        committee.declare_conflict(applications[number], by=people[username])
    conflicts = set(data.CONFLICTS)
    sheets = []
    for spec in data.APPLICATIONS:
        if not spec.scores:
            continue
        application = applications[spec.number]
        for m, username in enumerate(voters):
            if (username, spec.number) in conflicts:
                continue
            values = {}
            for c, criterion in enumerate(criteria):
                value = int(spec.scores[c]) + data.PATTERN[(m + c + spec.number) % 7]
                if data.OUTLIER[:3] == (username, spec.number, criterion.code):
                    value += data.OUTLIER[3]
                values[criterion.pk] = Decimal(max(0, min(criterion.max_score, value)))
            sheets.append((application, people[username], values))
    # Written in bulk (one save_sheet per sheet took 20 of the demo's 30 seconds).
    committee.record_submitted_sheets(competition, sheets, at=at("2018-11-21", 16))


def _decision(competition: Competition, people: dict) -> None:
    decision = draft_decision(
        competition,
        by=people["grants.secretary"],
        present=list(competition.members.all()),
        meeting_on=date(2018, 11, 22),
        meeting_place="Астана / Astana",
    )
    sign_decision(decision, by=people["grants.chair"], language="ru", at=at("2018-11-22", 17))
    publish_results(
        competition, by=people["grants.officer"], notify_applicants=False, at=at("2018-11-26", 12)
    )


def _follow_up(competition: Competition, people: dict) -> None:
    officer = people["grants.officer"]
    awards = Award.objects.filter(application__competition=competition).select_related(
        "application__territory"
    )
    for index, award in enumerate(awards.order_by("application__case_number")):
        oblast = data.EAST if award.application.territory.kato.startswith("63") else data.KARAGANDA
        day, place = data.CEREMONIES[oblast]
        award.ceremony_on = date.fromisoformat(day)
        award.ceremony_place = place
        award.save()
        followup.record_agreement(
            award, number=f"ГФ-2018/{index + 1:02d}", signed_on=date.fromisoformat(day), by=officer
        )
        first = award.amount * 7 // 10
        for amount, due in ((first, date(2018, 12, 20)), (award.amount - first, date(2019, 3, 15))):
            tranche = followup.add_tranche(award, amount=amount, due_on=due, by=officer)
            followup.mark_paid(tranche, paid_on=due, by=officer)
        planned = award.application.jobs_planned
        followup.submit_report(
            award, period_end=date(2019, 6, 30), jobs_created=max(1, planned - 1),
            revenue=600_000 + 50_000 * index, by=officer,
        )  # fmt: skip
        status = "closed" if index == 11 else "trouble" if index == 7 else "operating"
        jobs = 0 if status == "closed" else planned
        followup.submit_report(
            award, period_end=date(2019, 12, 31), jobs_created=jobs,
            revenue=900_000 + 80_000 * index if jobs else 0, by=officer,
        )  # fmt: skip
        followup.record_visit(
            award, visited_on=date(2019, 11, 5 + index), business_status=status,
            findings="Оборудование установлено, бизнес работает." if status == "operating"
            else "Сбыт ниже плана; нужна консультация." if status == "trouble"
            else "Предприниматель закрыл бизнес и переехал.",
            by=officer,
        )  # fmt: skip
    followup.publish_jobs(competition, by=officer)
