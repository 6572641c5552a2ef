import factory

from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.models import Level, Territory


class TerritoryFactory(factory.django.DjangoModelFactory[Territory]):
    class Meta:
        model = Territory

    kato = factory.Sequence(lambda n: f"{11 + n % 80:02d}0000000")
    level = Level.OBLAST
    name_ru = factory.Sequence(lambda n: f"Область {n}")
    name_kk = factory.Sequence(lambda n: f"{n} облысы")
    name_en = factory.Sequence(lambda n: f"Oblast {n}")


def country() -> Territory:
    return Territory.objects.get_or_create(
        kato=COUNTRY_CODE,
        valid_to=None,
        defaults={
            "level": Level.COUNTRY,
            "name_kk": "Қазақстан",
            "name_ru": "Казахстан",
            "name_en": "Kazakhstan",
        },
    )[0]


def small_tree() -> dict[str, Territory]:
    """Country › Karaganda oblast › Nura rayon › Zharaspai okrug, and East Kazakhstan ›
    Glubokoe rayon: enough to test scopes in and out of a subtree."""
    kz = country()
    karaganda = TerritoryFactory.create(
        kato="350000000", parent=kz, name_en="Karaganda", name_ru="Карагандинская область"
    )
    nura = TerritoryFactory.create(
        kato="355200000",
        parent=karaganda,
        level=Level.RAYON,
        name_en="Nura",
        name_ru="Нуринский район",
    )
    zharaspai = TerritoryFactory.create(
        kato="355243000",
        parent=nura,
        level=Level.RURAL_OKRUG,
        name_en="Zharaspai",
        name_ru="Жараспайский сельский округ",
    )
    east = TerritoryFactory.create(
        kato="630000000",
        parent=kz,
        name_en="East Kazakhstan",
        name_ru="Восточно-Казахстанская область",
    )
    glubokoe = TerritoryFactory.create(
        kato="634000000",
        parent=east,
        level=Level.RAYON,
        name_en="Glubokoe",
        name_ru="Глубоковский район",
    )
    return {
        "country": kz,
        "karaganda": karaganda,
        "nura": nura,
        "zharaspai": zharaspai,
        "east": east,
        "glubokoe": glubokoe,
    }
