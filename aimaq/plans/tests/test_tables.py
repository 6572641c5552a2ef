"""The action plan and indicator tables, built in Python for speed, show what the filters
show and escape what people typed."""

from decimal import Decimal

import pytest
from django.utils import translation

from aimaq.plans.selectors import plan_contents
from aimaq.plans.tables import action_rows, indicator_rows, number_formats
from aimaq.plans.templatetags.plans_tags import figure, tenge
from aimaq.plans.tests.world import good_plan, plan_world


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_fast_number_formats_match_the_filters(language):
    with translation.override(language):
        money, number = number_formats()
        for amount in (None, 0, 7, 1_500_000, -1_234_567):
            assert money(amount) == tenge(amount)
        for value, places in [
            (None, 1),
            (Decimal("1213"), 0),
            (Decimal("1234.5678"), 2),
            (Decimal("-98765.45"), 1),
            (Decimal("0.125"), 2),
        ]:
            assert number(value, places) == figure(value, places)


@pytest.mark.django_db
def test_the_rows_escape_names_and_link_to_the_edit_pages():
    world = plan_world()
    plan = good_plan(world)
    version = plan.versions.get()
    action = version.actions.get()
    action.name_kk = '<script>alert("x")</script> & Co'
    action.save()
    contents = plan_contents(version)
    with translation.override("kk"):
        rows = action_rows(contents, editing=True)
        indicators = indicator_rows(contents, editing=False)
    assert "<script>" not in rows
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in rows
    assert f"/plans/{plan.pk}/v1/element/action/{action.uid}/" in rows
    assert "1\xa0500\xa0000" in rows  # the 2018 cost, grouped the Kazakh way
    assert "Ұялы байланысы бар адамдар" in indicators
    assert "/element/indicator/" not in indicators  # no edit links when reading


@pytest.mark.django_db
def test_a_traced_from_link_keeps_only_site_pages_and_web_addresses():
    from aimaq.plans.services import add_swot_item
    from aimaq.plans.services.content import Source

    world = plan_world()
    plan = good_plan(world)
    by = world["editor"]
    kept = add_swot_item(
        plan,
        quadrant="S",
        text="Pastures",
        source=Source("participation.meeting:1", "Meeting of 12 May", "/participation/1/"),
        by=by,
    )
    dropped = add_swot_item(
        plan,
        quadrant="W",
        text="Roads",
        source=Source("participation.meeting:2", "Meeting", "javascript:alert(1)"),
        by=by,
    )
    contents = plan_contents(plan.versions.get())
    assert [link.url for link in contents.traces[kept.uid]] == ["/participation/1/"]
    assert [link.url for link in contents.traces[dropped.uid]] == [""]
