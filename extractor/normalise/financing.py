"""Financing cells classified into source categories, with programme names and project codes kept.

Category codes (a cell gets every one it states, in this order):
- `state_budget`             state funds: `Държавно`, the budget of a ministry or state body (`Бюджет на МОН`, `… РЦПППО`),
                             a targeted subsidy (`целева субсидия`), a national programme (`НП „…“`), a decree (`ПМС`)
- `delegated_state_activity` `Държавно делегирана дейност`, `делегирани средства`, `ДДД` (incl. activity code `239`)
- `municipal_budget`         `общинско`, `общински средства`, `СО`, `местни дейности` (`МДД`), the budget of Столична
                             община or one of its directorates
- `existing_budget`          within the existing budget of the bodies named (`В рамките на утвърдения годишен бюджет …`)
                             or the own budget or funds of a service that is neither state nor municipal (`Бюджети ЦОП-ове`,
                             `собствени средства`)
- `eu_operational_programme` an EU operational programme or fund (`ОП „РЧР“`, `Оперативна програма …`, `Европейски социален фонд`,
                             the Recovery and Resilience Facility `НПВУ`/`ПВУ`, Erasmus+,
                             the 2021–2027 `Програма „Развитие на човешките ресурси“` / `ПРЧР`)
- `project_programme`        project or programme funding (`проектно`, `Програмно финансиране`, `Проект „…“`, `Програма „…“`)
- `external_funding`         `Външно финансиране`: outside funds the cell does not name further
- `ngo_donor`                NGOs and foundations (`НПО`, `фондация`)
- `private_donor`            businesses and private donors (`Бизнес организации`, `частни дарители`, `дарения`, `спонсори`)
- `international_org`        international organisations and donor states' funds (`УНИЦЕФ`, `Норвежки финансов механизъм`)
- `other`                    `Други`: further sources not named
- `not_required`             `Не се изисква`, `Не се предвиждат`, `Няма`, `Няма нужда от финансиране`: no funds needed
Bodies named in the cell are found with the executor glossary, so the budget of any known body falls
in the category of the body's sector.
"""

from __future__ import annotations

import html

from typing import get_args

import regex as re

from ..model.normalised import Financing, FinancingCategory
from .executors import clean_cell, mentions
from .glossary import Glossary, load_glossary

CATEGORY_ORDER: tuple[FinancingCategory, ...] = get_args(FinancingCategory)  # the model lists them in output order
# Each rule: a category, the words (casefolded) one of which every match of its pattern contains, and
# the pattern. A cell is searched only with the rules whose words it has: a cell states two or three of
# the twelve categories, and a case-insensitive search costs far more than looking for a word.
ABBREVIATIONS = frozenset("ДДД МДД НЗОК ПМС ЕСФ ЕСИФ РЧР ПРЧР НОИР ПВУ НПВУ".split())
"""The abbreviations of three letters or more the rules below name a source by (OCR repairs weigh words against them)."""

