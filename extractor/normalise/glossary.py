"""The organisation glossary: entries loaded from TOML and indexed for matching words in executor cells."""

from __future__ import annotations

import string
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import regex as re
from pydantic import ValidationError

from ..errors import ExtractorError
from ..model.normalised import GlossaryEntry

FormKind = Literal["abbreviation", "name", "variant", "separator"]
QualifierKind = Literal["place", "name"]
QUALIFIER_KINDS: tuple[QualifierKind, ...] = ("place", "name")
# The glossary-file field naming what may follow an entry's spelling as part of the same body:
# `place` (`Община Габрово`, `ДСП – Габрово`), `name` (`ОУ „Христо Ботев“`). Read here, not by the model.
QUALIFIED_BY = "qualified_by"

# Latin letters that look like Cyrillic ones, as typed into Cyrillic abbreviations (`CO` for `СО`).
LOOKALIKES = str.maketrans("ABCEHKMOPTXYaceopxy", "АВСЕНКМОРТХУасеорху")
QUOTES = frozenset("„“”\"«»‘’‚'`")
DASHES = frozenset("-‐‑‒–—―−")
# Tokens that never decide a match: quotes, dashes and dots vary freely between spellings.
IGNORED = QUOTES | DASHES | {"."}
TOKEN = r"\w+|[^\w\s]"
# Every token of a text as the repeated capture of one match: one call gives all texts and spans
# (a match object per token, as `finditer` makes, costs more than the rest of tokenizing).
TOKENS = re.compile(rf"(?:\s*({TOKEN}))*\s*")
LATIN = frozenset(string.ascii_letters)
# Abbreviations this short collide with ordinary words (`си`, `со`), so they match only as written.
CASE_SENSITIVE_MAX_LETTERS = 3
# Words and phrases that join organisations in a cell without naming one.
SEPARATOR_PHRASES = (
    "и",
    "както и",
    "в партньорство с",
    "в партньорство със",
    "съвместно с",
    "със съдействието на",
    "с подкрепата на",
    "с безрезервната подкрепа на",
    "партньори",
    "партньор",
    "бенефициент",
    "изпълнител на дейността",
    "изпълнител",
    "към",
    "при",  # `ДПС при РУ – Ловеч`, `ОЗД при ДСП`: two bodies, as with `към`
    "ръководствата на",
    "ръководства на",
    "ръководството на",
)


class GlossaryError(ExtractorError):
    """A glossary file that cannot be used: names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True)
class Tokens:
    """The words and punctuation marks of a text as columns: texts, character spans and matching keys.

    Columns, not an object a token: making an object for each token cost more than the rest of tokenizing."""

    texts: list[str]
    starts: list[int]
    ends: list[int]
    keys: list[str]

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(frozen=True, eq=False)
class Form:
    """One spelling of an entry (or a separator phrase) as the trie stores it; each is one object of its
    glossary, so forms compare and hash by identity (hashing the fields cost more than the lookups it served)."""

    entry_id: str | None
    kind: FormKind
    text: str
    tokens: tuple[str, ...]
    cased: tuple[str, ...]
    case_sensitive: bool


def fix_lookalikes(word: str) -> str:
    """Latin look-alike letters replaced by Cyrillic in a word that is Cyrillic or looks it (`CO` -> `СО`)."""
    if LATIN.isdisjoint(word):
        return word
    fixed = word.translate(LOOKALIKES)
    return fixed if LATIN.isdisjoint(fixed) else word


@lru_cache(maxsize=65536)
def token_key(text: str) -> str:
    """Matching key of a token: dashes unified, look-alikes fixed, case folded."""
    if text in DASHES:
        return "-"
    if text in QUOTES:
        return '"'
    return fix_lookalikes(text).casefold()


def tokenize(text: str) -> Tokens:
    """Words and punctuation marks of a text with their character spans."""
    found = TOKENS.fullmatch(text)
    words = found.captures(1)
    return Tokens(words, found.starts(1), found.ends(1), list(map(token_key, words)))


def matching_keys(text: str) -> tuple[str, ...]:
    """The keys that decide a match: every token but quotes, dashes and dots."""
    return tuple(key for key in tokenize(text).keys if key not in IGNORED)


def cased_words(text: str) -> tuple[str, ...]:
    """The matching tokens with their case kept, look-alikes fixed: for case-sensitive spellings."""
    tokens = tokenize(text)
    return tuple(fix_lookalikes(word) for word, key in zip(tokens.texts, tokens.keys) if key not in IGNORED)


def letter_count(text: str) -> int:
    """Number of letters in a text."""
    return sum(ch.isalpha() for ch in text)


class Glossary:
    """The organisations executor cells refer to, indexed for longest-match lookup and fuzzy search."""

    def __init__(
        self,
        entries: Mapping[str, GlossaryEntry],
        origin: str = "glossary",
        qualified_by: Mapping[str, Iterable[QualifierKind]] | None = None,
    ) -> None:
        self.entries: dict[str, GlossaryEntry] = dict(entries)
        self.origin = origin
        self.qualified_by: dict[str, frozenset[QualifierKind]] = {
            entry_id: frozenset(kinds) for entry_id, kinds in (qualified_by or {}).items() if kinds
        }
        self._check_parents()
        self.forms = tuple(self._entry_forms()) + tuple(_separator_forms())
        self.trie = _build_trie(self.forms, origin)
        self.max_form_tokens = max(len(f.tokens) for f in self.forms)
        # Keys that begin some spelling: such a word starts another body, never a place or a name.
        self.first_keys = frozenset(f.tokens[0] for f in self.forms)
        self.fuzzy_choices = [f for f in self.forms if f.kind in ("name", "variant") and len(f.tokens) >= 2]
        self.fuzzy_keys = [" ".join(f.tokens) for f in self.fuzzy_choices]
        self.suggestion_choices = [f for f in self.forms if f.entry_id is not None]
        self.suggestion_keys = [" ".join(f.tokens) for f in self.suggestion_choices]

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def __getitem__(self, entry_id: str) -> GlossaryEntry:
        return self.entries[entry_id]

    def ancestors(self, entry_id: str) -> list[str]:
        """Ids of the entry's parent, grandparent and so on."""
        chain: list[str] = []
        parent = self.entries[entry_id].parent
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self.entries[parent].parent
        return chain

    def _check_parents(self) -> None:
        for entry in self.entries.values():
            if entry.parent is not None and entry.parent not in self.entries:
                raise GlossaryError(self.origin, f"entry {entry.id!r} names unknown parent {entry.parent!r}")

    def _entry_forms(self) -> Iterable[Form]:
        for entry in self.entries.values():
            for abbreviation in entry.abbreviations:
                short = letter_count(abbreviation) <= CASE_SENSITIVE_MAX_LETTERS
                yield _form(entry.id, "abbreviation", abbreviation, case_sensitive=short)
            yield _form(entry.id, "name", entry.name)
            for variant in entry.variants:
                yield _form(entry.id, "variant", variant)


