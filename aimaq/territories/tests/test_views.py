import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from aimaq.accounts.models import Role
from aimaq.territories.models import Territory, TerritoryGroup
from aimaq.testing.people import UserFactory, user_with_role
from aimaq.testing.territories import TerritoryFactory, small_tree

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[72.0, 49.0], [75.0, 49.0], [75.0, 51.0], [72.0, 51.0], [72.0, 49.0]]],
}


@pytest.fixture
def tree():
    units = small_tree()
    karaganda = units["karaganda"]
    karaganda.name_kk = "Қарағанды облысы"
    karaganda.population = 1134000
    karaganda.population_year = 2024
    karaganda.save()
    return units


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_detail_shows_breadcrumbs_names_and_population(client, tree):
    page = english(client).get(reverse("territories:detail", args=["355200000"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="en">' in html
    crumbs = html[
        html.index('aria-label="Breadcrumbs"') : html.index(
            "</nav>", html.index('aria-label="Breadcrumbs"')
        )
    ]
    assert crumbs.index("Kazakhstan") < crumbs.index("Karaganda") < crumbs.index("Nura")
    assert "Нуринский район" in html and "355200000" in html
    assert "Zharaspai" in html  # its child


def test_population_is_formatted_for_the_language(client, tree):
    url = reverse("territories:detail", args=["350000000"])
    assert "1,134,000" in english(client).get(url).content.decode()
    client.cookies["django_language"] = "ru"
    assert "1\xa0134\xa0000" in client.get(url).content.decode()


def test_detail_lists_children_with_population(client, tree):
    tree["zharaspai"].population = 4321
    tree["zharaspai"].save()
    html = english(client).get(reverse("territories:detail", args=["355200000"])).content.decode()
    assert "Zharaspai" in html and "4,321" in html


def test_detail_lists_the_groups_it_belongs_to(client, tree):
    group = TerritoryGroup.objects.create(slug="pilot", name_en="Pilot oblasts")
    group.territories.add(tree["karaganda"])
    html = english(client).get(reverse("territories:detail", args=["350000000"])).content.decode()
    assert "Pilot oblasts" in html


def test_current_unit_wins_a_code_that_an_ended_unit_also_had(client, tree):
    TerritoryFactory.create(
        kato="350000000", parent=tree["country"], name_en="Old Karaganda", valid_to=date(2022, 6, 8)
    )
    html = english(client).get(reverse("territories:detail", args=["350000000"])).content.decode()
    assert "<h1>Karaganda</h1>" in html and "Old Karaganda" not in html
    assert "This unit ceased" not in html


def test_ended_unit_says_when_it_ceased_and_where_to_look_now(client, tree):
    TerritoryFactory.create(
        kato="620000000",
        parent=tree["karaganda"].parent,
        name_en="Zhezkazgan oblast",
        valid_from=date(1973, 1, 1),
        valid_to=date(1997, 5, 3),
    )
    page = english(client).get(reverse("territories:detail", args=["620000000"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "This unit ceased on 3 May 1997" in html
    note = html[html.index("historical-note") : html.index("</div>", html.index("historical-note"))]
    assert reverse("territories:detail", args=["000000000"]) in note
    assert "Edit" not in note


def test_unknown_code_is_404(client, tree):
    assert client.get(reverse("territories:detail", args=["999999999"])).status_code == 404
    assert client.get("/territories/not-a-code/").status_code == 404
    assert client.get(reverse("territories:map_data", args=["999999999"])).status_code == 404


def test_editor_in_scope_sees_edit_button_and_saves(client, tree):
    editor = user_with_role(Role.EDITOR, tree["nura"])
    client.force_login(editor)
    english(client)
    detail = reverse("territories:detail", args=["355243000"])
    edit = reverse("territories:edit", args=["355243000"])
    assert f'href="{edit}"' in client.get(detail).content.decode()
    response = client.post(
        edit,
        {
            "name_kk": "Жараспай ауылдық округі",
            "name_ru": "Жараспайский сельский округ",
            "name_en": "Zharaspay",
            "population": "2500",
            "population_year": "2024",
            "centre_lat": "49.1",
            "centre_lon": "73.2",
        },
    )
    assert response.status_code == 302
    unit = Territory.objects.get(kato="355243000")
    assert unit.name_en == "Zharaspay" and unit.population == 2500
    assert unit.history.latest().history_user == editor


def test_edit_form_explains_bad_coordinates(client, tree):
    client.force_login(user_with_role(Role.EDITOR, tree["nura"]))
    english(client)
    response = client.post(
        reverse("territories:edit", args=["355243000"]),
        {"name_en": "Zharaspai", "centre_lat": "149.1", "centre_lon": "73.2"},
    )
    assert response.status_code == 200
    assert "between 40.0 and 56.0; got 149.1" in response.content.decode()


def test_an_editor_cannot_blank_the_kazakh_and_russian_names(client, tree):
    unit = Territory.objects.get(kato="355243000")
    unit.name_kk, unit.name_ru = "Жараспай ауылдық округі", "Жараспайский сельский округ"
    unit.save()
    client.force_login(user_with_role(Role.EDITOR, tree["nura"]))
    english(client)
    response = client.post(
        reverse("territories:edit", args=["355243000"]),
        {"name_kk": " ", "name_ru": "", "name_en": "Zharaspai"},
    )
    assert response.status_code == 200
    assert response.content.decode().count("cannot be left empty") == 2
    unit.refresh_from_db()
    assert unit.name_kk == "Жараспай ауылдық округі" and unit.name_ru.startswith("Жараспай")


def test_editor_of_other_oblast_cannot_edit(client, tree):
    client.force_login(user_with_role(Role.EDITOR, tree["east"]))
    detail = reverse("territories:detail", args=["355200000"])
    edit = reverse("territories:edit", args=["355200000"])
    assert f'href="{edit}"' not in client.get(detail).content.decode()
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"name_en": "Hacked"}).status_code == 403
    assert Territory.objects.get(kato="355200000").name_en == "Nura"


def test_viewer_and_anonymous_cannot_edit(client, tree):
    edit = reverse("territories:edit", args=["355200000"])
    assert client.get(edit).status_code == 403
    client.force_login(user_with_role(Role.VIEWER, tree["country"]))
    assert client.get(edit).status_code == 403
    client.force_login(UserFactory())
    assert client.get(edit).status_code == 403


def test_index_lists_first_level_units_and_searches(client, tree):
    english(client)
    html = client.get(reverse("territories:index")).content.decode()
    assert "Karaganda" in html and "East Kazakhstan" in html and "Nura" not in html
    html = client.get(reverse("territories:index"), {"q": "Qaraghandy"}).content.decode()
    assert "Karaganda" in html


def test_index_goes_straight_to_a_full_kato_code(client, tree):
    response = client.get(reverse("territories:index"), {"q": "355200000"})
    assert response.status_code == 302
    assert response.url == reverse("territories:detail", args=["355200000"])


def test_suggestions_partial_links_to_matches(client, tree):
    english(client)
    html = client.get(
        reverse("territories:search"), {"q": "nura"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert reverse("territories:detail", args=["355200000"]) in html
    assert "<html" not in html
    html = client.get(reverse("territories:search"), {"q": "zzzzqqq"}).content.decode()
    assert "No territory matches" in html


def test_map_data_has_outline_children_and_centres(client, tree):
    karaganda = tree["karaganda"]
    Territory.objects.filter(pk=karaganda.pk).update(boundary_web=SQUARE, boundary_source="geokz")
    Territory.objects.filter(pk=tree["nura"].pk).update(centre_lat=50.3, centre_lon=73.9)
    english(client)
    data = client.get(reverse("territories:map_data", args=["350000000"])).json()
    assert data["type"] == "FeatureCollection"
    kinds = {
        (f["properties"]["kato"], f["properties"]["role"], f["geometry"]["type"])
        for f in data["features"]
    }
    assert kinds == {("350000000", "self", "Polygon"), ("355200000", "child", "Point")}
    nura = next(f for f in data["features"] if f["properties"]["kato"] == "355200000")
    assert nura["properties"]["name"] == "Nura"
    assert nura["properties"]["url"] == reverse("territories:detail", args=["355200000"])
    assert nura["geometry"]["coordinates"] == [73.9, 50.3]


def test_page_without_coordinates_says_there_is_nothing_to_map(client, tree):
    english(client)
    html = client.get(reverse("territories:detail", args=["355243000"])).content.decode()
    assert "nothing to map yet" in html
    assert "leaflet.js" not in html


def test_page_with_map_loads_leaflet_from_our_static_files_only(client, tree):
    Territory.objects.filter(pk=tree["nura"].pk).update(centre_lat=50.3, centre_lon=73.9)
    html = client.get(reverse("territories:detail", args=["355200000"])).content.decode()
    assert "/static/leaflet/leaflet.js" in html and "/static/core/map.js" in html
    assert "<script>" not in html and " onclick=" not in html
    assert "http://" not in html.split("<footer")[0] and "https://" not in html.split("<footer")[0]


def test_home_lists_regions_and_groups(client, tree):
    group = TerritoryGroup.objects.create(slug="pilot", name_en="Pilot oblasts")
    group.territories.add(tree["karaganda"], tree["east"])
    english(client)
    html = client.get(reverse("portal:home")).content.decode()
    assert "350000000" in html and "630000000" in html
    assert "Pilot oblasts" in html
    assert 'hx-get="/territories/search/"' in html
    assert 'href="/i18n/setlang/?language=kk&amp;next=/"' in html  # a visitor's switcher: links


def test_language_switch_persists_in_the_cookie(client, tree):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/territories/350000000/"})
    assert response.status_code == 302 and response.url == "/territories/350000000/"
    html = client.get("/territories/").content.decode()
    assert '<html lang="en">' in html
    assert 'lang="en" hreflang="en" rel="nofollow" aria-current="true"' in html


def test_a_visitors_language_link_sets_the_cookie_and_goes_back(client, tree):
    response = client.get("/i18n/setlang/?language=kk&next=/territories/350000000/")
    assert response.status_code == 302 and response.url == "/territories/350000000/"
    assert response.cookies["django_language"].value == "kk"
    elsewhere = client.get("/i18n/setlang/?language=ru&next=https://evil.example/")
    assert elsewhere.url == "/"  # never sent off the site


def ceased_rayon_with_okrug(tree) -> tuple[Territory, Territory]:
    """A rayon that ceased on 3 May 1997 with the okrug it had until then."""
    rayon = TerritoryFactory.create(
        kato="355300000",
        parent=tree["karaganda"],
        level="rayon",
        name_en="Old Abai rayon",
        valid_to=date(1997, 5, 3),
    )
    okrug = TerritoryFactory.create(
        kato="355330000",
        parent=rayon,
        level="rural_okrug",
        name_en="Old okrug",
        centre_lat=49.5,
        centre_lon=72.5,
        valid_to=date(1997, 5, 3),
    )
    return rayon, okrug


def test_map_data_of_a_ceased_unit_shows_its_children_on_its_last_day(client, tree):
    ceased_rayon_with_okrug(tree)
    data = client.get(reverse("territories:map_data", args=["355300000"])).json()
    assert [f["properties"]["kato"] for f in data["features"]] == ["355330000"]


def test_editor_cannot_edit_a_ceased_unit(client, tree):
    rayon, _okrug = ceased_rayon_with_okrug(tree)
    client.force_login(user_with_role(Role.EDITOR, tree["karaganda"]))
    edit = reverse("territories:edit", args=["355300000"])
    page = english(client).post(edit, {"name_en": "Revived", "name_ru": "x"})
    assert page.status_code == 403
    assert "ceased on 3 May 1997" in page.content.decode()
    rayon.refresh_from_db()
    assert rayon.name_en == "Old Abai rayon"
    assert english(client).get(edit).status_code == 403


def selected_columns(sql: str) -> str:
    """The column list of a SELECT (and of each sub-select), without the FROM/WHERE parts."""
    return " ".join(re.findall(r"SELECT (.*?) FROM ", sql, flags=re.IGNORECASE | re.DOTALL))


def test_territory_page_search_and_api_lists_never_select_a_boundary(client, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Territory.objects.update(boundary=SQUARE, boundary_web=SQUARE)
    TerritoryFactory.create(
        kato="355243100", parent=tree["zharaspai"], level="settlement", name_en="Zharaspai"
    )
    urls = [
        reverse("territories:detail", args=["355243100"]),
        reverse("territories:detail", args=["355243000"]),
        reverse("territories:search") + "?q=Zhar",
        reverse("territories:index") + "?q=Nura",
        "/api/territories/?q=Zharaspai",
        "/api/territories/?parent=355243000",
        "/api/territories/355243100",
        "/api/territories/355200000/children",
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        selecting = [
            q["sql"] for q in queries if re.search(r'"boundary(_web)?"', selected_columns(q["sql"]))
        ]
        assert not selecting, (url, [s[:300] + " … " + s[-400:] for s in selecting])


@pytest.mark.parametrize(
    "language, column, person_word",
    [("ru", "Название", "Имя"), ("kk", "Атауы", "Аты-жөні")],
)
def test_the_territory_name_column_is_headed_with_the_word_for_a_things_name(
    client, tree, language, column, person_word
):
    client.cookies["django_language"] = language
    for url in ("/", "/territories/350000000/", "/territories/?q=Kar"):
        html = client.get(url).content.decode()
        headers = re.findall(r'<th scope="col">([^<]+)</th>', html)
        assert column in headers, url
        assert person_word not in headers, url
