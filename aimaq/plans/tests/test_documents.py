"""The plan as a document in the official structure: the PDF (rendered as a background job)
read back with pdftotext holds the plan's tables in Kazakh, and the DOCX opens in
python-docx with the same tables. One PDF and one DOCX for the whole module."""

import pytest
from django.test import TestCase

from aimaq.core.documents import Table
from aimaq.core.documents.readback import docx_text, pdf_pages
from aimaq.core.jobs import Job, JobStatus
from aimaq.plans.documents import plan_file, report_file
from aimaq.plans.report_document import report_document
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
    flat = " ".join(text.replace("\u00a0", " ").split())
    # The passport: the approval by the maslikhat's decision.
    assert "12/3" in flat and "01.02.2018" in flat and "Nura maslikhat" in flat
    # The results chain: the goal, its outcome measured by the indicator, the output's action.
    assert "Мақсат 1. Байланысы бар ауылдар" in flat
    assert "Көрсеткіштер: 1. Ұялы байланысы бар адамдар" in flat
    assert "Тікелей нәтиже 1.1.1" in flat
    # The indicator table: unit, baseline with its year, life-of-plan target, yearly targets
    # and the cumulative rule.
    assert "Базалық мән (жыл) → нысаналы мән" in flat
    assert "1. Ұялы байланысы бар адамдар · адам · артуы тиіс ·" in flat
    assert "жылдық; жинақталатын: өспелі жиынтық" in flat
    assert "0 (2017) → 1 213 · 2018: 404 · 2019: 809 · 2020: 1 213" in flat
    # The action plan: one entry per action with its responsible, term, what it serves and
    # its cost per year, in total and by funding source, in whole tenge.
    assert (
        "1. Ұялы байланыс желісін қосу · Zharaspai akimat · 01.01.2018 – 31.12.2018 ·"
        " қызмет етеді: 1.1.1 · 2018: 1 500 000 · 2019: 0 · 2020: 0 · барлығы 1 500 000 ·"
        " көздер бойынша: Ауылдық округ бюджеті 1 500 000"
    ) in flat
    # Required resources: planned costs by source and year against the envelope.
    assert "Көздер мен жылдар бойынша қаржыландыру, теңге" in flat
    assert "Ауылдық округ 1 500 000 0 0 1 500 000" in flat  # the source's row (name wraps)
    assert "лимит 2 000 000 — — 2 000 000" in flat  # its envelope

    docx = docx_text(plan_file(plan.versions.get(), language="kk", file_format="docx").data)
    tables = [[cell.strip() for row in table for cell in row] for table in docx.tables]
    indicator_table = next(t for t in tables if any("Базалық мән" in cell for cell in t))
    assert any("Ұялы байланысы бар адамдар" in cell for cell in indicator_table)
    assert any("0 (2017) → 1 213" in cell.replace("\u00a0", " ") for cell in indicator_table)
    budget_table = next(t for t in tables if "Дереккөз" in t)
    assert "1 500 000" in " ".join(budget_table).replace("\u00a0", " ")
    paragraphs = [text.replace("\u00a0", " ") for _style, text in docx.paragraphs]
    assert any("Ұялы байланыс желісін қосу" in p and "барлығы 1 500 000" in p for p in paragraphs)
    headings = [text for style, text in docx.paragraphs if style.startswith("Heading")]
    assert "1. Паспорт" in headings and "5. Қажетті ресурстар" in headings

    report = start_report(plan, "2018", by=world["editor"])
    value = report.values.get()
    save_report(report, by=world["editor"], actuals={value.indicator_id: ActualEntry(560)})
    submit_report(report, by=world["editor"])
    publish_report(report, by=world["manager"])
    report_docx = docx_text(report_file(report, language="ru", file_format="docx").data)
    assert "Отчёт о мониторинге за 2018" in "\n".join(text for _s, text in report_docx.paragraphs)
    rows = [
        [c.replace("\u00a0", " ") for c in row] for table in report_docx.tables for row in table
    ]
    values_row = next(row for row in rows if "560" in row)
    assert values_row[-2:] == ["46 %", "в графике"], values_row  # % met and the verdict
    assert "1 из 1 показателей в графике" in [text for _s, text in report_docx.paragraphs]
    # Spending by source: the report year's plan beside the whole plan's.
    spending_header = next(row for row in rows if "Израсходовано за период, тенге" in row)
    assert spending_header[1:] == [
        "Запланировано на 2018, тенге",
        "Запланировано на весь план, тенге",
        "Израсходовано за период, тенге",
    ]

    # A later year's report reads its spending against that year's plan (nothing planned
    # for 2019), not against the whole plan's 1,500,000.
    later = report_document(start_report(plan, "2019", by=world["editor"]), language="en")
    (spending,) = [
        block
        for section in later.sections
        for block in section.blocks
        if isinstance(block, Table) and "Planned for 2019, tenge" in block.headers
    ]
    assert [[c.replace("\u00a0", " ") for c in row][1:3] for row in spending.rows] == [
        ["0", "1,500,000"]
    ]