RULES: tuple[tuple[FinancingCategory, tuple[str, ...], re.Pattern], ...] = tuple(
    (category, hints, re.compile(pattern, re.IGNORECASE | re.VERBOSE))
    for category, hints, pattern in (
        (
            "not_required",
            ("изисква", "необходим", "налага", "без", "предви", "няма", "нуж"),
            r"не\s+се\s+изисква|не\s+изисква|не\s+(?:е|са)\s+(?:необходим|нужн)\w*|не\s+се\s+налага|без\s+финансиране"
            r"|няма\s+нужда\s+от\s+(?:допълнително\s+)?(?:финансиране|средства)"
            r"|без\s+(?:допълнителни\s+)?(?:финансов\w*\s+)?(?:разходи|средства|ресурс\w*)"
            r"|не\s+(?:се\s+предвижда\w*|са\s+предвидени)|^\W*няма\W*$",
        ),
        ("delegated_state_activity", ("делегиран", "ддд"), r"делегиран\w*|\bДДД\b"),
        (
            "state_budget",
            ("държав", "републиканск", "закрила", "нзок", "здравноосигурителн", "целев", "национал", "нп", "пмс",
             "министерски"),
            r"\bдържав(?:ен|на|но|ни|ния|ата)\b(?!\s+делегиран)|републиканск\w*\s+бюджет"
            r"|фонд\s*„?социална\s+закрила|\bНЗОК\b|здравноосигурителн\w*\s+каса"
            # a targeted state subsidy, a national programme (НП „…“), a decree of the Council of Ministers
            r"|целев\w*\s+субсиди\w*|национал\w*\s+програм\w*|\bНП\b|\bПМС\b|министерски\s+съвет",
        ),
        ("municipal_budget", ("общин", "местни", "мдд"), r"\bобщинск\w*|\bобщина(?:та)?\b|местни\s+дейности|\bМДД\b"),
        (
            "existing_budget",
            ("рамките", "собствен"),
            r"в\s+рамките\s+на\s+(?:утвърдения\s+)?(?:годишен\s+)?бюджет|собствен\w*\s+(?:бюджет|средства|приходи)",
        ),
        (
            "eu_operational_programme",
            ("оп", "есф", "есиф", "рчр", "ноир", "човешките", "образование", "пву", "възстановяване", "еразъм",
             "erasmus"),
            r"\bОП\b|оперативн\w*\s+програм\w*|европейск\w*\s+(?:съюз|социален\s+фонд|фонд\w*)|\bЕСФ\b|\bЕСИФ\b"
            # the 2021–2027 programmes: Програма „Развитие на човешките ресурси“ (ПРЧР), „Образование“ (ПО)
            r"|\bП?РЧР\b|\bНОИР\b|развитие\s+на\s+човешките\s+ресурси|програма\s*„образование“"
            # the EU's Recovery and Resilience Facility (НПВУ, ПВУ) and Erasmus+
            r"|\bН?ПВУ\b|(?:механизъм|план\w*)\s+за\s+възстановяване|\bЕразъм\b|\bErasmus\b",
        ),
        (
            "project_programme",
            ("проект", "програм", "финансирането", "нп"),
            r"проект\w*|\bНП\b|(?<!оперативн\w*\s)\bпрограм(?:а|и|но|ното|ата|ите)\b"
            r"(?!\s*„?(?:развитие\s+на\s+човешките\s+ресурси|образование“))|част\s+от\s+финансирането\s+на",
        ),
        ("external_funding", ("външно",), r"външно\s+финансиране"),
        ("ngo_donor", ("фондаци", "неправителствен", "сдружени"), r"фондаци\w*|неправителствен\w*|сдружени\w*"),
        ("private_donor", ("бизнес", "дарител", "дарени", "спонсор"), r"бизнес\w*|частни\s+дарител\w*|дарител\w*|дарени[ея]\w*|спонсор\w*"),
        (
            "international_org",
            # `cef`, not `unicef`: the pattern's `i` also matches `İ` and `ı`, which casefold to other letters
            ("уницеф", "cef", "световната", "механизъм", "швейцарск"),
            r"\bУНИЦЕФ\b|\bUNICEF\b|световната\s+банка|норвежк\w*\s+финансов\w*\s+механизъм"
            r"|финансов\w*\s+механизъм\s+на\s+ЕИП|швейцарск\w*\s+(?:програм\w*|принос)",
        ),
        ("other", ("други",), r"\bдруги\b"),
    )
)
BODY_CATEGORY: dict[str, FinancingCategory] = {
    "ministry": "state_budget",
    "state_agency": "state_budget",
    "regional_directorate": "state_budget",
    "municipal_administration": "municipal_budget",
    "municipal_directorate": "municipal_budget",
    "district": "municipal_budget",
    "ngo": "ngo_donor",
    "business": "private_donor",
    "international_org": "international_org",
}
BUDGET_OF = re.compile(r"(?:бюджет\w*|средства(?:та)?|приходи(?:те)?)\s*(?:(?:на|от)\s*)?$", re.IGNORECASE)
QUOTED = r"„[^„“]+“"
PROGRAMME = re.compile(
    rf"""
      (?:Оперативна\s+програма|\bОП)\s*{QUOTED}
    | \bОП\s+[А-Я]{{3,}}\b
    | (?:(?:Столична|Национална|Общинска)\s+|Под)?[Пп]рограма\s*(?:[-–—]\s*)?{QUOTED}
    | \bНП\s*{QUOTED}
    | (?:Национален\s+)?[Пп]лан\s+за\s+възстановяване\s+и\s+устойчивост|\bН?ПВУ\b
    | Програма\s+за\s+[^/;,.„“]+?(?=\s*(?:[/;,.]|-\s|\s-|$))
    | Проект\s*{QUOTED}
    | Проект\s+за\s+[^/;,.„“]+?(?=\s+към\b|\s*[/;,.]|$)
    | [Чч]аст\s+от\s+финансирането\s+на\s+(?P<part>{QUOTED}|[^/;,.]+?(?=\s*[/;,.]|$))
    """,
    re.VERBOSE,
)
# Canonical names of programmes the documents spell in several ways.
PROGRAMME_ALIASES = {
    "оперативна програма „развитие на човешките ресурси“": "ОП „РЧР“",
    "оп „наука и образование за интелигентен растеж“": "ОП „НОИР“",
    "оперативна програма „наука и образование за интелигентен растеж“": "ОП „НОИР“",
    "оп ноир": "ОП „НОИР“",
    "програма за развитие на фвс": "Програма за развитие на физическото възпитание и спорта",
    "план за възстановяване и устойчивост": "НПВУ",
    "национален план за възстановяване и устойчивост": "НПВУ",
    "пву": "НПВУ",
    "нпву": "НПВУ",
}
PROJECT_CODE = re.compile(r"\b[A-Z]{2}\d{2}[A-Z0-9]{2,}(?:[-.][A-Z0-9]+){2,}\b")
OPENING_QUOTES = re.compile(r"[«\"](?=\w)|(?<=\s|^)[”“](?=\w)")
CLOSING_QUOTES = re.compile(r"[”\"»]")
UNIFIED_QUOTES = frozenset("«\"”“»")  # every mark the two patterns above replace
SPACES = re.compile(r"\s+")
PROGRAMME_DASH = re.compile(r"^(Програма)\s*[-–—]\s*(?=„)")


