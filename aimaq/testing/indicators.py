"""Test data for the evidence base: indicators, dimensions, observations."""

import factory

from aimaq.core.permissions import TerritoryScope
from aimaq.indicators.importing.types import ImportOptions
from aimaq.indicators.models import (
    Aggregation,
    Category,
    Dimension,
    Direction,
    Indicator,
    Observation,
    Periodicity,
    Theme,
)
from aimaq.testing.territories import TerritoryFactory


class IndicatorFactory(factory.django.DjangoModelFactory[Indicator]):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"indicator-{n}")
    name_en = factory.LazyAttribute(lambda o: o.code.replace("_", " ").capitalize())
    name_ru = factory.LazyAttribute(lambda o: f"Показатель {o.code}")
    name_kk = factory.LazyAttribute(lambda o: f"{o.code} көрсеткіші")
    unit_en = "%"
    decimals = 1
    direction = Direction.NEUTRAL
    theme = Theme.SOCIAL
    periodicity = Periodicity.YEAR
    aggregation = Aggregation.SUM


class ObservationFactory(factory.django.DjangoModelFactory[Observation]):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    territory = factory.SubFactory(TerritoryFactory)
    period = "2022"
    value = 1.0


def sex_dimension() -> Dimension:
    sex, _ = Dimension.objects.get_or_create(
        code="sex", defaults={"name_en": "Sex", "name_ru": "Пол", "name_kk": "Жынысы"}
    )
    for code, en, ru, kk in (
        ("female", "Female", "Женщины", "Әйелдер"),
        ("male", "Male", "Мужчины", "Ерлер"),
    ):
        Category.objects.get_or_create(
            dimension=sex, code=code, defaults={"name_en": en, "name_ru": ru, "name_kk": kk}
        )
    return sex


# Import options for tests that are not about scope: everywhere, said explicitly (as the
# command line does); a source without a scope may change nothing.
ANYWHERE = ImportOptions(scope=TerritoryScope.all())
