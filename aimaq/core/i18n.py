"""Named content in three languages: one field per language, read in the active one."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

CONTENT_LANGUAGES = ("kk", "ru", "en")

# When a name is missing in the reader's language, the next best: Kazakh and Russian readers
# read each other's names before English, an English reader takes Russian before Kazakh
# (Russian spellings are the ones English-language sources transliterate).
FALLBACKS = {"kk": ("kk", "ru", "en"), "ru": ("ru", "kk", "en"), "en": ("en", "ru", "kk")}


def active_language() -> str:
    language = (get_language() or "ru").split("-")[0]
    return language if language in FALLBACKS else "ru"


def localized(obj: object, field: str, language: str | None = None) -> str:
    """`obj.<field>_<lang>` in the given or active language, falling back to the others."""
    for lang in FALLBACKS[language or active_language()]:
        value = getattr(obj, f"{field}_{lang}", "")
        if value:
            return value
    return ""


class NamedModel(models.Model):
    """A model with a name in Kazakh, Russian and English; `name` reads the active one."""

    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")
