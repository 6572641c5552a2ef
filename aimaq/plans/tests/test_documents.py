"""The plan as a document in the official structure: the PDF (rendered as a background job)
read back with pdftotext holds the plan's tables in Kazakh, and the DOCX opens in
python-docx with the same tables. One PDF and one DOCX for the whole module."""

import pytest
from django.test import TestCase

from aimaq.core.documents.readback import docx_text, pdf_pages
from aimaq.core.jobs import Job, JobStatus
from aimaq.plans.documents import plan_file, report_file
from aimaq.plans.services.monitoring import (
    ActualEntry,
    publish_report,
    save_report,
    start_report,
    submit_report,
)
from aimaq.plans.tests.world import approved_plan, plan_world

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

KAZAKH_HEADINGS = [
    "1. Паспорт",
    "2. Даму пайымы",
    "3. Ағымдағы жағдайды талдау",
    "SWOT-талдау",
    "Проблемалар ағашы",
    "Нәтижелер тізбегі",
    "Нысаналы көрсеткіштер",
    "Іс-шаралар жоспары",
    "5. Қажетті ресурстар",
]


def test_the_plan_pdf_and_docx_hold_its_tables_in_kazakh(client, immediate_tasks):
    world = plan_world()
    plan = approved_plan(world)
    client.force_login(world["editor"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            f"/plans/{plan.pk}/document/", {"format": "pdf", "lang": "kk", "v": "1"}
        )
    job = Job.objects.get(kind="plans.plan_document")
    assert response.status_code == 302 and job.status == JobStatus.DONE, job.error
    with job.output.open("rb") as handle:
        pdf = handle.read()
    text = "\n".join(pdf_pages(pdf))
    for heading in KAZAKH_HEADINGS:
        assert heading in text, heading
    flat = " ".join(text.split())
    assert "Ұялы байланыс желісін қосу" in flat  # the action, in its Kazakh name
    assert "1 500 000" in flat or "1 500 000" in text  # its cost, in whole tenge
    assert "Ұялы байланысы бар адамдар" in flat and "1 213" in flat  # the indicator and target
    assert "Іс-шара" in flat and "Жауапты" in flat and "Барлығы, теңге" in flat  # table headers

    docx = docx_text(plan_file(plan.versions.get(), language="kk", file_format="docx").data)
    tables = [[cell.strip() for row in table for cell in row] for table in docx.tables]
    action_table = next(t for t in tables if "Іс-шара" in t and "Жауапты" in t)
    assert any("Ұялы байланыс желісін қосу" in cell for cell in action_table)
    assert "1 500 000" in " ".join(action_table).replace("\u00a0", " ")
    indicator_table = next(t for t in tables if "Базалық мән" in t)
    assert any("Ұялы байланысы бар адамдар" in cell for cell in indicator_table)
    headings = [text for style, text in docx.paragraphs if style.startswith("Heading")]
    assert "1. Паспорт" in headings and "5. Қажетті ресурстар" in headings

    report = start_report(plan, "2018", by=world["editor"])
    value = report.values.get()
    save_report(report, by=world["editor"], actuals={value.indicator_id: ActualEntry(560)})
    submit_report(report, by=world["editor"])
    publish_report(report, by=world["manager"])
    report_docx = docx_text(report_file(report, language="ru", file_format="docx").data)
    assert "Отчёт о мониторинге за 2018" in "\n".join(text for _s, text in report_docx.paragraphs)
    assert any("560" in cell for table in report_docx.tables for row in table for cell in row)
