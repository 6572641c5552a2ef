"""Time to render documents, the way the background job renders them.

1. The profile of an oblast (Karaganda: ten rayons drawn as polygons of 300 points, every
   indicator of a seeded national dataset, see benchmarks/indicators_queries.py) composed
   from the database, then rendered to PDF and to DOCX.
2. A synthetic plan-like document of about 40 A4 pages (chapters of running Kazakh text, a
   40-row activity table and a line chart each): the plans issue sets ≤ 10 s for PDF and
   ≤ 5 s for DOCX.

Prints wall-clock and CPU seconds (the CPU figure is what the render costs on a quiet
machine; the wall clock also counts waiting for a busy one).

    .venv/bin/python benchmarks/documents.py                # --scale 0.1: 30 indicators
    .venv/bin/python benchmarks/documents.py --pages-only   # the synthetic document alone
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGETS = {"pdf": 10.0, "docx": 5.0}  # seconds for a 40-page document
KAZAKH = "ӘҒҚҢӨҰҮҺІ"


def timed(call):
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def polygon(lon: float, lat: float, radius: float, points: int, rng: random.Random) -> dict:
    ring = []
    for i in range(points):
        angle = 2 * math.pi * i / points
        r = radius * (0.7 + 0.3 * rng.random())
        ring.append(
            [round(lon + r * math.cos(angle) * 1.5, 4), round(lat + r * math.sin(angle), 4)]
        )
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def oblast_profile(scale: float, seed: int) -> None:
    from indicators_queries import generate, setup_django

    setup_django(Path(tempfile.mkdtemp(prefix="aimaq-bench-documents-")) / "bench.sqlite3")
    from aimaq.core.documents import page_count, render_docx, render_pdf
    from aimaq.indicators.documents import profile_document
    from aimaq.territories.models import Territory

    started = time.perf_counter()
    sizes = generate(scale, seed)
    print(
        f"dataset: {sizes['indicators']} indicators, {sizes['territories']} territories, "
        f"{sizes['observations']:,} observations ({time.perf_counter() - started:.0f} s)"
    )
    rng = random.Random(seed)
    oblast = Territory.objects.get(kato="350000000")
    for unit in Territory.objects.filter(parent=oblast):
        unit.boundary_web = polygon(unit.centre_lon, unit.centre_lat, 0.6, 300, rng)
        unit.save(update_fields=["boundary_web"])
    for language in ("kk", "ru"):
        document, wall, cpu = timed(
            lambda language=language: profile_document(oblast, language=language)
        )
        print(
            f"profile of an oblast, {language}: composed (queries, maps) {wall:.2f} s, CPU {cpu:.2f} s"
        )
        for name, render in (("PDF", render_pdf), ("DOCX", render_docx)):
            data, wall, cpu = timed(lambda render=render, document=document: render(document))
            print(f"  {name}: {wall:.2f} s, CPU {cpu:.2f} s, {len(data) / 1024:.0f} KiB")
        print(f"  pages: {page_count(document)}")


def synthetic(pages: int) -> None:
    """A plan-like document: chapters of running text, an activity table and a chart."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimaq.settings")
    import django

    django.setup()
    from aimaq.core.charts import Line, line_chart_svg
    from aimaq.core.documents import (
        Document,
        Figure,
        KeyValue,
        Paragraph,
        Section,
        Table,
        page_count,
        render_docx,
        render_pdf,
    )

    rng = random.Random(7)
    words = [
        "аудан", "ауыл", "жоба", "қаржы", "мектеп", "жол", "су", "газ", "тұрғындар", "әкімдік",
        "жоспар", "нәтиже", "көрсеткіш", "бюджет", "құрылыс", "жөндеу", "жұмыс", "денсаулық",
    ]  # fmt: skip

    def sentence() -> str:
        return " ".join(rng.choice(words) for _ in range(12)).capitalize() + "."

    chapters = max(1, round(pages / 4.4))
    sections = []
    for c in range(chapters):
        text = [Paragraph(" ".join(sentence() for _ in range(8))) for _ in range(8)]
        rows = [
            [
                f"{c + 1}.{r + 1}. {sentence()}",
                rng.choice(["Әкімдік", "Білім бөлімі", "ТКШ бөлімі"]),
                f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2027",
                f"{rng.randint(1, 900) * 1000:,}".replace(",", "\u00a0"),
                rng.choice(["ЖБ", "РБ", "ҰҚ"]),
                f"{rng.randint(1, 100)} %",
            ]
            for r in range(40)
        ]
        table = Table(
            ["Іс-шара", "Жауапты", "Мерзімі", "Сомасы, мың ₸", "Көзі", "Нәтиже"],
            rows,
            caption=f"{c + 1}-кесте. Іс-шаралар жоспары {KAZAKH}",
            numeric=frozenset({3, 5}),
            widths=(70, 28, 20, 22, 14, 20),
        )
        lines = [
            Line(f"Көрсеткіш {n}", [(str(2015 + y), rng.uniform(10, 30)) for y in range(12)])
            for n in range(3)
        ]
        chart = Figure(line_chart_svg(lines, title="Үрдіс"), f"{c + 1}-сурет. Үрдіс", 160.0)
        facts = KeyValue([("Қаржы көзі", "Жергілікті бюджет"), ("Мерзімі", "2027")])
        sections.append(Section(f"{c + 1}. Бөлім {KAZAKH}", [facts, *text[:4], table]))
        sections.append(Section("Талдау", [*text[4:], chart], level=2))
    document = Document(title="Аудан жоспары", language="kk", sections=sections, demo=True)
    count = page_count(document)
    print(f"synthetic plan-like document: {count} pages, {chapters} chapters")
    for name, render in (("PDF", render_pdf), ("DOCX", render_docx)):
        data, wall, cpu = timed(lambda render=render: render(document))
        target = TARGETS[name.lower()] * count / 40
        print(
            f"  {name}: {wall:.2f} s, CPU {cpu:.2f} s, {len(data) / 1024:.0f} KiB "
            f"(target for {count} pages: ≤ {target:.1f} s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--pages-only", action="store_true")
    arguments = parser.parse_args()
    if not arguments.pages_only:
        oblast_profile(arguments.scale, arguments.seed)
    synthetic(arguments.pages)


if __name__ == "__main__":
    main()