def unify_quotes(text: str) -> str:
    """Text with every pair of quotes written as Bulgarian „…“."""
    if UNIFIED_QUOTES.isdisjoint(text):
        return text
    text = OPENING_QUOTES.sub("„", text)
    return CLOSING_QUOTES.sub("“", text)


def programme_name(text: str) -> str:
    """Canonical spelling of a programme name: aliases resolved, quotes and spaces unified."""
    name = SPACES.sub(" ", text).strip(" -")
    name = PROGRAMME_DASH.sub(r"\1 ", name)
    return PROGRAMME_ALIASES.get(name.lower(), name)


def extract_programmes(text: str) -> list[str]:
    """Names of the programmes, projects and events a financing cell names, in order, each once."""
    names: list[str] = []
    for match in PROGRAMME.finditer(text):
        name = programme_name(match.group("part") or match.group())
        if name not in names:
            names.append(name)
    return names


def _body_categories(text: str, glossary: Glossary) -> list[FinancingCategory]:
    """Categories implied by the bodies the cell names, by each body's sector."""
    found: list[FinancingCategory] = []
    for start, _, entry_id in mentions(text, glossary):
        category = _sector(entry_id, glossary)
        if category is None and BUDGET_OF.search(text[:start]):
            category = "existing_budget"
        if category is not None:
            found.append(category)
    return found


def _sector(entry_id: str, glossary: Glossary) -> FinancingCategory | None:
    """Financing category of a body: its own type's, else the nearest ancestor's that has one."""
    for candidate in [entry_id, *glossary.ancestors(entry_id)]:
        category = BODY_CATEGORY.get(glossary[candidate].type)
        if category is not None:
            return category
    return None


def classify_financing(raw: str, glossary: Glossary | None = None) -> Financing:
    """A financing cell as category codes, programme names and project codes."""
    text = unify_quotes(clean_cell(html.unescape(raw)))
    folded = text.casefold()
    found = {
        category
        for category, hints, pattern in RULES
        if any(hint in folded for hint in hints) and pattern.search(text)
    }
    found.update(_body_categories(text, glossary or load_glossary()))
    return Financing(
        raw=raw,
        categories=[category for category in CATEGORY_ORDER if category in found],
        programmes=extract_programmes(text),
        project_codes=list(dict.fromkeys(PROJECT_CODE.findall(text))),
        amounts=[],  # given: pydantic deep-copies a [] default
    )
