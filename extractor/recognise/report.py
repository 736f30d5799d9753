"""The report (доклад) and the draft decision (решение): who asks what of whom, on which legal basis."""

from __future__ import annotations

import datetime as dt

import regex as re

from ..model.document import (
    AnnexReference,
    DateMention,
    Decision,
    LegalBasis,
    Person,
    Provenance,
    Report,
)
from ..model.layout import Paragraph, SourceFormat

PROVISION = r"чл\.\s*(?:чл\.\s*)?\d+\s*[а-я]?(?:\s*(?:,|и)\s*(?:ал|т)\.\s*\d+\s*[а-я]?)*"
ACT = (
    r"(?:(?:Правилника|Правилник)\s+за\s+прилагане\s+на\s+)?(?:Закона?|Наредба(?:та)?|Кодекса?|Правилника?)"
    r"\s+(?:за|на)\s+[^,.;]+?(?=\s+(?:във\s+връзка|предлагам|Комисията|в\s+Столична|е\s+|се\s+)|[,.;]|$)"
    r"|\b[А-Я]{4,}\b"
)
LEGAL_BASIS = re.compile(rf"(?P<provision>{PROVISION})\s+от\s+(?P<act>{ACT})")
DATE = re.compile(r"(?<!\d)(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4})\s*(?:г\.?|година)?")
NUMBER_WORDS = {
    "един": 1, "една": 1, "две": 2, "два": 2, "три": 3, "четири": 4, "пет": 5, "шест": 6, "седем": 7,
    "осем": 8, "девет": 9, "десет": 10, "единадесет": 11, "дванадесет": 12,
}  # fmt: skip
AREA_LIST_INTRO = re.compile(r"(?P<count>\p{L}+|\d+)?\s*приоритетни\s+области", re.I)
LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–•])\s*(?P<text>.+)$", re.S)
ANNEX_REFERENCE = re.compile(
    r"Приложение\s*№\s*(?P<number>\d+)\s*(?P<title>[^–\-]*?)?\s*(?:[–\-]\s*(?P<pages>\d+)\s*стр\.?)?\s*$", re.I
)
REPORT_START = re.compile(r"^ДОКЛАД(?:НА\s+ЗАПИСКА)?\b", re.I)
DECISION_START = re.compile(r"^(?:ПРОЕКТ\s*!?\s*(?:НА\s*)?)?РЕШЕНИЕ\b")
DECIDES = re.compile(r".*РЕШИ\s*:?\s*$", re.I)
# A decision whose one paragraph both gives the basis and decides, with no `РЕШИ:` line: `На основание …
# Общински съвет – Ловеч приема Общинска програма …`.
ADOPTS = re.compile(r"\bсъвет\b[^.;:]*?\s(?:приема|одобрява|утвърждава)\s+(?:\p{L}+\s+){0,2}(?:програма|план)", re.I)
SPACED_CAPITALS = re.compile(r"^(?:\p{Lu}\s){3,}\p{Lu}\b")
REPORT_BY = re.compile(r"^(?:ДОКЛАД(?:НА\s+ЗАПИСКА)?\s+)?от\s+", re.I)
COUNCIL = re.compile(r"^(?:на\s+.*съвет|(?:\p{L}+\s+)?общински\s+съвет\b(?!\s+(?:да|реши|прие)))", re.I)
PERSON_DATE = re.compile(r"\s+на\s+(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\s*г?\.?)\s*$")
# Compiled once here, not looked up in regex's cache on every call.
WIDE_GAP = re.compile(r"\s{2,}")
NAME_AND_ROLE = re.compile(r"\s*,\s*|\s+[–—-]\s+")
DASH_BETWEEN_WORDS = re.compile(r"\s[–—-]\s")
ADDRESSEE = re.compile(r"ДО\b", re.I)
ADDRESSEE_HEAD = re.compile(r"^ДО\b\s*")
SUBJECT_LABEL = re.compile(r"^Относно\s*:\s*", re.I)
AGREED = re.compile(r"Съгласувал", re.I)
PREPARED = re.compile(r"Изготвил", re.I)
AGREED_END = re.compile(r"Изготвил|дата\s*:|ПРОЕКТ|РЕШЕНИЕ", re.I)
PREPARED_END = re.compile(r"дата\s*:|ПРОЕКТ|РЕШЕНИЕ|Съгласувал", re.I)
ANNEX_MENTION = re.compile(r"Приложение\s*№\s*\d+[^\n]*", re.I)
FROM_THIS = re.compile(r"от\s+настоящ")
DECISION_NUMBER = re.compile(r"№\s*(?P<number>[^\s_]*[\p{L}\d][^\s_]*)")
DATED = re.compile(r"^от\s+")
COUNCIL_TRIM = re.compile(r"^на\s+|,\s*на\s+основание.*$", re.S)
DECISION_SUBJECT = re.compile(r"(?:За|Относно)\s")
ON_THE_BASIS = re.compile(r"(?:^|,\s*)на\s+основание", re.I)
OPERATIVE_POINT = re.compile(r"^\s*\d{1,2}[.)]\s*(?P<text>.+)$", re.S)
SIGNATORY_NAME = re.compile(r"^/(?P<name>[^/]+)/$")


