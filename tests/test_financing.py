"""Financing cells: category codes, programme names and project codes."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from extractor.model.normalised import FinancingCategory
from extractor.normalise.financing import CATEGORY_ORDER, RULES, classify_financing

DATA = Path(__file__).parent / "data"

STATE, DELEGATED, MUNICIPAL, EXISTING = "state_budget", "delegated_state_activity", "municipal_budget", "existing_budget"
EU, PROJECT, EXTERNAL, NGO = "eu_operational_programme", "project_programme", "external_funding", "ngo_donor"
PRIVATE, INTERNATIONAL, OTHER, NOT_REQUIRED = "private_donor", "international_org", "other", "not_required"

# Every distinct financing cell of both samples and the categories it states, by hand.
SAMPLE_FINANCING = {
    # 2021 programme
    "Бюджет на МОН.": [STATE],
    "СО / бюджет на дирекция СМД/ Програмно финансиране/ Програма за развитие на физическото възпитание и спорта": [
        MUNICIPAL, PROJECT,
    ],
    "Държавно/ общинско": [STATE, MUNICIPAL],
    "Държавно/общинско": [STATE, MUNICIPAL],
    "СО/ бюджет на дирекция СМД/ Програмно финансиране/ Програма за развитие на детско-юношеския спорт": [
        MUNICIPAL, PROJECT,
    ],
    "СО/ бюджет на дирекция СМД/ Програмно финансиране/ Програма – „София – град на младите и активните“": [
        MUNICIPAL, PROJECT,
    ],
    "СО/бюджет на дирекция СМД": [MUNICIPAL],
    "В рамките на утвърдения годишен бюджет от посочените отговорни органи.": [EXISTING],
    "Външно финансиране": [EXTERNAL],
    "Държавно, общинско, проектно. Проект за социално включване към Министерство на труда и Социалната политика.": [
        STATE, MUNICIPAL, PROJECT,
    ],
    "Държавно.": [STATE],
    "Държавно, общинско, проектно.": [STATE, MUNICIPAL, PROJECT],
    "В рамките на утвърдения годишен бюджет от посочените отговорни органи. Проект „Приеми ме 2015“ - "
    "BG05M9OP001-2.003-0001-C01, финансиран от Оперативна програма „Развитие на човешките ресурси“, "
    "съфинансирана от Европейския съюз чрез Европейския социален фонд.": [EXISTING, EU, PROJECT],
    "Държавно, проектно.": [STATE, PROJECT],
    "Бюджета на РЦПППО – София- град": [STATE],
    "Бюджета на РЦПППО – София- град.": [STATE],
    "От бюджета на РЦПППО – София -град.": [STATE],
    "От бюджета на РЦПППО – София-град": [STATE],
    "Бюджета на РЦПППО – София- град, финансиране от УНИЦЕФ.": [STATE, INTERNATIONAL],
    "Бюджет на СО, Програми и проекти, НПО": [MUNICIPAL, PROJECT, NGO],
    "Бюджет на РУО – София- град": [STATE],
    "Бюджет на РУО – София - град": [STATE],
    "Столична община /бюджет на дирекция „Образование“/": [MUNICIPAL],
    "СО /бюджет на дирекция СМД/ Програмно финансиране": [MUNICIPAL, PROJECT],
    "Бюджет на СО": [MUNICIPAL],
    "Държавно делегирани средства и общински средства": [DELEGATED, MUNICIPAL],
    "Държавно, общинско, НПО, проектно.": [STATE, MUNICIPAL, PROJECT, NGO],
    "СО/ бюджет на дирекция СМД/ програмно финансиране – Програма „София – град на младите и активните“; "
    "Програма за развитие на ФВС": [MUNICIPAL, PROJECT],
    "Държавно/ общинско Проектно финансиране": [STATE, MUNICIPAL, PROJECT],
    "Бюджет на дирекция СМД": [MUNICIPAL],
    "Държавна делегирана дейност 239": [DELEGATED],
    "Държавно/ общинско/ Проектно финансиране": [STATE, MUNICIPAL, PROJECT],
    "Програмно финансиране": [PROJECT],
    "От бюджета на РЦПППО – София, проектно финансиране.": [STATE, PROJECT],
    "СО": [MUNICIPAL],
    "СО/ бюджет на дирекция СМД/ програмно финансиране": [MUNICIPAL, PROJECT],
    "СО, програмно финансиране": [MUNICIPAL, PROJECT],
    "СО, НПО, проектно": [MUNICIPAL, PROJECT, NGO],
    "Държавно, общинско, НПО": [STATE, MUNICIPAL, NGO],
    "СО, бюджет на дирекция СМД/ програмно финансиране": [MUNICIPAL, PROJECT],
    "бюджет на дирекция „Култура“": [MUNICIPAL],
    "бюджет на дирекция „Култура“/": [MUNICIPAL],
    "бюджет на дирекция „Култура“ Част от финансирането на „Опера в парка“": [MUNICIPAL, PROJECT],
    "бюджет на дирекция „Култура“ Част от финансирането на Софийски театрален салон и Награди „Икар“": [
        MUNICIPAL, PROJECT,
    ],
    "Част от финансирането на София филм фест": [PROJECT],
    # МОН is the beneficiary; the national co-financing of an operational programme is state budget.
    "МОН - ОП „Наука и образование за интелигентен растеж“ 2014-2020": [STATE, EU],
    # 2013 action plan
    "СО Външно финансиране": [MUNICIPAL, EXTERNAL],
    "Държавно делегирана дейност": [DELEGATED],
    "Държавно делегирана дейност и Проектно финансиране": [DELEGATED, PROJECT],
    "Бюджета на ЦОП-овете Проектно финансиране": [EXISTING, PROJECT],
    "Не се изисква": [NOT_REQUIRED],
    "Проектно финансиране": [PROJECT],
    "Външно финансиране по проекти към ОП „РЧР”": [EU, PROJECT, EXTERNAL],
    "Проект ОП „РЧР”": [EU, PROJECT],
    "Бюджети ЦОП-ове": [EXISTING],
    "Оперативни програми на СО Бюджет на СО Други": [MUNICIPAL, EU, OTHER],
    "СО / Д „СД“": [MUNICIPAL],
    "Бизнес организации частни дарители НПО": [NGO, PRIVATE],
    "Проекти, програми": [PROJECT],
}


def sample_cells() -> list[str]:
    lines = (DATA / "financing_cells.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith("#") and line]


def test_every_sample_financing_cell_has_a_hand_written_expectation():
    assert sorted(set(sample_cells()) - set(SAMPLE_FINANCING)) == []


@pytest.mark.parametrize(("raw", "categories"), SAMPLE_FINANCING.items(), ids=[c[:40] for c in SAMPLE_FINANCING])
def test_sample_financing_cell_gets_its_categories(raw, categories):
    financing = classify_financing(raw)
    assert financing.categories == categories
    assert financing.raw == raw


PROGRAMMES = [
    (
        "СО/ бюджет на дирекция СМД/ Програмно финансиране/ Програма – „София – град на младите и активните“",
        ["Програма „София – град на младите и активните“"],
    ),
    (
        "СО/ бюджет на дирекция СМД/ програмно финансиране – Програма „София – град на младите и активните“; "
        "Програма за развитие на ФВС",
        ["Програма „София – град на младите и активните“", "Програма за развитие на физическото възпитание и спорта"],
    ),
    ("Външно финансиране по проекти към ОП „РЧР”", ["ОП „РЧР“"]),
    ("Проект ОП „РЧР”", ["ОП „РЧР“"]),
    ("МОН - ОП „Наука и образование за интелигентен растеж“ 2014-2020", ["ОП „НОИР“"]),
    (
        "Държавно, общинско, проектно. Проект за социално включване към Министерство на труда и Социалната политика.",
        ["Проект за социално включване"],
    ),
    ("бюджет на дирекция „Култура“ Част от финансирането на „Опера в парка“", ["„Опера в парка“"]),
    ("Част от финансирането на София филм фест", ["София филм фест"]),
    ("Държавно/ общинско", []),
    ("НП „Заедно в изкуствата и в спорта“", ["НП „Заедно в изкуствата и в спорта“"]),
    ("Национална програма „Иновации в действие“", ["Национална програма „Иновации в действие“"]),
    ("Национален план за възстановяване и устойчивост", ["НПВУ"]),
    ("ПВУ / общински бюджет", ["НПВУ"]),
]


@pytest.mark.parametrize(("raw", "programmes"), PROGRAMMES, ids=[c[:40] for c, _ in PROGRAMMES])
def test_programme_names_are_kept_in_canonical_spelling(raw, programmes):
    assert classify_financing(raw).programmes == programmes


def test_project_code_and_every_programme_of_a_long_cell_are_extracted():
    raw = next(cell for cell in SAMPLE_FINANCING if "BG05M9OP001" in cell)
    financing = classify_financing(raw)
    assert financing.project_codes == ["BG05M9OP001-2.003-0001-C01"]
    assert financing.programmes == ["Проект „Приеми ме 2015“", "ОП „РЧР“"]


@pytest.mark.parametrize(
    ("raw", "categories"),
    [
        ("", []),
        ("<p>Държавно/ общинско</p>", [STATE, MUNICIPAL]),
        ("Бюджет на МТСП", [STATE]),
        ("Бюджет на АСП", [STATE]),
        ("Дарения и спонсорство", [PRIVATE]),
        ("Фондация „Америка за България“", [NGO]),
        ("Не изисква финансиране", [NOT_REQUIRED]),
        ("Собствен бюджет", [EXISTING]),
        ("Европейски социален фонд", [EU]),
        ("Държавен бюджет", [STATE]),
        ("Държавния бюджет", [STATE]),
        ("Общински бюджет", [MUNICIPAL]),
        ("Бюджет на общината", [MUNICIPAL]),
        ("Не са необходими", [NOT_REQUIRED]),
        ("Без допълнителни средства", [NOT_REQUIRED]),
        # other municipalities and the 2021–2027 programming period
        ("ПРЧР", [EU]),
        ("Програма „Развитие на човешките ресурси“ 2021-2027", [EU]),
        ("Програма „Образование“ 2021 – 2027", [EU]),
        ("Програма „Активни родители“", [PROJECT]),
        ("Собствени средства", [EXISTING]),
        ("дарения", [PRIVATE]),
        ("Норвежки финансов механизъм", [INTERNATIONAL]),
        ("Финансов механизъм на ЕИП 2014 – 2021", [INTERNATIONAL]),
        ("Местни дейности", [MUNICIPAL]),
        ("НЗОК", [STATE]),
        ("Фонд „Социална закрила“", [STATE]),
        ("5 000 лв.", []),
        ("ДДД", [DELEGATED]),
        ("ДДД / МДД", [DELEGATED, MUNICIPAL]),
        ("Целева субсидия от републиканския бюджет", [STATE]),
        ("НП „Заедно в изкуствата и в спорта“", [STATE, PROJECT]),
        ("Национална програма „Осигуряване на съвременна образователна среда“", [STATE, PROJECT]),
        ("ПМС 129/2023", [STATE]),
        ("НПВУ", [EU]),
        ("Механизъм за възстановяване и устойчивост", [EU]),
        ("Еразъм+", [EU]),
        ("Собствени приходи", [EXISTING]),
        ("Средства на ЦОП", [EXISTING]),
        ("Няма", [NOT_REQUIRED]),
        ("Не се предвиждат средства", [NOT_REQUIRED]),
        ("Без финансов ресурс", [NOT_REQUIRED]),
        ("Няма данни за финансиране от община", [MUNICIPAL]),
    ],
)
def test_other_financing_forms(raw, categories):
    assert classify_financing(raw).categories == categories


def test_every_match_of_a_category_rule_contains_one_of_its_words():
    """A cell is searched only with the rules whose words it has, so no match may lack them."""
    texts = [*SAMPLE_FINANCING, *(raw for raw, _ in PROGRAMMES), "Не се налага", "Без финансиране",
             "Бизнес организации", "частни дарители", "УНИЦЕФ", "UNICEF", "Световната банка",
             "Швейцарска програма", "Републикански бюджет", "Здравноосигурителна каса", "ЕСФ", "ЕСИФ",
             "ОП НОИР", "неправителствени организации", "сдружения", "Други", "ДДД", "МДД", "НП „Х“", "ПМС",
             "Целева субсидия", "Министерски съвет", "Национална програма", "НПВУ", "Еразъм+", "Erasmus+",
             "План за възстановяване", "Не се предвиждат", "не са предвидени", "Няма", "Собствени приходи"]
    matched = set()
    for category, words, pattern in RULES:
        for text in texts:
            for match in pattern.finditer(text):
                matched.add(category)
                assert any(word in match[0].casefold() for word in words), (category, match[0])
    assert matched == set(CATEGORY_ORDER)


def test_category_order_lists_every_category_once():
    assert sorted(CATEGORY_ORDER) == sorted(get_args(FinancingCategory))


def test_a_body_of_the_users_glossary_gives_the_financing_its_sector(tmp_path):
    from extractor.model.document import Activity, Provenance
    from extractor.normalise.apply import normalise_activity
    from extractor.normalise.glossary import load_glossary

    extra = tmp_path / "glossary.toml"
    extra.write_text('[fond-x]\nname = "Фонд за деца Х"\ntype = "ngo"\nabbreviations = ["ФДХ"]\n', "utf-8")
    activity = Activity(number="1", number_raw="1.", text="Лагер", executors_raw="", deadline_raw="",
                        financing_raw="ФДХ", provenance=Provenance(format="text"))
    assert normalise_activity(activity, load_glossary(None), 2024).financing.categories == []
    assert normalise_activity(activity, load_glossary(extra), 2024).financing.categories == [NGO]
