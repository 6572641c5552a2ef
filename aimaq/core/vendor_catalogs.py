"""Kazakh and Russian for the strings of Django and the installed packages that they do not
translate themselves, kept in `locale_vendor/` (the second entry of LOCALE_PATHS, which
`makemessages --no-obsolete` never touches).

Django's own Kazakh catalog is partial (and a missing Kazakh string falls back to the site's
default language, so a Kazakh reader met Russian sentences); simple-history, axes and the
tasks packages ship no Kazakh at all, the tasks packages no catalog of any kind. Run

    .venv/bin/python -m aimaq.core.vendor_catalogs

after upgrading a package: it lists the msgids that still lack kk or ru, adds them to
`locale_vendor/{kk,ru}/LC_MESSAGES/{django,djangojs}.po` (keeping every translation made),
drops those a package now translates itself (except entries whose comment starts with
"override": where a package's own Kazakh reads wrong), and compiles the catalogs. Translate the new
entries and run it again; aimaq/core/tests/test_translations.py fails while one is missing.
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import polib

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimaq.settings")
from django.conf import global_settings  # noqa: E402
from django.utils.translation import to_locale  # noqa: E402

from aimaq.core.catalogs import PLURAL_FORMS, REPO  # noqa: E402

VENDOR_LOCALE = REPO / "locale_vendor"
OUR_LOCALE = REPO / "locale"
# The languages a reader may choose that Django and the packages leave incomplete.
TARGETS = ("kk", "ru")
DOMAINS = ("django", "djangojs")


@dataclass(frozen=True)
class Source:
    """A package whose strings show on our pages or in our admin.

    `package` is its import name, `locale` its locale folder inside it; with `extract`, its
    msgids are read from its source code (the package ships no complete catalog), otherwise
    from its English catalog."""

    package: str
    locale: str = "locale"
    extract: bool = False


SOURCES = (
    # Form and validation messages, dates, file sizes (the language names are never shown).
    Source("django", "conf/locale"),
    Source("django.contrib.admin"),  # the back office, its scripts (djangojs) included
    Source("django.contrib.auth"),  # sign-in, people, groups, password forms
    Source("django.contrib.contenttypes"),
    Source("django.contrib.humanize"),  # numbers on the figures pages
    Source("simple_history", extract=True),  # "History" pages in the admin
    Source("axes", extract=True),  # sign-in lockout records in the admin
    Source("django_tasks", extract=True),  # task states
    Source("django_tasks_db", extract=True),  # task results in the admin
)

LANGUAGE_NAMES = {str(name) for _code, name in global_settings.LANGUAGES}

Key = tuple[str | None, str]  # (msgctxt, msgid)


def package_dir(package: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(f"{package} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt or None, entry.msgid)


def extracted_msgids(sources: tuple[Source, ...], work: Path) -> dict[str, list[polib.POEntry]]:
    """The msgids in the code and templates of the packages, by domain, found the way
    makemessages finds ours (a copy of each package, so nothing is written next to it)."""
    root = work / "packages"
    for source in sources:
        shutil.copytree(
            package_dir(source.package),
            root / source.package.replace(".", "_"),
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "migrations", "locale", "tests"),
        )
    locale = work / "locale"
    locale.mkdir()
    found: dict[str, list[polib.POEntry]] = {}
    for domain in DOMAINS:
        command = [sys.executable, str(REPO / "manage.py"), "makemessages", "--locale=en"]
        command += [f"--domain={domain}", "--no-location", "--no-wrap"]
        env = {**os.environ, "AIMAQ_LOCALE_PATH": str(locale), "PYTHONPATH": str(REPO)}
        subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
        catalog = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
        found[domain] = list(polib.pofile(str(catalog))) if catalog.exists() else []
    return found


def english_msgids(source: Source, domain: str) -> list[polib.POEntry]:
    path = package_dir(source.package) / source.locale / "en" / "LC_MESSAGES" / f"{domain}.po"
    return list(polib.pofile(str(path))) if path.exists() else []


def shown_msgids() -> dict[str, dict[Key, polib.POEntry]]:
    """Every msgid of the sources that a page or the admin may show, by domain."""
    shown: dict[str, dict[Key, polib.POEntry]] = {domain: {} for domain in DOMAINS}
    for source in SOURCES:
        if not source.extract:
            for domain in DOMAINS:
                for entry in english_msgids(source, domain):
                    shown[domain][key(entry)] = entry
    with tempfile.TemporaryDirectory() as work:
        extracted = extracted_msgids(tuple(s for s in SOURCES if s.extract), Path(work))
    for domain, entries in extracted.items():
        for entry in entries:
            shown[domain].setdefault(key(entry), entry)
    for domain in DOMAINS:
        shown[domain] = {
            k: e
            for k, e in shown[domain].items()
            if not e.obsolete and e.msgid and e.msgid not in LANGUAGE_NAMES
        }
    return shown


def installed_locale_dirs() -> list[Path]:
    """The locale folders Django reads for the `django` domain: Django's own, then each
    installed app's."""
    from django.apps import apps

    dirs = [package_dir("django") / "conf" / "locale"]
    dirs += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    return [path for path in dirs if path.is_dir()]


