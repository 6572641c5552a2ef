"""The interface exists in Kazakh, Russian and English: every msgid has its translation."""

import ast
import gettext
import re

import polib
import pytest
from django.utils import translation

from aimaq.core import catalogs, vendor_catalogs

# The catalogs are extracted again with xgettext and read whole: no database involved.
pytestmark = pytest.mark.slow

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


# --- Django's and the installed packages' strings ----------------------------------------


@pytest.fixture(scope="module")
def package_strings():
    """Every msgid of Django and the packages that our pages or the admin may show."""
    return vendor_catalogs.shown_msgids()


@pytest.mark.parametrize("language", vendor_catalogs.TARGETS)
@pytest.mark.parametrize("domain", vendor_catalogs.DOMAINS)
def test_every_package_string_shown_exists_in_the_language(package_strings, language, domain):
    missing = vendor_catalogs.missing(language, domain, package_strings)
    assert not missing, (
        f"{len(missing)} {domain} strings of Django or an installed package lack a {language} "
        f"translation (run python -m aimaq.core.vendor_catalogs, translate "
        f"locale_vendor/{language}/LC_MESSAGES/{domain}.po): {missing[:10]}"
    )


def test_the_packages_covered_include_every_installed_one_with_strings(package_strings):
    installed = {source.package for source in vendor_catalogs.SOURCES}
    assert {"django.contrib.admin", "django.contrib.auth", "simple_history", "axes"} <= installed
    assert {"django_tasks", "django_tasks_db"} <= installed
    assert ("Task", "Ready") in package_strings["django"]  # read from code: no catalog shipped
    assert (None, "access attempt") in package_strings["django"]
    assert (None, "Choose a Date") in package_strings["djangojs"]


@pytest.mark.parametrize("language", vendor_catalogs.TARGETS)
@pytest.mark.parametrize("domain", vendor_catalogs.DOMAINS)
def test_compiled_vendor_catalog_matches_its_source(language, domain):
    po_path = vendor_catalogs.vendor_path(language, domain)
    with open(po_path.with_suffix(".mo"), "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    for entry in polib.pofile(str(po_path)).translated_entries():
        if not entry.msgid_plural:
            msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            assert compiled._catalog.get(msgid) == entry.msgstr, f"stale .mo: {msgid}"


PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}|<[^>]+>")


def test_vendor_kazakh_is_kazakh_not_russian():
    russian = {}
    for domain in vendor_catalogs.DOMAINS:
        for entry in polib.pofile(str(vendor_catalogs.vendor_path("ru", domain))):
            russian[(entry.msgctxt, entry.msgid)] = entry.msgstr
    wrong = []
    for domain in vendor_catalogs.DOMAINS:
        for entry in polib.pofile(str(vendor_catalogs.vendor_path("kk", domain))):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                words = re.findall(r"[^\W\d_]+", PLACEHOLDER.sub(" ", text))
                if text and text == russian.get((entry.msgctxt, entry.msgid)) and len(words) > 1:
                    wrong.append(entry.msgid)
                elif len(words) >= 4 and not set(text) & set("әғқңөұүһіӘҒҚҢӨҰҮҺІ"):
                    wrong.append(entry.msgid)  # a sentence without one Kazakh letter
                elif words and not any("\u0400" <= c <= "\u04ff" for c in text) and len(words) >= 3:
                    wrong.append(entry.msgid)  # left in English
    assert not wrong, wrong[:10]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", "пайдаланушы аты мен құпия сөзді дұрыс енгізіңіз"),
        ("ru", "Пожалуйста, введите правильные имя пользователя и пароль"),
    ],
)
def test_a_wrong_password_is_explained_in_the_readers_language(settings, language, expected):
    from django.contrib.auth.forms import AuthenticationForm

    settings.LANGUAGE_CODE = "ru"  # the demo's default: a missing Kazakh string fell back to it
    with translation.override(language):
        form = AuthenticationForm()
        username = str(form.fields["username"].label or "")
        message = str(AuthenticationForm.error_messages["invalid_login"]) % {
            "username": username.lower()
        }
    assert expected in message


def test_words_marked_inside_f_strings_are_in_the_catalogs():
    """xgettext does not look inside f-strings: a word marked there (`f"{_('max')} 10"`) is
    only translated if it is also marked where xgettext sees it."""
    marked = {}
    for path in (catalogs.REPO / "aimaq").rglob("*.py"):
        if {"tests", "testing", "migrations"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id in {"_", "gettext", "gettext_lazy"}
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    marked[call.args[0].value] = f"{path.relative_to(catalogs.REPO)}:{call.lineno}"
    assert marked, "the scan finds the f-strings"
    for language in ("kk", "ru"):
        catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        translated = {e.msgid for e in catalog if e.translated() and not e.msgctxt}
        missing = {word: where for word, where in marked.items() if word not in translated}
        assert not missing, (language, missing)
