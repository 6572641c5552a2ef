import pytest
from hypothesis import given
from hypothesis import strategies as st

from aimaq.territories.models import Level, Territory
from aimaq.territories.names import name_key, normalise
from aimaq.territories.search import (
    IndexedTerritory,
    SearchIndex,
    current_index,
    search_territories,
)
from aimaq.testing.territories import TerritoryFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    kz = country()
    karaganda = TerritoryFactory(
        kato="350000000",
        parent=kz,
        name_kk="Қарағанды облысы",
        name_ru="Карагандинская область",
        name_en="Karaganda Region",
    )
    TerritoryFactory(
        kato="352400000",
        parent=karaganda,
        level=Level.CITY_OBLAST,
        name_kk="Қаражал қ.ә.",
        name_ru="Каражал Г.А.",
        name_en="Karazhal",
    )
    TerritoryFactory(
        kato="355200000",
        parent=karaganda,
        level=Level.RAYON,
        name_kk="Нұра ауданы",
        name_ru="Нуринский район",
        name_en="Nura District",
    )
    east = TerritoryFactory(
        kato="630000000",
        parent=kz,
        name_kk="Шығыс Қазақстан облысы",
        name_ru="Восточно-Казахстанская область",
        name_en="East Kazakhstan Region",
    )
    TerritoryFactory(
        kato="636800000",
        parent=east,
        level=Level.RAYON,
        name_kk="Шемонаиха ауданы",
        name_ru="Шемонаихинский район",
        name_en="Shemonaikha District",
    )
    TerritoryFactory(
        kato="100000000",
        parent=kz,
        name_kk="Абай облысы",
        name_ru="Абайская область",
        name_en="Abai Region",
    )
    TerritoryFactory(
        kato="110000000",
        parent=kz,
        name_kk="Ақмола облысы",
        name_ru="Акмолинская область",
        name_en="Akmola Region",
    )
    TerritoryFactory(
        kato="710000000",
        parent=kz,
        level=Level.CITY_REPUBLICAN,
        name_kk="Астана қаласы",
        name_ru="город Астана",
        name_en="Astana",
    )
    return {t.kato: t for t in Territory.objects.all()}


def first(query: str) -> str:
    hits = search_territories(query)
    assert hits, f"nothing found for {query!r}"
    return hits[0].kato


@pytest.mark.parametrize(
    "query",
    [
        "Karagandy",
        "Karaganda",
        "Qaraghandy",
        "Караганда",
        "Қарағанды",
        "karaganda oblast",
        "Карагандинская",
    ],
)
def test_every_spelling_of_karaganda_finds_the_oblast_first(regions, query):
    assert first(query) == "350000000"


@pytest.mark.parametrize(
    "query", ["Oskemen", "Ust-Kamenogorsk", "Усть-Каменогорск", "Өскемен", "oskemen"]
)
def test_names_of_the_centre_reach_east_kazakhstan_with_a_hint(regions, query):
    hit = search_territories(query)[0]
    assert hit.kato == "630000000"
    assert hit.hint_kind == "centre" and hit.hint == "Oskemen"


def test_typo_in_a_rayon_name_still_finds_it(regions):
    assert first("Shemonaiha") == "636800000"
    assert first("Шемонаиха") == "636800000"


def test_former_city_names_find_the_current_city(regions):
    assert first("Nur-Sultan") == "710000000"
    assert first("Tselinograd") == "710000000"
    assert first("Semipalatinsk") == "100000000"  # the centre of Abai oblast


def test_oblast_named_like_an_old_city_name_is_not_the_city(regions):
    hits = search_territories("Akmola")
    assert hits[0].kato == "110000000" and hits[0].hint_kind == ""


def test_kato_code_and_prefix(regions):
    assert first("355200000") == "355200000"
    assert [hit.kato for hit in search_territories("35")][:3] == [
        "350000000",
        "352400000",
        "355200000",
    ]
    assert first("63 68") == "636800000"


def test_kazakh_latin_i_is_read_as_kazakh_letter():
    assert normalise("Солтүстiк") == normalise("Солтүстік")


def test_level_words_do_not_count():
    assert name_key("Карагандинская область") == name_key("Карагандинский район")
    assert name_key("г. Астана") == name_key("Astana city")
    assert name_key("Жараспайский с.о.") == name_key("Жараспайский сельский округ")


def test_historical_units_are_not_found(regions):
    from datetime import date

    TerritoryFactory(
        kato="620000000",
        name_en="Zhezkazgan Region",
        valid_to=date(1997, 5, 3),
        valid_from=date(1973, 1, 1),
    )
    assert all(hit.kato != "620000000" for hit in search_territories("Zhezkazgan"))


def test_index_is_rebuilt_when_territories_change(regions):
    before = current_index()
    assert current_index() is before
    TerritoryFactory(
        kato="790000000",
        name_en="Shymkent",
        level=Level.CITY_REPUBLICAN,
        parent=regions["000000000"],
    )
    assert current_index() is not before
    assert first("Chimkent") == "790000000"


@given(st.text(max_size=40))
def test_any_text_is_a_valid_query(text):
    index = SearchIndex(
        [IndexedTerritory(1, "350000000", "oblast", "Қарағанды", "Караганда", "Karaganda", 1)]
    )
    index.search(text)
