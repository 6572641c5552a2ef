"""The import pages show how the file was read before anything lands: each territory name
with the unit it matched (the inexact ones marked), the columns, and the person's picks
checked again; the upload page offers a template, the accepted headers and the options."""

import pytest
from django.test import TestCase
from django.urls import reverse

from aimaq.indicators.models import ImportRun, ImportStatus
from aimaq.indicators.tests import test_views_import as views_import
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401

editor, upload = views_import.editor, views_import.upload

pytestmark = pytest.mark.django_db

FOOTNOTED = "indicator,territory,period,value\nunemployment,Nura*,2023,5.2\n"


def test_the_preview_lists_each_name_with_its_unit_and_marks_an_inexact_one(client, editor):
    response = upload(client, FOOTNOTED, match="name")
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.PREVIEW, run.errors
    html = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="import-asked"' in html and "<mark>Nura*</mark>" in html
    assert "355200000" in html and "the footnote mark after the name was left out" in html
    assert "How the file&#x27;s columns were read" in html or "columns were read" in html


def test_a_pick_is_checked_again_as_a_new_run_and_shown_as_chosen(client, editor):
    upload(client, FOOTNOTED, match="name")
    first = ImportRun.objects.get()
    with TestCase.captureOnCommitCallbacks(execute=True):  # the check job runs
        response = client.post(
            reverse("indicators:import_recheck", args=[first.pk]),
            {"name:Nura*": "355200000", "column:value": "value"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    again = ImportRun.objects.exclude(pk=first.pk).get()
    assert response["Location"] == reverse("indicators:import_preview", args=[again.pk])
    (entry,) = again.matches
    assert (entry["kato"], entry["how"], entry["asked"]) == ("355200000", "picked", False)
    assert again.options["names"] == {"Nura*": "355200000"}


def test_the_period_filter_and_projection_status_are_options_of_the_upload(client, editor):
    text = "indicator,kato,period,value\n" + "".join(
        f"unemployment,355200000,{year},5.{year % 10}\n" for year in range(2019, 2024)
    )
    upload(client, text, periods="2021-2022", status="provisional", skip_invalid="on")
    run = ImportRun.objects.get()
    assert (run.new + run.changed + run.unchanged, run.left_out) == (2, 3), run.errors
    assert run.options["periods"] == "2021-2022" and run.options["skip_invalid"] is True
    refused = upload(client, text, periods="2022-2021")
    assert refused.status_code == 200 and "earlier to the later" in refused.content.decode()


def test_the_upload_page_offers_a_template_the_accepted_headers_and_an_indicator_list(
    client, editor
):
    html = client.get(reverse("indicators:import"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("indicators:import_template") in html
    assert "obs_value" in html and "ref_area" in html
    assert '<select name="indicator"' in html and 'value="unemployment"' in html
    template = client.get(reverse("indicators:import_template"))
    assert template["Content-Type"].startswith("text/csv")
    assert template.content.decode("utf-8-sig").startswith("indicator,kato,period,value")
