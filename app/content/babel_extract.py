"""Babel extractor for the content TOML files: names, descriptions and other
text shown to people become msgids, like the strings in code and templates.
State and territory names are msgids too ("Nuevo México"); a referral's
per-language block (`es = {...}`) is already written in its language and is not, and
neither is a field every such block gives (a name holding "911", instructions holding a
keyword or a phone menu): those are facts per language."""

import tomllib

from app.directory import LANGUAGES, PER_LANGUAGE, Referral

# A referral's translatable fields (laws' names too), and guides' titles.
TRANSLATABLE = (*Referral.TRANSLATABLE, "title")


def _leaves(node: dict, path: str):
    for key, value in node.items():
        here = f"{path}.{key}" if path else key
        if isinstance(value, dict):
            yield from _leaves(value, here)
        elif isinstance(value, str):
            yield here, value


def extract_toml(fileobj, keywords, comment_tags, options):
    data = tomllib.loads(fileobj.read().decode("utf-8"))
    if "questions" in data or "steps" in data:  # flow.toml: every string in it is words
        for path, text in _leaves(data, ""):
            yield 0, "gettext", text, [path]
        return
    for table in data.values():
        for entry in table if isinstance(table, list) else ():
            if not isinstance(entry, dict):
                continue
            key_of = entry.get("id") or entry.get("slug") or entry.get("code")
            # What the entry's language blocks give is written in their language: not a msgid.
            blocks = [b for lang, b in entry.items() if lang in LANGUAGES and isinstance(b, dict)]
            for key in TRANSLATABLE:
                if key in PER_LANGUAGE and blocks and all(b.get(key) for b in blocks):
                    continue
                value = entry.get(key)
                if isinstance(value, str):
                    yield 0, "gettext", value, [f"{key_of}.{key}"]
