"""The funding sources of local development in Kazakhstan, as a national list."""

from __future__ import annotations

from .models import BudgetLevel, FundingSource, SourceKind

# code, kind, level, Kazakh, Russian, English
STANDARD_SOURCES = (
    (
        "oblast-budget",
        SourceKind.LOCAL_BUDGET,
        BudgetLevel.OBLAST,
        "Облыстық бюджет",
        "Областной бюджет",
        "Oblast budget",
    ),
    (
        "rayon-budget",
        SourceKind.LOCAL_BUDGET,
        BudgetLevel.RAYON,
        "Аудандық бюджет",
        "Районный бюджет",
        "Rayon budget",
    ),
    (
        "okrug-budget",
        SourceKind.LOCAL_BUDGET,
        BudgetLevel.OKRUG,
        "Ауылдық округ бюджеті",
        "Бюджет сельского округа",
        "Rural okrug budget",
    ),
    (
        "republican-transfers",
        SourceKind.TARGETED_TRANSFERS,
        BudgetLevel.NONE,
        "Республикалық бюджеттен нысаналы трансферттер",
        "Целевые трансферты из республиканского бюджета",
        "Targeted transfers from the republican budget",
    ),
    (
        "national-fund",
        SourceKind.NATIONAL_FUND,
        BudgetLevel.NONE,
        "Ұлттық қор",
        "Национальный фонд",
        "National Fund",
    ),
    (
        "auyl-el-besigi",
        SourceKind.STATE_PROGRAMME,
        BudgetLevel.NONE,
        "«Ауыл – Ел бесігі» жобасы",
        "Проект «Ауыл – Ел бесігі»",
        "“Auyl – El Besigi” project",
    ),
    (
        "donor-grant",
        SourceKind.DONOR_GRANT,
        BudgetLevel.NONE,
        "Донорлық грант",
        "Донорский грант",
        "Donor grant",
    ),
    (
        "private",
        SourceKind.PRIVATE,
        BudgetLevel.NONE,
        "Жеке қаражат",
        "Частные средства",
        "Private funds",
    ),
    ("loan", SourceKind.LOAN, BudgetLevel.NONE, "Қарыз", "Заём", "Loan"),
)


def ensure_funding_sources() -> dict[str, FundingSource]:
    """The standard sources, created where missing (names already stored are kept)."""
    found = {}
    for order, (code, kind, level, kk, ru, en) in enumerate(STANDARD_SOURCES, start=1):
        found[code], _created = FundingSource.objects.get_or_create(
            code=code,
            defaults={
                "kind": kind,
                "budget_level": level,
                "name_kk": kk,
                "name_ru": ru,
                "name_en": en,
                "order": order * 10,
            },
        )
    return found