def despace(text: str) -> str:
    """`Д О К Л А Д` → `ДОКЛАД`, `П Р О Е К Т   Н А   Р Е Ш Е Н И Е` → `ПРОЕКТ НА РЕШЕНИЕ`."""
    if not text[1:2].isspace():
        return text  # a capital and a space open every spaced heading: most paragraphs end here, before the pattern
    if not SPACED_CAPITALS.match(text) or not all(len(t.strip("!:.,")) <= 1 for t in text.split()):
        return text
    return " ".join(word.replace(" ", "") for word in WIDE_GAP.split(text.strip()))


def parse_date(text: str) -> dt.date | None:
    """A `DD.MM.YYYY` date in the text, or None when there is none or it is impossible."""
    match = DATE.search(text)
    if not match:
        return None
    try:
        return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def legal_bases(text: str) -> list[LegalBasis]:
    """Provisions cited as `чл. … от <act>`."""
    return [
        LegalBasis(raw=" ".join(m.group(0).split()), provision=" ".join(m["provision"].split()),
                   act=" ".join(m["act"].split()))
        for m in LEGAL_BASIS.finditer(text)
    ]


def date_mentions(paragraphs: list[Paragraph]) -> list[DateMention]:
    """Every date written in the paragraphs, with the words just before it."""
    mentions = []
    for paragraph in paragraphs:
        for match in DATE.finditer(paragraph.text):
            context = paragraph.text[max(0, match.start() - 80) : match.start()].strip()
            mentions.append(DateMention(raw=match.group(0).strip(), date=parse_date(match.group(0)), context=context))
    return mentions


def parse_person(text: str) -> Person:
    """`М. Андриянова, ст. юриконсулт … на 19.4.2021г.` → name, role, date."""
    date_match = PERSON_DATE.search(text)
    date_raw = date_match["date"].strip() if date_match else None
    body = text[: date_match.start()] if date_match else text
    parts = NAME_AND_ROLE.split(body, maxsplit=1)
    name = parts[0].strip(" /")
    role = parts[1].strip() if len(parts) > 1 else None
    return Person(name=name, role=role or None, date_raw=date_raw, date=parse_date(date_raw) if date_raw else None)


def _count_word(word: str | None) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


def priority_area_list(paragraphs: list[Paragraph]) -> tuple[list[str], int | None]:
    """The areas the report lists after `… следните седем приоритетни области …:`, and the count it states."""
    for index, paragraph in enumerate(paragraphs):
        if not paragraph.text.rstrip().endswith(":"):
            continue  # only a paragraph ending in a colon can introduce the list: searched only then
        intro = AREA_LIST_INTRO.search(paragraph.text)
        if not intro:
            continue
        items = []
        for following in paragraphs[index + 1 :]:
            item = LIST_ITEM.match(following.text)
            if not item:
                break
            items.append(item["text"].strip().rstrip(";").strip())
        return items, _count_word(intro["count"])
    return [], None


def _after(paragraphs: list[Paragraph], pattern: re.Pattern) -> int | None:
    """Index of the first paragraph that opens with the pattern (headings in spaced capitals read whole)."""
    for index, paragraph in enumerate(paragraphs):
        if pattern.match(despace(paragraph.text)):
            return index
    return None


def _people_after(paragraphs: list[Paragraph], start: int | None, stop: re.Pattern) -> list[Person]:
    if start is None:
        return []
    people = []
    for paragraph in paragraphs[start + 1 :]:
        if stop.match(paragraph.text):
            break
        if "," in paragraph.text or DASH_BETWEEN_WORDS.search(paragraph.text):
            people.append(parse_person(paragraph.text))
    return people


