"""The evidence base's pages speak the reader's language to the last word: the tooltip of a
value computed from below, the parts a file's columns play in an import."""

import re

import pytest
from django.urls import reverse

from aimaq.indicators.models import Aggregation, ImportRun, ImportStatus
from aimaq.indicators.tests import test_views_import as views_import
from aimaq.indicators.tests.test_views_fixtures import (
    make_indicator,
    observe,
    world_fixture,  # noqa: F401
)

editor, upload = views_import.editor, views_import.upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "tooltip"),
    [
        ("kk", "есептелген, есеп берілмеген"),
        ("ru", "рассчитано, не представлено"),
        ("en", "computed, not reported"),
    ],
)
def test_the_mark_of_a_value_computed_from_below_is_explained_in_the_readers_language(
    client, world, language, tooltip
):
    jobs = make_indicator("jobs_created", aggregation=Aggregation.SUM, decimals=0)
    for rayon, value in (("nura", 10), ("osakarovka", 20), ("abai", 30)):
        observe(jobs, world[rayon], {"2022": value})
    url = reverse("indicators:profile", args=["350000000"])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'class="computed-mark" title="{tooltip}"' in html


ALL_ROLES = "indicator,kato,period,value,status,source,disaggregation\n"


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("kk", ["көрсеткіш", "аумақ", "кезең", "мәні", "мәртебе", "дереккөз", "жіктелім"]),
        ("ru", ["показатель", "территория", "период", "значение", "статус", "источник", "разрез"]),
    ],
)
def test_the_import_preview_names_every_part_a_column_plays_in_the_readers_language(
    client, editor, language, labels
):
    upload(client, ALL_ROLES + "unemployment,355200000,2023,5.2,final,Stat,\n")
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.PREVIEW, run.errors
    url = reverse("indicators:import_preview", args=[run.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    shown = re.findall(r'<tr><th scope="row">([^<]+)</th><td>\s*<label', html)
    assert shown == labels


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_upload_page_names_the_accepted_columns_in_the_readers_language(
    client, editor, language
):
    html = client.get(reverse("indicators:import"), HTTP_ACCEPT_LANGUAGE=language)
    terms = re.findall(r"<dt>([^<]+)</dt>", html.content.decode())
    assert terms and not {"value", "disaggregation"} & set(terms)
