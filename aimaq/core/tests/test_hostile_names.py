"""Names holding quotes, markup and formulas stay inert wherever they are shown: pages,
SVG charts and maps, GeoJSON, JSON API answers, CSV and XLSX exports, and the admin. Each
app lists what it shows in its own tests/hostile.py (see hostile.py beside this file)."""

import pytest
from django.test import Client

from aimaq.testing.hostile import all_targets, build_world, problems

# Renders every page, chart, map, export and API answer: escaping does not depend on the
# database, so the PostgreSQL run leaves it out.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_hostile_names_stay_inert_on_every_page_chart_map_export_and_api_answer():
    """Each language shows its own name fields; the admin shows all three at once, so it is
    read in one language only. One world, read in each language."""
    world = build_world()
    found, answers = [], 0
    for language in ["kk", "ru", "en"]:
        targets = [
            target
            for target in all_targets(world)
            if language == "en" or not target.url.startswith("/admin/")
        ]
        anonymous = Client(HTTP_ACCEPT_LANGUAGE=language)
        signed_in = Client(HTTP_ACCEPT_LANGUAGE=language)
        signed_in.force_login(world["admin"])
        for target in targets:
            problems_here = problems(signed_in if target.signed_in else anonymous, target)
            found += [f"[{language}] {problem}" for problem in problems_here]
        answers += len(targets)
    assert not found, f"{len(found)} problems in {answers} answers:\n" + "\n".join(found)
