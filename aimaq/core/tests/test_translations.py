"""The interface exists in Kazakh, Russian and English: every msgid has its translation."""

import gettext

import polib
import pytest

from aimaq.core import catalogs

LOCALE = catalogs.REPO / "locale"


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory):
    """Catalogs re-extracted from today's sources, merged with the committed translations."""
    work = tmp_path_factory.mktemp("i18n")
    catalogs.copy_sources(work)
    locale = work / "locale"
    for language in catalogs.LANGUAGES:
        target = catalogs.catalog_path(locale, language)
        target.parent.mkdir(parents=True)
        target.write_bytes(catalogs.catalog_path(LOCALE, language).read_bytes())
    catalogs.extract(work, locale)
    return locale


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_every_interface_string_is_translated(fresh_catalogs, language):
    missing = catalogs.missing_translations(fresh_catalogs, language)
    assert not missing, (
        f"{len(missing)} strings lack a {language} translation (run bin/i18n, translate "
        f"locale/{language}/LC_MESSAGES/django.po): {missing[:10]}"
    )


@pytest.mark.parametrize("language", catalogs.LANGUAGES)
def test_compiled_catalog_matches_its_source(language):
    po_path = catalogs.catalog_path(LOCALE, language)
    with open(po_path.with_suffix(".mo"), "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    for entry in polib.pofile(str(po_path)).translated_entries():
        if not entry.msgid_plural:
            msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            assert compiled._catalog.get(msgid) == entry.msgstr, (
                f"stale .mo: run bin/i18n ({msgid})"
            )


def test_kazakh_is_written_in_cyrillic():
    latin_only = [
        entry.msgid
        for entry in polib.pofile(str(catalogs.catalog_path(LOCALE, "kk"))).translated_entries()
        if entry.msgstr
        and any(c.isalpha() for c in entry.msgstr)
        and not any("\u0400" <= c <= "\u04ff" for c in entry.msgstr)
        and entry.msgstr != entry.msgid
    ]
    assert not latin_only, f"Kazakh translations without Cyrillic letters: {latin_only[:10]}"
