"""Executor cells split into organisations and resolved against the glossary.

A cell is read in three passes over its words:
1. qualifiers (`в СО`, `(…)`, `включени в проект „…“`) are set aside to extend the piece before them;
2. known spellings are found by greedy longest match against the glossary, so bodies written side
   by side with only spaces (`МТСП СО НПО`) come apart and compound names (`МКБППМН-СО/райони`,
   `Дирекция „Социални услуги за деца и възрастни“ на Столична община`) stay whole; a body directly
   followed by one of its ancestors (`Дирекция „Здравеопазване“ СО`) is one piece; an entry whose
   glossary table says `qualified_by` also takes the place or proper name written after it
   (`Община Габрово`, `ДСП – Смолян`, `ОУ „Христо Ботев“`), method `+place`/`+name`: a place is
   capitalised words up to one that starts another spelling, less a trailing person's name;
3. the text left between them is split at punctuation and separator words (`и`, `партньори`,
   `в партньорство с`, `Бенефициент`, `към` …) and matched by fuzzy comparison with full names.
Every character of the cleaned cell ends up in a piece or is punctuation or a separator word;
nothing is dropped. A piece that matches nothing is kept as `unknown` with suggestions; unknown
text joined by `и` stays one piece unless a part of it is known (`Министерство на младежта и спорта`).

Separator words are role labels and connectors (`glossary.SEPARATOR_PHRASES`); `партньори` counts
as one even in `… и партньори` (partners not named). Words that stand for a group of bodies are
glossary entries instead, so they are never lost: `Други` (`others`), `и други общини`
(`other-municipalities`), `Междуинституционално партньорство`, `малки населени места`.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter, lt
from typing import Literal, NamedTuple

import regex as re
from rapidfuzz import fuzz, process

from ..model.normalised import ExecutorMatch
from ..places import SMALL_SECOND_WORD_NAME
from .glossary import (
    IGNORED,
    Form,
    Glossary,
    Tokens,
    fix_lookalikes,
    load_glossary,
    matching_keys,
    token_key,
    tokenize,
)

__all__ = [
    "FUZZY_THRESHOLD",
    "ExecutorResolver",
    "Glossary",
    "UnknownPiece",
    "clean_cell",
    "load_glossary",
    "mentions",
    "resolve_executors",
    "split_executors",
    "unknown_pieces",
]

# Minimum rapidfuzz `ratio` (normalised Indel similarity, 0-100) between a piece and a full name or
# variant for a fuzzy match. 90 accepts case endings and a dropped article (`Местната комисия …
# малолетни` for `Местна комисия … малолетните`) and rejects a different ministry or directorate.
FUZZY_THRESHOLD = 90.0
SUGGESTION_COUNT = 3
TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")
HARD_PUNCTUATION = re.compile(r"[,;/|•·\n]")
FREE_DASH = re.compile(r"(?<!\S)[-‐‑‒–—―−](?!\S)")
QUOTE_MARKS = frozenset("\"„“”«»‘’'`")
EDGE_JUNK = " \t.,;:/|•·-‐‑‒–—―−\"„“”«»‘’'`()"
# Inflected abbreviations: `ЦОП-ове`, `ЦОП-овете`, `ПОП-овете`, `РУО-то`.
ABBREVIATION_SUFFIXES = frozenset({"ове", "овете", "ът", "а", "та", "то", "те"})
# What may stand between a body and its ancestor in one name: `… на Столична община`, `…-СО`, `ОЗД при ДСП`.
ANCESTOR_LINK = re.compile(r"(?:\s|[-‐‑‒–—―−]|\bна\b|\bпри\b)*")
# A place or proper-name word: capital then small letters (`Габрово`, `Търново`, `София-град`); never
# an all-capitals abbreviation, which names a body.
PLACE_WORD = r"(?-i:\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?)"
# One to three words of a place: capitalised, or an official name with a small second word (`Долни чифлик`).
PLACE_WORDS = rf"(?:{SMALL_SECOND_WORD_NAME}|{PLACE_WORD})(?:\s+{PLACE_WORD}){{0,2}}"
QUALIFIERS = re.compile(
    rf"""
      \([^()]*\)
    | \bвключен\w*\s+в\s+проект\w*\s*[„“”"«][^„“”"«»]*[“”"»]
    | \bДейност\s+\d+
    | \bслед\s+провеждане\s+на\s+конкурс[^,;/]*
    | \b(?:в|на\s+територията\s+на)\s+(?:гр\.\s*)?(?:София|СО|Столична\s+община)\b
    | \b(?:в|на\s+територията\s+на)\s+(?:(?:гр|с|общ)\.\s*|(?:град|село|община|общината)\s+){PLACE_WORD}
      (?:\s+{PLACE_WORD})?
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Posts held in a body, the words before its name (`Директорите на училищата`, `Инспектор ДПС`, `гл. експерт
# „Образование“ в Община …`).
POST_OF = re.compile(
    r"(?:(?:(?:медицинск|педагогическ|социалн|класн|главн|старш|младш)\w*|гл\.|ст\.)\s*)?(?:заместник-|зам\.\s*-?\s*)?"
    r"(?:директор|инспектор|експерт|специалист|служител|представител|ръководител|председател|началник|съветни[кц]"
    r"|управител|психолог|педагог|секретар|координатор)\w*(?:\s*„[^„“”\"]+[“”\"])?(?:\s+(?:на|от|в|във|към|при))?",
    re.IGNORECASE,
)
# Words (casefolded) one of which every qualifier contains in a cleaned cell (spaces single): the pattern
# is run only on a cell that has one, a few cells in ten.
QUALIFIER_HINTS = ("(", "включен", "дейност", "след", "в ", "територията")
DASH = "-‐‑‒–—―−"
# What joins a head to its place: a dash, spaces, or `при`/`към`/`на` + `Община` (`МКБППМН при Община Габрово`);
# then a settlement mark (`гр.`, `с.`) may stand before the place words.
PLACE_TAIL = re.compile(
    rf"""
    (?: \s*[{DASH}]\s* | \s+(?:при|към|на)\s+(?-i:[Оо]бщина)\s+ | \s+ )
    (?: (?:гр|с|общ)\.\s* | (?:град|село)\s+ )?
    (?P<words>{PLACE_WORDS})
    """,
    re.VERBOSE,
)
# A proper name after a head: `№ 5`, `по туризъм`, then a quoted (`„Христо Ботев“`) or capitalised one.
NAME_TAIL = re.compile(
    rf"""
    \s*(?:[{DASH}]\s*)?
    (?P<number>№\s*\d+\s*)?
    (?P<field>по\s+\p{{Ll}}+(?:\s+(?:и\s+)?(?!и\b)\p{{Ll}}+){{0,3}}\s*)?
    (?: (?P<quoted>[„“”"«][^„“”"«»]{{1,80}}[“”"»]) | (?P<words>{PLACE_WORDS}) )?
    """,
    re.VERBOSE,
)
# Endings of Bulgarian family names (`Петров`, `Колева`, `Стоянски`): two capitalised words ending so
# after a head are a person (`Община Иван Петров`), not a place.
SURNAME_END = re.compile(r"(?:ов|ев|ова|ева|ски|ска|цки|цка)$")


class Span(NamedTuple):
    """A stretch of the cleaned cell: a known spelling, a separator phrase or a qualifier."""

    start: int
    end: int
    role: Literal["organisation", "separator", "qualifier"]
    form: Form | None = None
    method: str = ""


class Piece(NamedTuple):
    """One organisation's stretch of the cell, resolved to a glossary form or still to be matched."""

    start: int
    end: int
    form: Form | None = None
    method: str = ""


def clean_cell(raw: str) -> str:
    """Cell text without markup, entities and repeated whitespace."""
    text = TAG.sub(" ", raw) if "<" in raw else raw
    text = html.unescape(text) if "&" in text else text
    if text.isprintable():  # no whitespace but plain spaces: str.split does the job, ~10x cheaper than the regex
        return " ".join(text.split())
    return SPACES.sub(" ", text).strip()


def _qualifier_spans(text: str) -> list[Span]:
    """Qualifiers of a cleaned cell."""
    folded = text.casefold()
    if not any(hint in folded for hint in QUALIFIER_HINTS):
        return []
    return [Span(m.start(), m.end(), "qualifier") for m in QUALIFIERS.finditer(text)]


def _same_case(form: Form, words: list[str]) -> bool:
    """Whether the words are the form's case-sensitive spelling, look-alike letters fixed (mostly they are as is)."""
    return tuple(words) == form.cased or tuple(map(fix_lookalikes, words)) == form.cased


def _longest_form(tokens: Tokens, start: int, blocked: list[bool], glossary: Glossary) -> tuple[Form, int] | None:
    """The longest glossary spelling starting at token `start`, and the index of its last token."""
    keys, texts = tokens.keys, tokens.texts
    node, words, best = glossary.trie, [], None
    for index in range(start, len(keys)):
        key = keys[index]
        if blocked[index]:
            break
        if key in IGNORED:
            continue
        node = node.get(key)
        if node is None:
            break
        words.append(texts[index])
        for form in node.get(None, ()):
            if not form.case_sensitive or _same_case(form, words):
                best = (form, index)
                break
    return best


def _inflection_end(tokens: Tokens, last: int) -> int:
    """Index of the last token of an inflection such as `-овете` glued to token `last`, else `last`."""
    if last + 2 < len(tokens):
        dash, suffix = last + 1, last + 2
        glued = tokens.starts[dash] == tokens.ends[last] and tokens.starts[suffix] == tokens.ends[dash]
        if glued and tokens.keys[dash] == "-" and tokens.keys[suffix] in ABBREVIATION_SUFFIXES:
            return last + 2
    return last


def _balance_quotes(tokens: Tokens, first: int, last: int) -> tuple[int, int]:
    """Token range widened to the quote that closes (`ЦИКО “София”`) or encloses (`„Сдружение …”`) a match."""
    inside = tokens.keys[first : last + 1].count('"')
    after = last + 1 < len(tokens) and tokens.keys[last + 1] == '"'
    before = first > 0 and tokens.keys[first - 1] == '"'
    if inside % 2 and after:
        return first, last + 1
    if not inside % 2 and before and after:
        return first - 1, last + 1
    return first, last


def _inside_proper_name(tokens: Tokens, index: int, spans: list[Span]) -> bool:
    """Whether token `index` stands inside a quoted name (`„Асоциация Родители“`) that follows a capitalised word no
    spelling took (`Сдружение`, `Фондация`): the name of that body, not a body of its own."""
    keys = tokens.keys
    if '"' not in keys:  # most cells quote nothing
        return False
    quotes = [at for at in range(index) if keys[at] == '"']
    if len(quotes) % 2 == 0 or '"' not in keys[index:]:
        return False
    opening = quotes[-1]
    word = opening - 1
    if word < 0 or not tokens.texts[word][:1].isupper() or not tokens.texts[word].isalpha():
        return False
    return not spans or spans[-1].end <= tokens.starts[word]


def _blocked(tokens: Tokens, qualifiers: list[Span]) -> list[bool]:
    """For each token, whether it starts inside a qualifier (which no spelling may take in)."""
    if not qualifiers:
        return [False] * len(tokens)
    return [any(q.start <= start < q.end for q in qualifiers) for start in tokens.starts]


def _glossary_spans(text: str, qualifiers: list[Span], glossary: Glossary) -> list[Span]:
    tokens = tokenize(text)
    blocked = _blocked(tokens, qualifiers)
    keys, trie = tokens.keys, glossary.trie
    spans, index, count = [], 0, len(keys)
    while index < count:
        # A key no spelling begins with (punctuation included) starts no match: most tokens end here.
        if blocked[index] or keys[index] not in trie:
            index += 1
            continue
        found = _longest_form(tokens, index, blocked, glossary)
        if found is None:
            index += 1
            continue
        form, last = found
        method = "separator" if form.kind == "separator" else form.kind
        if form.kind == "abbreviation":
            inflected = _inflection_end(tokens, last)
            method = "abbreviation-inflected" if inflected != last else method
            last = inflected
        role = "separator" if form.kind == "separator" else "organisation"
        if role == "organisation" and _inside_proper_name(tokens, index, spans):
            index += 1  # `Сдружение „Родители“`: the quoted name of a body the glossary does not know
            continue
        first, last = _balance_quotes(tokens, index, last)
        end = tokens.ends[last]
        kinds = glossary.qualified_by.get(form.entry_id) if form.entry_id else None
        if kinds:
            limit = next((tokens.starts[i] for i in range(last + 1, count) if blocked[i]), len(text))
            end, suffix = _qualifier_tail(text, end, limit, kinds, glossary)
            method += suffix
        spans.append(Span(tokens.starts[first], end, role, form, method))
        index = last + 1
        while index < count and tokens.starts[index] < end:
            index += 1
    return spans


def _place_words(words: str, glossary: Glossary) -> str:
    """The leading words of a candidate place that are one: up to a word starting a glossary spelling,
    without a trailing person's name."""
    kept: list[str] = []
    for word in words.split():
        if token_key(word) in glossary.first_keys or token_key(word.split("-")[0]) in glossary.first_keys:
            break
        kept.append(word)
    if len(kept) >= 2 and SURNAME_END.search(kept[-1]):
        kept = kept[:-2]
    return " ".join(kept)


def _place_end(text: str, start: int, limit: int, glossary: Glossary) -> int | None:
    """End of a place written right after position `start` (`– Габрово`, ` гр. Смолян`), if there is one."""
    found = PLACE_TAIL.match(text, start, limit)
    if found is None:
        return None
    words = _place_words(found["words"], glossary)
    return found.start("words") + len(words) if words else None


def _name_end(text: str, start: int, limit: int, glossary: Glossary, words: bool) -> int | None:
    """End of a proper name written right after position `start` (` „Христо Ботев“`, ` № 5`), if there is one;
    capitalised words without quotes count only if `words`."""
    found = NAME_TAIL.match(text, start, limit)
    if found["quoted"]:
        return found.end("quoted")
    if words and found["words"]:
        kept = itertools.takewhile(lambda w: token_key(w) not in glossary.first_keys, found["words"].split())
        name = " ".join(kept)
        if name:
            return found.start("words") + len(name)
    for group in ("field", "number"):
        if found[group]:
            return found.start(group) + len(found[group].rstrip())
    return None


def _qualifier_tail(
    text: str, end: int, limit: int, kinds: frozenset[str], glossary: Glossary
) -> tuple[int, str]:
    """A body's span end moved past the name and place that follow its spelling, and the method suffix.

    Capitalised words after a body that takes both are its place (`ЦОП Габрово`) unless they are a
    person's name (`ОУ Христо Ботев`), which is then the body's name."""
    suffix = ""
    if "name" in kinds:
        name_end = _name_end(text, end, limit, glossary, words="place" not in kinds)
        if name_end is not None:
            end, suffix = name_end, "+name"
    place_end = _place_end(text, end, limit, glossary) if "place" in kinds or suffix else None
    if place_end is not None:
        return place_end, suffix + "+place"
    if "name" in kinds and "place" in kinds and not suffix:
        name_end = _name_end(text, end, limit, glossary, words=True)
        if name_end is not None:
            place_end = _place_end(text, name_end, limit, glossary)
            return (name_end, "+name") if place_end is None else (place_end, "+name+place")
    return end, suffix


def _absorb_ancestors(text: str, spans: list[Span], glossary: Glossary) -> list[Span]:
    """Spans where a body followed by its own ancestor (`Дирекция „Култура“ на СО`) is one span."""
    merged: list[Span] = []
    for span in spans:
        # past a link word read as a separator (`ОЗД при ДСП`): the link still joins a body to its ancestor
        at = len(merged) - 1
        while (at >= 0 and merged[at].role == "separator"
               and ANCESTOR_LINK.fullmatch(text, merged[at].start, span.start)):
            at -= 1
        previous = merged[at] if at >= 0 else None
        if (
            previous is not None
            and previous.role == span.role == "organisation"
            and ANCESTOR_LINK.fullmatch(text, previous.end, span.start)
            and span.form.entry_id in glossary.ancestors(previous.form.entry_id)
        ):
            del merged[at + 1 :]
            merged[-1] = previous._replace(end=span.end, method=previous.method + "+parent")
            continue
        merged.append(span)
    return merged


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds narrowed past punctuation and spaces, keeping a quote or bracket the piece pairs up."""
    while start < end and text[start] in EDGE_JUNK and not _paired(text[start], text[start + 1 : end]):
        start += 1
    while end > start and text[end - 1] in EDGE_JUNK and not _paired(text[end - 1], text[start : end - 1]):
        end -= 1
    return start, end


def _paired(mark: str, rest: str) -> bool:
    if mark in QUOTE_MARKS:
        return any(ch in QUOTE_MARKS for ch in rest)
    return mark in "()" and any(ch in "()" for ch in rest)


def _hard_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of a gap between hard punctuation marks."""
    regions, begin = [], start
    for mark in HARD_PUNCTUATION.finditer(text, start, end):
        regions.append((begin, mark.start()))
        begin = mark.end()
    regions.append((begin, end))
    return regions


def _soft_parts(text: str, start: int, end: int, separators: list[Span]) -> list[tuple[int, int]]:
    """A region cut at separator phrases and free-standing dashes, edges not yet trimmed, empty parts dropped."""
    cuts = [(s.start, s.end) for s in separators if start <= s.start and s.end <= end]
    cuts += [(m.start(), m.end()) for m in FREE_DASH.finditer(text, start, end)]
    parts, begin = [], start
    for cut_start, cut_end in sorted(cuts):
        parts.append((begin, cut_start))
        begin = max(begin, cut_end)
    parts.append((begin, end))
    return [(a, b) for a, b in parts if lt(*_strip_edges(text, a, b))]


def _fuzzy_form(text: str, glossary: Glossary) -> tuple[Form, float] | None:
    key = " ".join(matching_keys(text))
    if not key:
        return None
    found = process.extractOne(key, glossary.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
    return (glossary.fuzzy_choices[found[2]], found[1]) if found else None


def _gap_pieces(text: str, start: int, end: int, separators: list[Span], glossary: Glossary) -> list[Piece]:
    """Pieces of text no spelling covers; a region stays whole if it is a fuzzy name or no part of it is."""
    pieces: list[Piece] = []
    if not text[start:end].strip(EDGE_JUNK):
        return pieces
    for region_start, region_end in _hard_regions(text, start, end):
        raw_parts = _soft_parts(text, region_start, region_end, separators)
        parts = [_strip_edges(text, a, b) for a, b in raw_parts]
        if len(parts) > 1:
            # trimmed as one stretch, so a quote opened before a dash and closed after it stays (`„Грижа – Сливен“`)
            whole = _strip_edges(text, raw_parts[0][0], raw_parts[-1][1])
            if _fuzzy_form(text[whole[0] : whole[1]], glossary) or not any(
                _fuzzy_form(text[a:b], glossary) for a, b in parts
            ):
                parts = [whole]
        pieces.extend(Piece(a, b) for a, b in parts)
    return pieces


def _merge_fuzzy_neighbours(text: str, items: list[tuple[str, Piece | Span]], glossary: Glossary) -> list:
    """Items with an unmatched and a known piece side by side joined when together they are a fuzzy name."""
    merged: list[tuple[str, Piece | Span]] = []
    for kind, item in items:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and kind == previous[0] == "piece"
            and (previous[1].form is None) != (item.form is None)
            and not text[previous[1].end : item.start].strip()
            and _fuzzy_form(text[previous[1].start : item.end], glossary)
        ):
            merged[-1] = ("piece", Piece(previous[1].start, item.end))
            continue
        merged.append((kind, item))
    return merged


def _pieces(text: str, glossary: Glossary) -> list[Piece]:
    qualifiers = _qualifier_spans(text)
    spans = _absorb_ancestors(text, _glossary_spans(text, qualifiers, glossary), glossary)
    separators = [s for s in spans if s.role == "separator"]
    anchors = sorted([s for s in spans if s.role == "organisation"] + qualifiers, key=attrgetter("start"))
    items: list[tuple[int, str, Piece | Span]] = []
    cursor = 0
    for anchor in anchors:
        items.extend((p.start, "piece", p) for p in _gap_pieces(text, cursor, anchor.start, separators, glossary))
        if anchor.role == "organisation":
            items.append((anchor.start, "piece", Piece(anchor.start, anchor.end, anchor.form, anchor.method)))
        else:
            items.append((anchor.start, "qualifier", anchor))
        cursor = anchor.end
    items.extend((p.start, "piece", p) for p in _gap_pieces(text, cursor, len(text), separators, glossary))
    ordered = [(kind, item) for _, kind, item in sorted(items, key=itemgetter(0))]
    return _attach_posts(text, _attach_qualifiers(_merge_fuzzy_neighbours(text, ordered, glossary)))


def _attach_posts(text: str, pieces: list[Piece]) -> list[Piece]:
    """An unknown piece naming only posts (`Директорите на`, `Инспектор`, `Медицински специалисти в`) right before
    a known body is that body's people: one piece, the body's (`+post`)."""
    attached: list[Piece] = []
    for piece in pieces:
        previous = attached[-1] if attached else None
        if (previous is not None and previous.form is None and piece.form is not None
                and not text[previous.end : piece.start].strip() and POST_OF.fullmatch(text, previous.start, previous.end)):
            attached[-1] = piece._replace(start=previous.start, method=piece.method + "+post")
            continue
        attached.append(piece)
    return attached


def _attach_qualifiers(items: list[tuple[str, Piece | Span]]) -> list[Piece]:
    """Pieces with each qualifier folded into the piece before it (or after it, at the start)."""
    pieces: list[Piece] = []
    pending: list[Span] = []
    for kind, item in items:
        if kind == "qualifier":
            if pieces:
                last = pieces[-1]
                pieces[-1] = last._replace(end=item.end, method=_with_qualifier(last.method))
            else:
                pending.append(item)
            continue
        if pending:
            item = item._replace(start=pending[0].start, method=_with_qualifier(item.method))
            pending = []
        pieces.append(item)
    if pending:
        pieces.append(Piece(pending[0].start, pending[-1].end))
    return pieces


def _with_qualifier(method: str) -> str:
    return method + "+qualifier" if method and not method.endswith("+qualifier") else method


def mentions(text: str, glossary: Glossary) -> list[tuple[int, int, str]]:
    """Glossary entries a text names, as (start, end, id) by greedy longest match, in order."""
    spans = _glossary_spans(text, [], glossary)
    return [(s.start, s.end, s.form.entry_id) for s in spans if s.role == "organisation"]


def split_executors(raw: str, glossary: Glossary | None = None) -> list[str]:
    """The organisations of an executor cell, each as the stretch of cleaned text that names it."""
    text = clean_cell(raw)
    return [text[p.start : p.end] for p in _pieces(text, glossary or load_glossary())]


def _suggestions(key: str, glossary: Glossary) -> tuple[list[str], float]:
    """Ids of the nearest entries to an unmatched piece, and the best similarity."""
    found = process.extract(key, glossary.suggestion_keys, scorer=fuzz.ratio, limit=SUGGESTION_COUNT * 6)
    ids: list[str] = []
    for _, _, index in found:
        entry_id = glossary.suggestion_choices[index].entry_id
        if entry_id not in ids:
            ids.append(entry_id)
    return ids[:SUGGESTION_COUNT], (found[0][1] if found else 0.0)


def _known(raw: str, form: Form, match: str, method: str, score: float, glossary: Glossary) -> ExecutorMatch:
    entry = glossary[form.entry_id]
    return ExecutorMatch(
        id=entry.id,
        abbreviation=entry.abbreviations[0] if entry.abbreviations else None,
        name=entry.name,
        type=entry.type,
        raw=raw,
        match=match,
        method=method,
        score=round(score, 1),
        suggestions=[],
        parent=entry.parent,
    )


def _resolve_piece(raw: str, piece: Piece, glossary: Glossary) -> ExecutorMatch:
    if piece.form is not None:
        exact = piece.form.kind in ("abbreviation", "name") and "inflected" not in piece.method
        return _known(raw, piece.form, "exact" if exact else "variant", piece.method, 100.0, glossary)
    fuzzy = _fuzzy_form(raw, glossary)
    if fuzzy is not None:
        return _known(raw, fuzzy[0], "fuzzy", _with_suffix("fuzzy-name", piece.method), fuzzy[1], glossary)
    suggestions, score = _suggestions(" ".join(matching_keys(raw)), glossary)
    return ExecutorMatch(
        id=None, abbreviation=None, name=None, type=None, raw=raw, match="unknown",
        method="none", score=round(score, 1), suggestions=suggestions,
    )


def _with_suffix(method: str, piece_method: str) -> str:
    return method + "+qualifier" if piece_method.endswith("+qualifier") else method


class ExecutorResolver:
    """The executor cells of one document resolved against the glossary, a piece spelt and read the same
    way matched once: a programme names the same bodies (`СО`, `НПО`) in most of its cells."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.matches: dict[tuple[str, Form | None, str], ExecutorMatch] = {}

    def __call__(self, raw: str) -> list[ExecutorMatch]:
        """Every organisation of the cell matched to the glossary, unmatched pieces kept as unknown."""
        text = clean_cell(raw)
        return [self.match(text[p.start : p.end], p) for p in _pieces(text, self.glossary)]

    def match(self, raw: str, piece: Piece) -> ExecutorMatch:
        """The glossary match of one piece of a cell, `raw` its text."""
        key = (raw, piece.form, piece.method)
        if key not in self.matches:
            self.matches[key] = _resolve_piece(raw, piece, self.glossary)
        return self.matches[key]


def resolve_executors(raw: str, glossary: Glossary) -> list[ExecutorMatch]:
    """Every organisation of an executor cell matched to the glossary, unmatched pieces kept as unknown."""
    return ExecutorResolver(glossary)(raw)


@dataclass
class UnknownPiece:
    """An executor piece no glossary entry matches, with where and how often it occurs."""

    raw: str
    count: int = 0
    sources: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


def unknown_pieces(cells: Iterable[tuple[str, str]], glossary: Glossary) -> list[UnknownPiece]:
    """Unmatched pieces of (source, executor cell) pairs, merged by spelling, most frequent first."""
    found: dict[str, UnknownPiece] = {}
    for source, cell in cells:
        for match in resolve_executors(cell, glossary):
            if match.match != "unknown":
                continue
            key = " ".join(matching_keys(match.raw))
            piece = found.setdefault(key, UnknownPiece(match.raw, suggestions=match.suggestions))
            piece.count += 1
            if source not in piece.sources:
                piece.sources.append(source)
    return sorted(found.values(), key=lambda p: (-p.count, p.raw.casefold()))
