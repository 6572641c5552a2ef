"""What every page shares: forms drawn by the project's renderer, breadcrumbs, pagination,
the `kato` path converter, one list of languages."""

import re

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from aimaq.accounts.models import Role, RoleGrant, User
from aimaq.core import catalogs, i18n
from aimaq.core.templatetags.site_chrome import language_choices
from aimaq.testing.people import UserFactory, user_with_role


class SampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As written in the registry.")
    note = forms.CharField(label="Note", required=False)


def input_tag(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert found, f"no input named {name}"
    return found.group(0)


def test_a_form_draws_labels_help_and_required_marks():
    html = str(SampleForm())
    assert '<label class="field__label" for="id_name">Name<span class="required-mark"' in html
    assert '<div class="helptext" id="id_name_helptext">As written in the registry.</div>' in html
    name = input_tag(html, "name")
    assert 'aria-describedby="id_name_helptext"' in name and " required" in name
    assert 'for="id_note">Note</label>' in html  # optional: no mark


def test_a_label_starts_with_a_capital_letter_in_every_language():
    class TitleForm(forms.Form):
        name_kk = forms.CharField(label="атауы (қазақша)")
        kind = forms.ChoiceField(label="түрі", choices=[("a", "a")], widget=forms.RadioSelect)

    html = str(TitleForm())
    assert 'for="id_name_kk">Атауы (қазақша)<span' in html
    assert '<legend class="field__label">Түрі<span' in html


def test_errors_are_tied_to_their_input():
    html = str(SampleForm(data={"name": ""}))
    assert '<ul class="errorlist" id="id_name_error">' in html
    name = input_tag(html, "name")
    assert 'aria-describedby="id_name_helptext id_name_error"' in name
    assert 'aria-invalid="true"' in name
    assert html.index('id="id_name_error"') < html.index('name="name"')


def test_map_settings_come_from_the_form_not_hand_written_inputs(client, db):
    from aimaq.testing.indicators import IndicatorFactory
    from aimaq.testing.territories import small_tree

    small_tree()
    indicator = IndicatorFactory()
    html = client.get(reverse("indicators:map", args=[indicator.code])).content.decode()
    start = html.index('<form method="get" class="ind-form"')
    form = html[start : html.index("</form>", start)]
    for name in ("parent", "level", "period", "scheme", "k"):
        assert f'for="map-{name}"' in form, name
    assert re.search(r'<input type="text" name="parent"[^>]*id="map-parent"', form)  # name or code
    assert '<select name="period"' in form


def test_typology_form_draws_the_indicator_choice(client, db):
    from aimaq.testing.indicators import IndicatorFactory
    from aimaq.testing.territories import small_tree

    small_tree()
    chosen, other = IndicatorFactory(), IndicatorFactory()
    url = reverse("indicators:typology", args=["350000000"]) + f"?i={chosen.code}&k=3"
    html = client.get(url).content.decode()
    # The indicator picker: boxes to tick, no Ctrl-click multi-select.
    assert re.search(rf'<input type="checkbox" name="i" value="{chosen.code}" checked>', html)
    assert re.search(rf'<input type="checkbox" name="i" value="{other.code}">', html)
    assert re.search(r'<input[^>]+name="k"[^>]+value="3"', html) or 'value="3"' in html


def test_breadcrumbs_link_the_way_back_and_mark_the_page(client, tree):
    html = client.get(f"/territories/{tree['zharaspai'].kato}/").content.decode()
    trail = html[
        html.index('class="breadcrumbs"') : html.index("</nav>", html.index('class="breadcrumbs"'))
    ]
    assert '<li><a href="/">Home</a></li>' in trail
    assert f'<li><a href="/territories/{tree["nura"].kato}/">Nura</a></li>' in trail
    assert '<li aria-current="page">Zharaspai</li>' in trail


def test_pagination_keeps_the_query_and_says_where_one_is(tree):
    request = RequestFactory().get("/x/", {"q": "Nura", "page": "2"})
    from django.core.paginator import Paginator

    page = Paginator(list(range(120)), 50).get_page(2)
    html = Template("{% load site_chrome %}{% pagination page %}").render(
        Context({"page": page, "request": request})
    )
    assert 'href="?q=Nura&amp;page=1" rel="prev"' in html
    assert 'href="?q=Nura&amp;page=3" rel="next"' in html
    assert "Page 2 of 3" in html


def test_grants_page_pages_with_the_shared_include(client, tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    RoleGrant.objects.bulk_create(
        RoleGrant(user=UserFactory(), role=Role.VIEWER, territory=tree["nura"]) for _ in range(55)
    )
    client.force_login(admin)
    html = client.get(reverse("accounts:grants", args=["350000000"])).content.decode()
    assert '<nav class="pagination"' in html
    assert "Page 1 of 2" in html


@pytest.mark.parametrize("code", ["35000000", "3500000000", "35000000a", "３５００００００"])
def test_an_address_with_anything_but_nine_ascii_digits_matches_no_page(client, db, code):
    assert client.get(f"/territories/{code}/").status_code == 404
    assert client.get(f"/indicators/profile/{code}/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("territories:detail", args=[code])


def test_one_lookup_answers_ceased_units_only_where_history_is_shown(client, tree):
    from datetime import date

    tree["zharaspai"].valid_to = date(2020, 1, 1)
    tree["zharaspai"].save()
    assert client.get(f"/territories/{tree['zharaspai'].kato}/").status_code == 200
    assert client.get(f"/indicators/profile/{tree['zharaspai'].kato}/").status_code == 404


def test_languages_come_from_settings_only():
    codes = tuple(code for code, _name in settings.LANGUAGES)
    assert codes == i18n.CONTENT_LANGUAGES
    assert codes == catalogs.LANGUAGES
    assert set(i18n.FALLBACKS) == set(codes)
    assert [code for code, _name in language_choices()] == list(codes)
    field = User._meta.get_field("preferred_language")
    assert [code for code, _name in field.choices] == list(codes)
    assert i18n.FALLBACKS["en"] == ("en", "ru", "kk")
    assert i18n.FALLBACKS["kk"] == ("kk", "ru", "en")
