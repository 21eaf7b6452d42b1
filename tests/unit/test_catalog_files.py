"""The PO files in this repository: the shipped ones (``site.po`` and ``skeleton.po``, which
seed every new project) hold no obsolete entries, and no catalog files one translation
under two unrelated messages (the German sample once held its EEA paragraph under two
other messages; the shipped catalogs held "Language" as "Gültig", "In effect",
"Gjeldende" and "Gäller" in obsolete entries)."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from notice.project import shipped
from notice.project.shipped import ships_site_words
from notice.text.pofile import read_catalog
from tests.conftest import REPO, Ran, copy_project

LOCALES = REPO / "locales"
SHIPPED = sorted(LOCALES.glob("*/LC_MESSAGES/site.po")) + sorted(
    LOCALES.glob("*/LC_MESSAGES/skeleton.po")
)
ALL = sorted(LOCALES.glob("*/LC_MESSAGES/*.po"))
#: Below this similarity (difflib's ratio) two msgids are different messages, not two
#: wordings of one ("took effect" and "takes effect" may share a translation).
UNRELATED = 0.6
#: The site's short labels may coincide in a language ("Effective", "In effect"); its
#: sentences, and every message of a notice, may not.
SENTENCE_WORDS = 4


def _read(path: Path) -> Catalog:
    return read_catalog(path, path.parent.parent.name)


def _name(path: Path) -> str:
    return str(path.relative_to(REPO))


def test_every_shipped_catalog_is_found() -> None:
    assert len([p for p in SHIPPED if p.name == "site.po"]) >= 40
    assert len([p for p in SHIPPED if p.name == "skeleton.po"]) >= 40


@pytest.mark.parametrize("path", SHIPPED, ids=_name)
def test_a_shipped_catalog_has_no_obsolete_entries(path: Path) -> None:
    """A new project starts from these; an obsolete entry would come back, as it is, the
    day its msgid does, whatever it translated when it went obsolete."""
    assert not _read(path).obsolete
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [n for n, line in enumerate(lines, 1) if line.startswith("#~")] == []


def _shared_translations(catalog: Catalog, site_words: bool) -> list[tuple[str, str, str]]:
    """Translations filed under two unrelated messages: (translation, msgid, msgid)."""
    by_translation: dict[str, list[str]] = defaultdict(list)
    for message in list(catalog) + list(catalog.obsolete.values()):
        if not message.id or not message.string or message.fuzzy:
            continue
        msgid = str(message.id if isinstance(message.id, str) else message.id[0])
        if site_words and len(msgid.split()) < SENTENCE_WORDS:
            continue
        string = message.string
        by_translation[str(string if isinstance(string, str) else string[0])].append(msgid)
    found = []
    for string, msgids in by_translation.items():
        for n, first in enumerate(msgids):
            for second in msgids[n + 1 :]:
                ratio = difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()
                if ratio < UNRELATED:
                    found.append((string, first, second))
    return found


@pytest.mark.parametrize("path", ALL, ids=_name)
def test_no_translation_is_filed_under_two_unrelated_messages(path: Path) -> None:
    site_words = path.name in ("site.po", "skeleton.po")
    assert _shared_translations(_read(path), site_words) == []


def test_the_scan_finds_the_german_samples_old_fault() -> None:
    """The scan above, on the German sample as it was: its EEA paragraph was also filed
    under the note of 2025-09-01 and under the first version's note."""
    eea = "Wir haben einen eigenen Abschnitt über die Übermittlung von Daten."
    catalog = Catalog(locale="de")
    catalog.add("Vi har lagt til et eget avsnitt om overføring av opplysninger.", eea)
    catalog.add("Første versjon av personvernerklæringen, felles for alle sentrene våre.", eea)
    catalog.add("Tre år.", "Drei Jahre.")
    catalog.add("Tre år!", "Drei Jahre.")  # one message in two wordings: not a fault
    assert [found[0] for found in _shared_translations(catalog, site_words=False)] == [eea]


def test_the_checkout_knows_its_locales_ship(tmp_path: Path) -> None:
    assert ships_site_words(LOCALES)
    assert not ships_site_words(tmp_path)


_STALE = '\n#~ msgid "Language"\n#~ msgstr "Gültig"\n'


@pytest.mark.parametrize("ships", [True, False], ids=["shipped", "a project's own"])
def test_update_drops_obsolete_entries_only_from_shipped_site_catalogs(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    notice_here: Callable[..., Ran],
    ships: bool,
) -> None:
    project = copy_project(tmp_path / "project")
    site = project / "locales/de/LC_MESSAGES/site.po"
    site.write_text(site.read_text(encoding="utf-8") + _STALE, encoding="utf-8")
    if ships:
        monkeypatch.setattr(shipped, "theme_locales", lambda: project / "locales")
    privacy = project / "locales/de/LC_MESSAGES/privacy.po"
    kept = _read(privacy).obsolete.keys()
    assert kept, "the sample's German notice has obsolete entries for its older versions"
    ran = notice_here(project, "update")
    assert ran.returncode == 0, ran.stderr
    assert ("Language" in _read(site).obsolete) is not ships
    assert _read(privacy).obsolete.keys() == kept
