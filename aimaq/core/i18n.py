"""Named content in three languages: one field per language, read in the active one."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The one list of languages is settings.LANGUAGES (the interface and the content alike).
CONTENT_LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
# Each language named in itself (Қазақша, Русский, English).
LANGUAGE_NAMES: dict[str, str] = {code: str(name) for code, name in settings.LANGUAGES}


def _fallbacks(language: str) -> tuple[str, ...]:
    """When a name is missing in the reader's language, the next best: the other languages
    in settings order (Kazakh and Russian readers read each other's names before English),
    except that an English reader takes Russian first (Russian spellings are the ones
    English-language sources transliterate)."""
    others = [code for code in CONTENT_LANGUAGES if code != language]
    if language == "en" and "ru" in others:
        others.remove("ru")
        others.insert(0, "ru")
    return (language, *others)


FALLBACKS: dict[str, tuple[str, ...]] = {code: _fallbacks(code) for code in CONTENT_LANGUAGES}


def active_language() -> str:
    """The active interface language, or the site's default when it is none of ours."""
    default = settings.LANGUAGE_CODE.split("-")[0]
    language = (get_language() or default).split("-")[0]
    return language if language in FALLBACKS else default


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
