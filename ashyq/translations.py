"""The translation catalogues: `python -m ashyq.translations update|check`.

`update` collects every interface text of the site — `_("…")` and `N_("…")` in ashyq/ and in
the page templates, `Ashyq.t("…")` in the scripts, the navigation's titles in mkdocs.yml —
and brings each catalogue (`ashyq/locale/ru.po`, `en.po`; msgid = the Kazakh text) up to
date: new texts are added untranslated, translated ones are kept, texts no longer used are
dropped. A translator edits the .po files (any gettext editor, or a text editor).

`check` fails (exit 1) on a text the site uses that a catalogue lacks or leaves
untranslated (or fuzzy), and on a translation whose %(name)s placeholders differ from its
msgid's; tests/test_i18n.py runs it.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

from ashyq.i18n import LANGUAGES, SOURCE, catalogue_path
from ashyq.paths import MKDOCS_YML, PACKAGE, SITE_TEMPLATES

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# (files, Babel's extraction method, the names of the functions that mark a text)
SOURCES: list[tuple[str, str, dict[str, None]]] = [
    ("ashyq/**/*.py", "python", {"_": None, "N_": None, "tr": None}),
    ("site_templates/pages/*.j2", "jinja2.ext:babel_extract", {"_": None, "gettext": None}),
    ("site_templates/assets/js/*.js", "javascript", {"t": None}),
]


def iter_messages() -> Iterator[tuple[str, str, int]]:
    """Every interface text: (msgid, file, line), in file order."""
    bases = {"ashyq": PACKAGE.parent, "site_templates": SITE_TEMPLATES.parent}
    for pattern, method, keywords in SOURCES:
        base = bases[pattern.split("/", 1)[0]]
        for path in sorted(base.glob(pattern)):
            if "bundled" in path.parts or path.name.startswith("test_"):
                continue
            options = {"extensions": "jinja2.ext.i18n", "trimmed": "false"} if "jinja2" in method else {}
            with path.open("rb") as f:
                for lineno, message, _comments, _context in extract(method, f, keywords=keywords,
                                                                     options=options):
                    if isinstance(message, tuple):
                        message = message[0]
                    if message:
                        yield message, path.relative_to(base).as_posix(), lineno
    for title in nav_titles():
        yield title, "mkdocs.yml", 0
    for kazakh in problem_texts():
        yield kazakh, "ashyq/problems.py", 0


def problem_texts() -> dict[str, str]:
    """The Kazakh title and explanation of every quality flag (a warning: what the site shows
    beside a row, model.Flag) → its English from the registry, which en.po takes as it is."""
    from ashyq.problems import CODES

    out = {}
    for code in CODES.values():
        if code.severity == "warning":
            out.update({k: e for k, e in ((code.title_kk, code.title), (code.explain_kk, code.explain)) if k})
    return out


def nav_titles() -> list[str]:
    """mkdocs.yml's texts a reader sees: the navigation's titles, the site's description and
    the light/dark switch's names."""
    config = yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=_Loader)
    out = [config.get("site_name", ""), config.get("site_description", "")]
    out += [next(iter(item)) for item in config.get("nav", []) if isinstance(item, dict)]
    out += [p.get("toggle", {}).get("name", "") for p in config.get("theme", {}).get("palette", [])]
    return [t for t in out if t]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may carry !ENV and python tags; their values are not texts."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def template() -> Catalog:
    cat = Catalog(locale=SOURCE, project="Ashyq Derek", fuzzy=False)
    for message, path, line in iter_messages():
        cat.add(message, locations=[(path, line)])
    return cat


def read(lang: str) -> Catalog:
    path = Path(catalogue_path(lang))
    if not path.is_file():
        return Catalog(locale=lang, project="Ashyq Derek")
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def write(lang: str, cat: Catalog) -> None:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, omit_header=False, sort_output=False, include_previous=False,
             no_location=False)
    Path(catalogue_path(lang)).parent.mkdir(parents=True, exist_ok=True)
    # no creation dates: the file changes only when a text does
    text = re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*"\n', b"", buf.getvalue())
    Path(catalogue_path(lang)).write_bytes(text)


def update() -> list[str]:
    """Bring every catalogue up to date with the texts in use; returns what it did."""
    tpl = template()
    report = []
    for lang in LANGUAGES:
        if lang == SOURCE:
            continue
        old = read(lang)
        new = Catalog(locale=lang, project="Ashyq Derek", fuzzy=False)
        added = 0
        english = problem_texts() if lang == "en" else {}
        for msg in tpl:
            if not msg.id:
                continue
            had = old.get(msg.id)
            string = had.string if had is not None and not had.fuzzy else ""
            string = english.get(str(msg.id), string)  # the registry's English is the translation
            added += not string
            new.add(msg.id, string, locations=msg.locations)
        dropped = sum(1 for m in old if m.id and tpl.get(m.id) is None)
        write(lang, new)
        report.append(f"{catalogue_path(lang)}: {len(tpl) - 0} texts, {added} untranslated, {dropped} dropped")
    return report


def check() -> list[str]:
    """What is missing or wrong in the catalogues; [] when they are complete."""
    tpl = template()
    problems = []
    for lang in LANGUAGES:
        if lang == SOURCE:
            continue
        cat = read(lang)
        full = Path(catalogue_path(lang))
        path = full.relative_to(PACKAGE.parent).as_posix() if full.is_relative_to(PACKAGE.parent) else str(full)
        for msg in tpl:
            if not msg.id:
                continue
            where = ", ".join(f"{p}:{n}" for p, n in msg.locations[:2])
            got = cat.get(msg.id)
            if got is None:
                problems.append(f"{path}: missing: {msg.id!r} (used in {where})\n"
                                "  fix: run python -m ashyq.translations update, then translate it")
            elif not got.string or got.fuzzy:
                problems.append(f"{path}: untranslated: {msg.id!r} (used in {where})\n"
                                "  fix: write its translation as msgstr (and remove the fuzzy mark)")
            elif sorted(PLACEHOLDER.findall(str(msg.id))) != sorted(PLACEHOLDER.findall(str(got.string))):
                problems.append(f"{path}: placeholders differ: {msg.id!r} → {got.string!r}\n"
                                "  fix: keep every %(name)s of the Kazakh text in the translation")
    return problems


def script_messages(lang: str) -> dict[str, str]:
    """The translations of the scripts' texts (`Ashyq.t("…")`), for assets/js/messages-<lang>.js."""
    return {str(m.id): str(m.string) for m in read(lang)
            if m.id and m.string and not m.fuzzy and any(p.endswith(".js") for p, _ in m.locations)}


def messages_script(lang: str) -> str:
    """assets/js/messages-<lang>.js: the scripts' texts in `lang`, which Ashyq.t looks up."""
    body = json.dumps(script_messages(lang), ensure_ascii=False, sort_keys=True, indent=0)
    return ("/* The scripts' texts in this language, from ashyq/locale/" + lang + ".po (written by ashyq build). */\n"
            f"window.AshyqMessages = {body};\n")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["update"]:
        print("\n".join(update()))
        return 0
    if args == ["check"]:
        problems = check()
        print("\n".join(problems) if problems else "translations: complete")
        return 1 if problems else 0
    print("usage: python -m ashyq.translations update|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