def translated_by_packages(language: str, domain: str) -> set[Key]:
    """What the installed packages translate into `language` themselves, found the way
    Django finds their catalogs (Python's gettext, so "ru" also reads a package's ru_RU)."""
    done: set[Key] = set()
    dirs = installed_locale_dirs()
    if domain == "djangojs":
        dirs = [package_dir("django.contrib.admin") / "locale"]
    for localedir in dirs:
        for mo_path in gettext.find(domain, str(localedir), [to_locale(language)], all=True):
            catalog = polib.mofile(mo_path)
            done |= {key(entry) for entry in catalog if entry.msgstr or entry.msgstr_plural}
    return done


def translated_in(locale_dir: Path, language: str, domain: str) -> set[Key]:
    path = locale_dir / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return set()
    return {key(entry) for entry in polib.pofile(str(path)).translated_entries()}


def missing(language: str, domain: str, shown: dict[str, dict[Key, polib.POEntry]]) -> list[Key]:
    """The msgids shown but translated neither by the packages nor by our two catalogs."""
    done = translated_by_packages(language, domain)
    done |= translated_in(OUR_LOCALE, language, domain)
    done |= translated_in(VENDOR_LOCALE, language, domain)
    return [k for k in shown[domain] if k not in done]


OVERRIDE = "override"


def is_override(entry: polib.POEntry | None) -> bool:
    """An entry that replaces a package's own translation where it reads wrong (its
    translator comment starts with "override"); kept even though the package translates it."""
    return entry is not None and (entry.tcomment or "").startswith(OVERRIDE)


def plural_count(language: str) -> int:
    """How many plural forms the language's catalogs have (`nplurals=N;`)."""
    match = re.search(r"nplurals=(\d+)", PLURAL_FORMS[language])
    if match is None:
        raise ValueError(f"The plural forms of {language!r} do not say nplurals.")
    return int(match.group(1))


def vendor_path(language: str, domain: str) -> Path:
    return VENDOR_LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def refresh(language: str, domain: str, shown: dict[str, dict[Key, polib.POEntry]]) -> int:
    """Bring `locale_vendor/<language>/<domain>.po` up to date; return the entries still to
    translate."""
    path = vendor_path(language, domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog = polib.pofile(str(path)) if path.exists() else polib.POFile(wrapwidth=100)
    catalog.header = (
        "Kazakh and Russian for strings of Django and the installed packages that they do not\n"
        "translate themselves. Built by `python -m aimaq.core.vendor_catalogs`; edit msgstr only."
    )
    catalog.metadata = {
        "Project-Id-Version": "Aimaq (vendor strings)",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[language],
    }
    # What the packages or our own catalog translate needs no entry here.
    elsewhere = translated_by_packages(language, domain)
    elsewhere |= translated_in(OUR_LOCALE, language, domain)
    ours = {key(entry): entry for entry in catalog}
    kept = polib.POFile(wrapwidth=100)
    kept.header, kept.metadata = catalog.header, catalog.metadata
    for k, source in sorted(shown[domain].items(), key=lambda item: (item[0][1], item[0][0] or "")):
        entry = ours.get(k)
        if k in elsewhere and not is_override(entry):
            continue
        if entry is None:
            entry = polib.POEntry(
                msgctxt=source.msgctxt,
                msgid=source.msgid,
                msgid_plural=source.msgid_plural,
                msgstr="",
                msgstr_plural={i: "" for i in range(plural_count(language))}
                if source.msgid_plural
                else {},
                flags=[flag for flag in source.flags if flag.endswith("-format")],
            )
        kept.append(entry)
    kept.save(str(path))
    kept.save_as_mofile(str(path.with_suffix(".mo")))
    return len(kept.untranslated_entries())


def main() -> None:
    import django

    django.setup()
    shown = shown_msgids()
    for language in TARGETS:
        for domain in DOMAINS:
            left = refresh(language, domain, shown)
            print(
                f"{language} {domain}: {left} entries to translate in {vendor_path(language, domain)}"
            )


if __name__ == "__main__":
    main()
