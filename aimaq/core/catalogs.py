"""Extraction and compilation of the gettext catalogs (bin/i18n, and the completeness test)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimaq.settings")
from django.conf import settings  # noqa: E402  (configured just above when run as a script)

REPO = Path(__file__).resolve().parents[2]
# The one list of languages: settings.LANGUAGES.
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
SOURCE_LANGUAGE = "en"
IGNORED = [
    "*/tests/*",
    "aimaq/testing/*",
    "benchmarks/*",
    ".venv/*",
    "var/*",
    "test-artifacts/*",
    "node_modules/*",
]


def extract(source_root: Path, locale_dir: Path) -> None:
    """Run Django's makemessages over `source_root`, writing catalogs under `locale_dir`."""
    locale_dir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(REPO / "manage.py"), "makemessages", "--no-obsolete"]
    command += [f"--locale={language}" for language in LANGUAGES]
    command += [f"--ignore={pattern}" for pattern in IGNORED]
    env = {**os.environ, "AIMAQ_LOCALE_PATH": str(locale_dir), "PYTHONPATH": str(REPO)}
    subprocess.run(command, cwd=source_root, env=env, check=True, capture_output=True)


def catalog_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n != 1);",
    "ru": (
        "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
        "(n%100>=11 && n%100<=14)? 2 : 3);"
    ),
    "en": "nplurals=2; plural=(n != 1);",
}
LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}


def set_headers(locale_dir: Path) -> None:
    """makemessages leaves placeholders in a new catalog's header; fill them in."""
    for language in LANGUAGES:
        catalog = polib.pofile(str(catalog_path(locale_dir, language)))
        catalog.metadata.update(
            {
                "Project-Id-Version": "Aimaq",
                "Language": language,
                "Language-Team": LANGUAGE_NAMES[language],
                "Plural-Forms": PLURAL_FORMS[language],
                "Content-Type": "text/plain; charset=UTF-8",
            }
        )
        catalog.header = "Aimaq interface strings."
        catalog.metadata_is_fuzzy = False
        catalog.save()


def fill_source_language(locale_dir: Path) -> None:
    """The msgids are English: the English catalog translates each to itself."""
    catalog = polib.pofile(str(catalog_path(locale_dir, SOURCE_LANGUAGE)))
    for entry in catalog:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.save()


def compile_catalogs(locale_dir: Path) -> None:
    for language in LANGUAGES:
        po_path = catalog_path(locale_dir, language)
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def missing_translations(locale_dir: Path, language: str) -> list[str]:
    catalog = polib.pofile(str(catalog_path(locale_dir, language)))
    return [entry.msgid for entry in catalog.untranslated_entries() + catalog.fuzzy_entries()]


def copy_sources(destination: Path) -> None:
    """A copy of the translatable sources, so extraction never touches the work tree."""
    shutil.copytree(
        REPO / "aimaq",
        destination / "aimaq",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "tests", "migrations"),
    )


def main() -> None:
    locale_dir = REPO / "locale"
    extract(REPO, locale_dir)
    set_headers(locale_dir)
    fill_source_language(locale_dir)
    compile_catalogs(locale_dir)
    for language in LANGUAGES:
        missing = missing_translations(locale_dir, language)
        print(f"{language}: {len(missing)} entries to translate")


if __name__ == "__main__":
    main()
