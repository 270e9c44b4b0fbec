"""The translation catalogues: `python -m ashyq.translations update|check`.

`update` collects every interface text of the site — `_("…")` and `N_("…")` in ashyq/ and in
the page templates, `Ashyq.t("…")` in the scripts, the navigation's titles in mkdocs.yml, and
the texts with a count, `ngettext(singular, plural, n)` (scripts: `Ashyq.tn`) —
and brings each catalogue (`ashyq/locale/ru.po`, `en.po`; msgid = the Kazakh text) up to
date: new texts are added untranslated, translated ones are kept, texts no longer used are
dropped. A translator edits the .po files (any gettext editor, or a text editor).

`check` fails (exit 1) on a text the site uses that a catalogue lacks or leaves
untranslated (or fuzzy), on a text with a count missing one of its language's forms
(Plural-Forms: Russian three, English two), on a text used both with and without a count,
and on a translation whose %(name)s placeholders differ from its msgid's; tests/test_i18n.py
runs it.
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

from ashyq.i18n import LANGUAGES, SOURCE, catalogue_path, forms, plural_expression
from ashyq.paths import MKDOCS_YML, PACKAGE, SITE_TEMPLATES

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# (files, Babel's extraction method, the names of the functions that mark a text)
# A text with a count, ngettext/Ashyq.tn: (singular, plural) from a call's first two arguments.
SOURCES: list[tuple[str, str, dict[str, tuple[int, int] | None]]] = [
    ("ashyq/**/*.py", "python", {"_": None, "N_": None, "tr": None, "ngettext": (1, 2)}),
    ("site_templates/pages/*.j2", "jinja2.ext:babel_extract", {"_": None, "gettext": None, "ngettext": (1, 2)}),
    ("site_templates/assets/js/*.js", "javascript", {"t": None, "tn": (1, 2)}),
]
Msgid = str | tuple[str, str]


def iter_messages() -> Iterator[tuple[Msgid, str, int]]:
    """Every interface text: (msgid, file, line), in file order; a text with a count's msgid
    is (singular, plural)."""
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
                    if isinstance(message, tuple) and len(message) == 2 and all(message):
                        yield (str(message[0]), str(message[1])), path.relative_to(base).as_posix(), lineno
                    elif isinstance(message, tuple):
                        if message[0]:
                            yield str(message[0]), path.relative_to(base).as_posix(), lineno
                    elif message:
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


def mixed_uses() -> list[str]:
    """Texts used both with a count (ngettext) and without (`_`): a catalogue holds one entry
    per text, so one of the uses would show the wrong thing."""
    seen: dict[str, set[bool]] = {}
    for message, _path, _line in iter_messages():
        key = message[0] if isinstance(message, tuple) else message
        seen.setdefault(key, set()).add(isinstance(message, tuple))
    return [key for key, kinds in seen.items() if len(kinds) == 2]


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
            string: str | tuple[str, ...]
            if msg.pluralizable:
                # every form of the language (Plural-Forms), kept when the entry had them
                kept = forms(had.string) if had is not None and had.pluralizable and not had.fuzzy else ()
                string = tuple(kept[i] if i < len(kept) else "" for i in range(new.num_plurals))
                added += not all(string)
            else:
                string = str(had.string) if had is not None and not had.fuzzy and not had.pluralizable else ""
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
    problems = [f"{key!r}: used both with a count (ngettext) and without (_)\n"
                "  fix: give every use of it the count" for key in mixed_uses()]
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
            elif msg.pluralizable and (not got.pluralizable or len(forms(got.string)) != cat.num_plurals
                                       or not all(forms(got.string))):
                problems.append(f"{path}: missing a form: {msg.id[0]!r} (used in {where}) needs "
                                f"{cat.num_plurals} forms ({cat.plural_forms})\n"
                                "  fix: run python -m ashyq.translations update, then write every msgstr[i]")
            elif not got.string or got.fuzzy:
                problems.append(f"{path}: untranslated: {msg.id!r} (used in {where})\n"
                                "  fix: write its translation as msgstr (and remove the fuzzy mark)")
            elif any(sorted(PLACEHOLDER.findall(str(msg.id[0] if msg.pluralizable else msg.id)))
                     != sorted(PLACEHOLDER.findall(form)) for form in forms(got.string)):
                problems.append(f"{path}: placeholders differ: {msg.id!r} → {got.string!r}\n"
                                "  fix: keep every %(name)s of the Kazakh text in the translation")
    return problems


def script_messages(lang: str) -> dict[str, str | list[str]]:
    """The translations of the scripts' texts (`Ashyq.t("…")`; `Ashyq.tn`'s, keyed by the
    singular, as a list of the language's forms), for assets/js/messages-<lang>.js."""
    out: dict[str, str | list[str]] = {}
    for m in read(lang):
        if not m.id or m.fuzzy or not m.string or not any(p.endswith(".js") for p, _ in m.locations):
            continue
        if m.pluralizable:
            out[str(m.id[0])] = list(forms(m.string))
        else:
            out[str(m.id)] = str(m.string)
    return out


def messages_script(lang: str) -> str:
    """assets/js/messages-<lang>.js: the scripts' texts in `lang`, which Ashyq.t looks up, and
    the language's rule for the form of a count (its Plural-Forms' expression, which is also
    JavaScript), which Ashyq.tn calls."""
    body = json.dumps(script_messages(lang), ensure_ascii=False, sort_keys=True, indent=0)
    rule = plural_expression(lang)
    if not re.fullmatch(r"[n0-9%=!<>&|?:() ]+", rule):
        raise ValueError(f"{catalogue_path(lang)}: Plural-Forms expression {rule!r} is not plain arithmetic")
    return ("/* The scripts' texts in this language, from ashyq/locale/" + lang + ".po (written by ashyq build). */\n"
            f"window.AshyqMessages = {body};\n"
            f"window.AshyqPlural = function (n) {{ return Number({rule}); }};\n")


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