def _provenance(paragraphs: list[Paragraph], fmt: SourceFormat) -> Provenance:
    first = paragraphs[0].origin if paragraphs else None
    lines = [p.origin.line for p in paragraphs if p.origin.line is not None]
    pages = sorted({p.origin.page for p in paragraphs if p.origin.page is not None})
    return Provenance(format=fmt, page=first.page if first else None, line=first.line if first else None,
                      lines=[lines[0], lines[-1]] if lines else [], pages=pages)


def recognise_report(paragraphs: list[Paragraph], fmt: SourceFormat) -> Report:
    """Addressee, author, subject, listed areas, legal bases, dates and sign-offs of a report."""
    texts = [p.text for p in paragraphs]
    report_at = _after(paragraphs, REPORT_START) or 0
    to_at = _after(paragraphs[:report_at + 1], ADDRESSEE)
    addressee = None
    if to_at is not None:
        head = ADDRESSEE_HEAD.sub("", texts[to_at]).strip()
        addressee = ", ".join(filter(None, [head, *texts[to_at + 1 : report_at]])) or None
    author = author_role = None
    by = next((t for t in texts[report_at : report_at + 3] if REPORT_BY.match(t)), None)
    if by:
        person = parse_person(REPORT_BY.sub("", by))
        author, author_role = person.name, person.role
    subject = next((SUBJECT_LABEL.sub("", t) for t in texts if SUBJECT_LABEL.match(t)), None)
    areas, stated = priority_area_list(paragraphs)
    agreed = _after(paragraphs, AGREED)
    prepared = _after(paragraphs, PREPARED)
    return Report(
        addressee=addressee,
        author=author,
        author_role=author_role,
        subject=subject,
        priority_areas=areas,
        stated_area_count=stated,
        legal_bases=legal_bases("\n".join(texts)),
        dates=date_mentions(paragraphs),
        agreed_by=_people_after(paragraphs, agreed, AGREED_END),
        prepared_by=_people_after(paragraphs, prepared, PREPARED_END),
        provenance=_provenance(paragraphs, fmt),
    )


def annex_references(paragraphs: list[Paragraph]) -> list[AnnexReference]:
    """References to annexes: `Приложение № 1 Общинска програма … – 32 стр.` and `съгласно Приложение №1`."""
    references = []
    for paragraph in paragraphs:
        for match in ANNEX_MENTION.finditer(paragraph.text):
            ref = ANNEX_REFERENCE.match(match.group(0))
            if not ref:
                continue
            title = (ref["title"] or "").strip(" ,") or None
            if title and not title.strip(" .:;"):
                title = None  # `съгласно Приложение № 1.`: only the sentence's full stop follows
            if title and FROM_THIS.match(title):
                title = None
            references.append(AnnexReference(raw=match.group(0).strip(), number=ref["number"], title=title,
                                             pages=int(ref["pages"]) if ref["pages"] else None))
    return references


def recognise_decision(paragraphs: list[Paragraph], fmt: SourceFormat) -> Decision:
    """Number, council, subject, legal basis, operative points and annex references of a draft decision."""
    texts = [p.text for p in paragraphs]
    head = next((despace(t) for t in texts if DECISION_START.match(despace(t))), "")
    number_match = DECISION_NUMBER.search(head)  # `№ ...` in a draft: no number yet
    date_raw = next((t for t in texts[:4] if DATED.match(t)), None)
    council = next((COUNCIL_TRIM.sub("", t) for t in texts[:4] if COUNCIL.match(t)),
                   None)
    subject = next((t for t in texts if DECISION_SUBJECT.match(t)), None)
    basis = next((t for t in texts if ON_THE_BASIS.search(t)), "")
    decides = _after(paragraphs, DECIDES)
    points = []
    if decides is not None:
        for text in texts[decides + 1 :]:
            item = OPERATIVE_POINT.match(text)
            if not item:
                break
            points.append(item["text"].strip())
    signatories = []
    for index, text in enumerate(texts[:-1]):
        name = SIGNATORY_NAME.match(texts[index + 1])
        if text.endswith(":") and name:
            signatories.append(Person(name=name["name"].strip(), role=text.rstrip(":").strip()))
    return Decision(
        number=number_match["number"] if number_match else None,
        date_raw=DATED.sub("", date_raw) if date_raw else None,
        council=council,
        subject=subject,
        legal_bases=legal_bases(basis),
        operative_points=points,
        annex_references=annex_references(paragraphs),
        signatories=signatories,
        provenance=_provenance(paragraphs, fmt),
    )