def _form(entry_id: str | None, kind: FormKind, text: str, case_sensitive: bool = False) -> Form:
    return Form(entry_id, kind, text, matching_keys(text), cased_words(text), case_sensitive)


def _separator_forms() -> Iterable[Form]:
    return (_form(None, "separator", phrase) for phrase in SEPARATOR_PHRASES)


def _build_trie(forms: Iterable[Form], origin: str) -> dict:
    """Nested dicts keyed by token key; the key None holds the forms ending at that node."""
    root: dict = {}
    for form in forms:
        if not form.tokens:
            raise GlossaryError(origin, f"entry {form.entry_id!r} has an empty spelling {form.text!r}")
        node = root
        for key in form.tokens:
            node = node.setdefault(key, {})
        ending = node.setdefault(None, [])
        clash = [f for f in ending if f.entry_id != form.entry_id and f.case_sensitive == form.case_sensitive]
        if clash:
            raise GlossaryError(
                origin, f"spelling {form.text!r} of {form.entry_id!r} is also a spelling of {clash[0].entry_id!r}"
            )
        ending.append(form)
    return root


def parse_entries(data: Mapping[str, object], origin: str) -> dict[str, dict]:
    """Raw entry tables of a parsed glossary file, keyed by id, with the id filled in."""
    tables: dict[str, dict] = {}
    for entry_id, table in data.items():
        if not isinstance(table, dict):
            raise GlossaryError(origin, f"{entry_id!r} is not a table of fields")
        tables[entry_id] = {**table, "id": entry_id}
    return tables


def read_glossary_file(path: Path) -> dict[str, dict]:
    """Entry tables of a user glossary file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GlossaryError(path, f"cannot read: {error.strerror or error}") from error
    except tomllib.TOMLDecodeError as error:
        raise GlossaryError(path, f"not valid TOML: {error}") from error
    return parse_entries(data, str(path))


def qualifier_kinds(tables: Mapping[str, dict], origin: str) -> dict[str, tuple[QualifierKind, ...]]:
    """The `qualified_by` field of each raw table that has one, checked against the known kinds."""
    found: dict[str, tuple[QualifierKind, ...]] = {}
    for entry_id, table in tables.items():
        kinds = table.get(QUALIFIED_BY)
        if kinds is None:
            continue
        if not isinstance(kinds, list) or any(kind not in QUALIFIER_KINDS for kind in kinds):
            raise GlossaryError(
                origin, f"entry {entry_id!r}: {QUALIFIED_BY} must be a list of {', '.join(QUALIFIER_KINDS)}"
            )
        found[entry_id] = tuple(kinds)
    return found


def build_entries(tables: Mapping[str, dict], origin: str) -> dict[str, GlossaryEntry]:
    """Validated entries from raw tables (the `qualified_by` field is read by `qualifier_kinds`)."""
    entries: dict[str, GlossaryEntry] = {}
    for entry_id, table in tables.items():
        fields = {key: value for key, value in table.items() if key != QUALIFIED_BY}
        try:
            entries[entry_id] = GlossaryEntry.model_validate(fields)
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(part) for part in problem["loc"])
            raise GlossaryError(origin, f"entry {entry_id!r}: {where}: {problem['msg']}") from error
    return entries


@cache
def _builtin_tables() -> dict[str, dict]:
    text = resources.files(__package__).joinpath("glossary.toml").read_text(encoding="utf-8")
    return parse_entries(tomllib.loads(text), "builtin glossary.toml")


@cache
def _builtin_glossary() -> Glossary:
    return _glossary(_builtin_tables(), "builtin glossary.toml")


def _glossary(tables: Mapping[str, dict], origin: str) -> Glossary:
    return Glossary(build_entries(tables, origin), origin, qualifier_kinds(tables, origin))


def load_glossary(extra: Path | None = None) -> Glossary:
    """The built-in glossary, with entries of a user file added or overriding fields by id."""
    if extra is None:
        return _builtin_glossary()
    tables = {entry_id: dict(table) for entry_id, table in _builtin_tables().items()}
    for entry_id, table in read_glossary_file(extra).items():
        tables[entry_id] = {**tables.get(entry_id, {}), **table}
    return _glossary(tables, str(extra))
