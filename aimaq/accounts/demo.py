"""Demo organisations and people with their roles, over the demo territories.

Idempotent: what exists is left alone (passwords are never reset), what is missing is made.
Runs after `aimaq.territories.demo.load_demo_territories()`.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import translation

from aimaq.core.registries import DemoOutcome
from aimaq.territories.models import Territory

from .groups import ensure_officials_group
from .models import Organisation, OrganisationKind, Role, RoleGrant, User

DEMO_PASSWORD = "aimaq-demo-2026"


def demo_password_hash() -> str:
    """DEMO_PASSWORD hashed once for every demo person (hashing is slow on purpose: twenty
    people took seconds of `bin/demo`); the password is published anyway."""
    return _hashed(settings.PASSWORD_HASHERS[0])


@cache
def _hashed(hasher: str) -> str:
    return make_password(DEMO_PASSWORD)


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    kind: str
    kato: str
    name_kk: str
    name_ru: str
    name_en: str


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    language: str
    organisation: str | None = None
    position: str = ""
    role: str | None = None
    kato: str | None = None
    staff: bool = False
    superuser: bool = False


ORGANISATIONS = (
    DemoOrganisation(
        "karaganda-akimat",
        OrganisationKind.AKIMAT,
        "350000000",
        "Қарағанды облысының әкімдігі",
        "Акимат Карагандинской области",
        "Akimat of Karaganda oblast",
    ),
    DemoOrganisation(
        "karaganda-maslikhat",
        OrganisationKind.MASLIKHAT,
        "350000000",
        "Қарағанды облыстық мәслихаты",
        "Карагандинский областной маслихат",
        "Maslikhat of Karaganda oblast",
    ),
    DemoOrganisation(
        "nura-akimat",
        OrganisationKind.AKIMAT,
        "355200000",
        "Нұра ауданының әкімдігі",
        "Акимат Нуринского района",
        "Akimat of Nura rayon",
    ),
    DemoOrganisation(
        "zharaspai-akimat",
        OrganisationKind.AKIMAT,
        "355243000",
        "Жараспай ауылдық округі әкімінің аппараты",
        "Аппарат акима Жараспайского сельского округа",
        "Akimat of Zharaspai rural okrug",
    ),
    DemoOrganisation(
        "nura-ngo",
        OrganisationKind.NGO,
        "355200000",
        "«Нұра бастамасы» қоғамдық бірлестігі",
        "Общественное объединение «Нуринская инициатива»",
        "Public association “Nura Initiative”",
    ),
    DemoOrganisation(
        "east-akimat",
        OrganisationKind.AKIMAT,
        "630000000",
        "Шығыс Қазақстан облысының әкімдігі",
        "Акимат Восточно-Казахстанской области",
        "Akimat of East Kazakhstan oblast",
    ),
    DemoOrganisation(
        "glubokoe-akimat",
        OrganisationKind.AKIMAT,
        "634000000",
        "Глубокое ауданының әкімдігі",
        "Акимат Глубоковского района",
        "Akimat of Glubokoe rayon",
    ),
    DemoOrganisation(
        "ministry",
        OrganisationKind.MINISTRY,
        "000000000",
        "Қазақстан Республикасының Ұлттық экономика министрлігі",
        "Министерство национальной экономики Республики Казахстан",
        "Ministry of National Economy of the Republic of Kazakhstan",
    ),
)

PEOPLE = (
    DemoPerson("admin", "Demo", "Administrator", "en", staff=True, superuser=True),
    DemoPerson(
        "oblast.karaganda",
        "Aigerim",
        "Sadykova",
        "ru",
        "karaganda-akimat",
        "Head of the economy and budget planning department",
        Role.ADMIN,
        "350000000",
        staff=True,
    ),
    DemoPerson(
        "maslikhat.karaganda",
        "Serik",
        "Abenov",
        "kk",
        "karaganda-maslikhat",
        "Deputy, audit commission",
        Role.VIEWER,
        "350000000",
    ),
    DemoPerson(
        "nura.editor",
        "Dana",
        "Zhaksybekova",
        "kk",
        "nura-akimat",
        "Chief specialist, economy and finance department",
        Role.EDITOR,
        "355200000",
        staff=True,
    ),
    DemoPerson(
        "nura.viewer",
        "Olga",
        "Ivanova",
        "ru",
        "nura-ngo",
        "Programme coordinator",
        Role.VIEWER,
        "355200000",
    ),
    DemoPerson(
        "zharaspai.akim",
        "Nurlan",
        "Tokhtarov",
        "kk",
        "zharaspai-akimat",
        "Akim of the rural okrug",
        Role.MANAGER,
        "355243000",
        staff=True,
    ),
    DemoPerson(
        "glubokoe.editor",
        "Viktor",
        "Petrenko",
        "ru",
        "glubokoe-akimat",
        "Economist",
        Role.EDITOR,
        "634000000",
        staff=True,
    ),
    DemoPerson(
        "ministry.analyst",
        "Madina",
        "Bekova",
        "en",
        "ministry",
        "Analyst, regional development department",
        Role.VIEWER,
        "000000000",
    ),
)


def current_territory(kato: str) -> Territory:
    return Territory.objects.current().get(kato=kato)


def load_organisations() -> dict[str, Organisation]:
    organisations = {}
    for spec in ORGANISATIONS:
        organisations[spec.key], _ = Organisation.objects.get_or_create(
            kind=spec.kind,
            territory=current_territory(spec.kato),
            name_en=spec.name_en,
            defaults={"name_kk": spec.name_kk, "name_ru": spec.name_ru},
        )
    return organisations


def load_person(spec: DemoPerson, organisations: dict[str, Organisation], officials) -> User:
    person = User.objects.filter(username=spec.username).first()
    if person is None:
        person = User(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            preferred_language=spec.language,
            organisation=organisations.get(spec.organisation) if spec.organisation else None,
            position=spec.position,
            is_staff=spec.staff,
            is_superuser=spec.superuser,
        )
        person.password = demo_password_hash()
        person.save()
        if spec.staff and not spec.superuser:
            person.groups.add(officials)
    if spec.role and spec.kato:
        RoleGrant.objects.get_or_create(
            user=person, role=spec.role, territory=current_territory(spec.kato)
        )
    return person


def login_line(spec: DemoPerson) -> str:
    with translation.override("en"):
        if spec.superuser:
            what = "superuser, everything"
        elif spec.role and spec.kato:
            territory = current_territory(spec.kato)
            what = f"{Role(spec.role).label}, {territory.name} ({territory.kato})"
        else:
            what = "no territory role"
        if spec.staff and not spec.superuser:
            what += ", admin site"
    return f"{spec.username} / {DEMO_PASSWORD} — {what}"


@transaction.atomic
def load_demo_people() -> list[str]:
    """Create the demo organisations, people and role grants that are missing; return one
    "username / password — role, territory" line per demo login."""
    officials = ensure_officials_group()
    organisations = load_organisations()
    for spec in PEOPLE:
        load_person(spec, organisations, officials)
    return [login_line(spec) for spec in PEOPLE]


def demo_people() -> DemoOutcome:
    """The demo loader registered for seed_demo: people, organisations, roles and logins."""
    logins = load_demo_people()
    summary = f"{len(ORGANISATIONS)} organisations, {len(PEOPLE)} people with their roles"
    return DemoOutcome(summary, tuple(logins))
