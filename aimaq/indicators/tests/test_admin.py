"""The back office of the evidence base in the reader's language: the models' names, their
permissions, the labels of an import's, a replaced value's and an indicator's fields, and
the indicators listed by their name in that language."""

import re

import pytest
from django.apps import apps
from django.utils import translation

from aimaq.indicators.models import ImportRun, Indicator, ObservationRevision
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401
from aimaq.testing.people import UserFactory

pytestmark = pytest.mark.django_db

LABEL = re.compile(r"<label[^>]*>([^<]+?):?</label>")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def read(client, url: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def english_names() -> set[str]:
    with translation.override("en"):
        return {
            str(name)
            for model in apps.get_app_config("indicators").get_models()
            for name in (model._meta.verbose_name, model._meta.verbose_name_plural)
        }


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("kk", ["Мәндер импорттары", "Ауыстырылған мәндер", "Көрсеткіштер"]),
        ("ru", ["Импорты значений", "Заменённые значения", "Показатели"]),
    ],
)
def test_the_admin_index_names_the_indicators_models_in_the_readers_language(
    admin_client, language, names
):
    html = read(admin_client, "/admin/", language)
    for name in names:
        assert f">{name}</a>" in html
    assert "Import runs" not in html and "Observation revisions" not in html


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_indicators_permission_names_its_model_in_the_readers_language(
    admin_client, language
):
    html = read(admin_client, "/admin/auth/group/add/", language)
    with translation.override(language):
        app = str(apps.get_app_config("indicators").verbose_name)
    models = set(re.findall(rf">{re.escape(app)} \| (?:[^|<]+: )?([^|<]+) \| ", html))
    assert len(models) >= 10  # every model of the app, its history and approvals included
    assert not models & english_names()


def field_labels(client, url: str, language: str) -> set[str]:
    return set(LABEL.findall(read(client, url, language)))


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_pages_of_an_import_a_replaced_value_and_an_indicator_label_no_field_in_english(
    admin_client, world, language
):
    run = ImportRun.objects.create(
        created_by=UserFactory(), file_name="figures.csv", file_format="csv"
    )
    run.written_at = run.created_at
    run.save()
    revision = ObservationRevision.objects.create(
        indicator=world["unemployment"], territory=world["nura"], period="2020", value=6.0,
        status="final", replaced_by=run,
    )  # fmt: skip
    for url in (
        f"/admin/indicators/importrun/{run.pk}/change/",
        f"/admin/indicators/observationrevision/{revision.pk}/change/",
        f"/admin/indicators/indicator/{world['unemployment'].pk}/change/",
    ):
        english = field_labels(admin_client, url, "en")
        assert len(english) >= 8, url
        assert not field_labels(admin_client, url, language) & english, url


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "Poverty rate"), ("ru", "Уровень бедности"), ("kk", "Кедейлік деңгейі")],
)
def test_the_indicator_list_shows_each_name_in_the_readers_language(
    admin_client, world, language, shown
):
    Indicator.objects.filter(code="poverty_rate").update(
        name_en="Poverty rate", name_ru="Уровень бедности", name_kk="Кедейлік деңгейі"
    )
    html = read(admin_client, "/admin/indicators/indicator/", language)
    names = {"Poverty rate", "Уровень бедности", "Кедейлік деңгейі"}
    assert [name for name in names if f">{name}<" in html] == [shown]
