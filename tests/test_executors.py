"""Executor cells: splitting into organisations and resolving them against the glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.normalise.executors import (
    FUZZY_THRESHOLD,
    clean_cell,
    resolve_executors,
    split_executors,
    unknown_pieces,
)
from extractor.normalise.glossary import SEPARATOR_PHRASES, GlossaryError, load_glossary, matching_keys

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parent.parent / "samples"


def sample_cells(name: str) -> list[str]:
    """Cells of a test data file: one per line, `#` lines are comments."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith("#")]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def ids(cell: str, glossary) -> list[str | None]:
    return [match.id for match in resolve_executors(cell, glossary)]


TRICKY_CELLS = [
    # 2021 programme
    ("Столична община, МОН", ["so", "mon"]),
    ("ЦПЛР ЦИКО “София” ЦПЛР СШ “София”", ["cplr-ciko", "cplr-ssh"]),
    ("СО/ Дирекция СМД/ , СК", ["so", "so-smd", "sports-clubs"]),
    ("СО / Дирекция СМД/, Ученически съвети/ парламенти", ["so", "so-smd", "student-councils"]),
    (
        "Дирекция СМД, образователни институции – детска градина, училище, ЦПЛР, РА и малки населени места",
        ["so-smd", "educational-institutions", "dg", "schools", "cplr", "districts", "settlements"],
    ),
    ('Дирекции "Социално подпомагане", МКБППМН Социални услуги в общността.', ["dsp", "mkbppmn", "community-services"]),
    ("МКБППМН- СО, Социални услуги в общността, столични училища.", ["mkbppmn-so", "community-services", "schools"]),
    ("Социални услуги в общността, столични училища и детски градини.", ["community-services", "schools", "dg"]),
    ("СО, ДСП,ОЕПГ, ЦОП", ["so", "dsp", "oepg", "cop"]),
    ("РЦПППО – София- град", ["rcpppo-sofia"]),
    ("РЦПППО – София -град", ["rcpppo-sofia"]),
    ("РЦПППО/РУО", ["rcpppo", "ruo"]),
    (
        "Направление „Социални дейности и интеграция на хора с увреждания“ НПО РДСП София - град",
        ["so-sdihu", "ngo", "rdsp-sofia"],
    ),
    ("РУО - София-град", ["ruo-sofia"]),
    ("СО/ дирекция СМД/ Фондация „Енчо Керязов“", ["so", "so-smd", "encho-keryazov"]),
    ("Дирекция „Здравеопазване“ СО", ["so-health"]),
    ("ЦПЛР СШ “София” и партньори", ["cplr-ssh"]),
    ("МКБППМН-СО/ райони.", ["mkbppmn-so"]),
    ("МКБППМН-СО/райони. НКБТХ", ["mkbppmn-so", "nkbth"]),
    ('МКБППМН-СО -райони. ЦПЛР ЦИКО "София" ЦПЛР СШ "София"', ["mkbppmn-so", "cplr-ciko", "cplr-ssh"]),
    (
        "ЦПЛР ЦИКО “София” ЦПЛР СШ “София” Партньори – родителски организации",
        ["cplr-ciko", "cplr-ssh", "parent-organisations"],
    ),
    ("РЦПППО – София град/ партньори НАРУ, Уницеф, МОН", ["rcpppo-sofia", "naru", "unicef", "mon"]),
    ("Дирекция „Социални услуги за деца и възрастни“ на Столична община НПО", ["so-sudv", "ngo"]),
    ("Дирекция „Сигурност“-СО", ["so-security"]),
    (
        "Столична община; Дирекция за социално подпомагане; Министерство на вътрешните работи; Местната Комисия "
        "за борба срещу противообществените прояви на малолетни и непълнолетни; ЗСУ, НКБТХ",
        ["so", "dsp", "mvr", "mkbppmn", "zsu", "nkbth"],
    ),
    (
        "СО, ЗСУ, ЗБППМН, СУ, ДГ, медицински заведения. ЦКБППМН, МКБППМН",
        ["so", "zsu", "zbppmn", "su", "dg", "medical-establishments", "ckbppmn", "mkbppmn"],
    ),
    (
        "АКСУ, Комисия, назначена със заповед на кмета на Столична община, доставчици на социални услуги",
        ["aksu", "so-mayor-commission", "social-service-providers"],
    ),
    ("РУО/МОН/столични образователни институции", ["ruo", "mon", "educational-institutions"]),
    (
        "Дирекция „Култура“, Календар на културните събития на Столична община. Съюз на артистите в България "
        "и Столичен куклен театър",
        ["so-culture", "so-cultural-calendar", "sab", "stolichen-kukleen-teatar"],
    ),
    (
        "Център за подкрепа за личностно развитие - Кариерно ориентиране и консултиране - София в партньорство "
        "с общински, държавни и частни училища в гр. София, професионални организации и работодатели",
        ["cplr-kok", "schools", "professional-organisations", "employers"],
    ),
    (
        "Министерство на образованието и науката, изпълнител на дейността ЦПЛР-КОК-София в партньорство с РУО "
        "и общинските училища в СО, включени в проект „Подкрепа за успех”, Дейност 6 (с висока и пониска "
        "концентрация на ученици от уязвими групи).",
        ["mon", "cplr-kok", "ruo", "schools"],
    ),
    ("ЦПЛР – КОК-София и „Сдружение SOS Детски селища България”", ["cplr-kok", "sos-villages"]),
    ("ЦПЛР ЦИКО „София” и ЦПЛР СШ „София” в партньорство с ЦПЛР КОК", ["cplr-ciko", "cplr-ssh", "cplr-kok"]),
    # 2013 action plan
    ("Д „СД“ ОЗД СДВР / ДПС НПО – Сдружение „Деца и юноши“", ["d-sd", "ozd", "sdvr", "dps", "ngo", "detsa-i-yunoshi"]),
    ("Д „СД“ Ръководствата на ПОП-овете към Д „СД“ НПО - доставчици", ["d-sd", "pop", "d-sd", "ngo"]),
    ("Кризисни центрове СО НПО", ["crisis-centre", "so", "ngo"]),
    ("Д „СД“ ЗСУ в СИ и в общността", ["d-sd", "zsu"]),
    ("Д „СД“ АСП ДАЗД ЗСУ", ["d-sd", "asp", "dazd", "zsu"]),
    ("МТСП СО НПО", ["mtsp", "so", "ngo"]),
    ("ЦОП „За Нашите Деца” ЦОП към ИСДП", ["cop-za-nashite-deca", "cop", "isdp"]),
    ("СО, ОЗД, МВР, МЗ, МОМН, ЦКБПМН, НПО", ["so", "ozd", "mvr", "mz", "momn", "ckbppmn", "ngo"]),
    ("Бенефициент – АСП, партньор СО", ["asp", "so"]),
    ("Ръководства на ЦОП-ове", ["cop"]),
    ("НПО след провеждане на конкурс за външен доставчик", ["ngo"]),
    ("Столична община Д „СД“ НПО Други", ["so", "d-sd", "ngo", "others"]),
    ("МВР, МП, МЗ, МТСП, МВНР, МОН и други общини", ["mvr", "mp", "mz", "mtsp", "mvnr", "mon", "other-municipalities"]),
    ("Към ЦОП", ["cop"]),
    ("ЦОП-ове НПО", ["cop", "ngo"]),
    # forms from elsewhere
    ("CO", ["so"]),
    ("CO, MOH", ["so", "mon"]),
    ("СО/ Дирекция СМД/", ["so", "so-smd"]),
    ("МКБППМН-СО/ райони.", ["mkbppmn-so"]),
    ("партньори – НПО, СК", ["ngo", "sports-clubs"]),
    ("МВР в партньорство с ДАЗД", ["mvr", "dazd"]),
    ("Дирекция „Образование“ на Столична община", ["so-education"]),
    ("Регионална дирекция за социално подпомагане", ["rdsp"]),
    ("<p>РУО – гр. София</p> <p>ББИА</p>", ["ruo-sofia", "bbia"]),
]


@pytest.mark.parametrize(("cell", "expected"), TRICKY_CELLS, ids=[c[:40] for c, _ in TRICKY_CELLS])
def test_tricky_cell_resolves_to_expected_ids(cell, expected, glossary):
    assert ids(cell, glossary) == expected


def test_tricky_table_has_at_least_forty_cells():
    assert len(TRICKY_CELLS) >= 40


ALL_CELLS = sample_cells("executor_cells.txt")


def test_sample_cell_file_covers_both_documents():
    assert len(ALL_CELLS) > 130
    assert "Д „СД“ АСП ДАЗД ЗСУ" in ALL_CELLS and "ЦПЛР ЦИКО “София” ЦПЛР СШ “София”" in ALL_CELLS


@pytest.mark.parametrize("cell", sorted(set(ALL_CELLS)))
def test_every_sample_executor_cell_resolves_without_unknowns(cell, glossary):
    matches = resolve_executors(cell, glossary)
    assert matches
    assert [m.raw for m in matches if m.match == "unknown"] == []


def uncovered_text(cell: str, raws: list[str]) -> str:
    """What is left of the cleaned cell after removing every piece and every separator phrase."""
    text = clean_cell(cell)
    for raw in raws:
        assert raw in text, raw
        text = text.replace(raw, " ", 1)
    words = [w for w in matching_keys(text) if w not in {",", ";", "/", "(", ")"}]
    joined = " " + " ".join(words) + " "
    for phrase in sorted(SEPARATOR_PHRASES, key=len, reverse=True):
        joined = joined.replace(" " + phrase + " ", " ")
    return joined.strip()


@pytest.mark.parametrize("cell", sorted(set(ALL_CELLS)) + [c for c, _ in TRICKY_CELLS])
def test_no_text_of_a_cell_is_dropped(cell, glossary):
    raws = [m.raw for m in resolve_executors(cell, glossary)]
    assert uncovered_text(cell, raws) == ""


def test_recognised_samples_have_no_unknown_executors(glossary):
    api = pytest.importorskip("extractor.api")
    cells = []
    for sample in ("sofia-2021-programme.txt", "sofia-2013-action-plan.txt"):
        document = api.extract(SAMPLES / sample)
        cells += [
            (sample, activity.executors_raw)
            for area in document.annex.areas
            for goal in area.goals
            for activity in goal.activities
            if activity.executors_raw
        ]
    assert len(cells) > 100
    assert unknown_pieces(cells, glossary) == []


def test_split_returns_the_cell_text_of_each_organisation():
    assert split_executors("МТСП СО НПО") == ["МТСП", "СО", "НПО"]
    assert split_executors("Бенефициент – АСП, партньор СО") == ["АСП", "СО"]
    assert split_executors("ЦПЛР ЦИКО “София” ЦПЛР СШ “София”") == ["ЦПЛР ЦИКО “София”", "ЦПЛР СШ “София”"]


def test_compound_directorate_of_so_stays_one_piece():
    cell = "Дирекция „Социални услуги за деца и възрастни“ на Столична община НПО"
    assert split_executors(cell) == ["Дирекция „Социални услуги за деца и възрастни“ на Столична община", "НПО"]


def test_qualifier_stays_with_the_body_it_qualifies(glossary):
    [match] = resolve_executors("НПО след провеждане на конкурс за външен доставчик", glossary)
    assert match.raw == "НПО след провеждане на конкурс за външен доставчик"
    assert match.method == "abbreviation+qualifier"


def test_latin_lookalike_abbreviation_matches_cyrillic(glossary):
    [match] = resolve_executors("CO", glossary)
    assert (match.id, match.match, match.raw) == ("so", "exact", "CO")


def test_two_letter_abbreviation_in_lower_case_is_not_an_abbreviation(glossary):
    [match] = resolve_executors("си", glossary)
    assert match.match == "unknown"


def test_inflected_abbreviation_is_a_variant(glossary):
    [match] = resolve_executors("ЦОП-овете", glossary)
    assert (match.id, match.match, match.method) == ("cop", "variant", "abbreviation-inflected")


def test_match_carries_glossary_fields(glossary):
    [match] = resolve_executors("Дирекция СМД", glossary)
    assert match.model_dump() == {
        "id": "so-smd",
        "abbreviation": "СМД",
        "name": "Дирекция „Спорт и младежки дейности“",
        "type": "municipal_directorate",
        "raw": "Дирекция СМД",
        "match": "variant",
        "method": "variant",
        "score": 100.0,
        "suggestions": [],
        "parent": "so",
        "role": "lead",
    }


def test_invented_abbreviation_is_unknown_with_suggestions(glossary):
    [match] = resolve_executors("ДКПЗС", glossary)
    assert match.id is None and match.match == "unknown" and match.raw == "ДКПЗС"
    assert len(match.suggestions) == 3 and all(s in glossary for s in match.suggestions)


def test_unknown_piece_is_kept_beside_known_ones(glossary):
    matches = resolve_executors("МОН, ДКПЗС, РУО", glossary)
    assert [(m.id, m.raw) for m in matches] == [("mon", "МОН"), (None, "ДКПЗС"), ("ruo", "РУО")]


def test_unknown_name_joined_by_and_stays_whole(glossary):
    [match] = resolve_executors("Министерство на младежта и спорта", glossary)
    assert (match.match, match.raw) == ("unknown", "Министерство на младежта и спорта")
    assert "momn" in match.suggestions


NEAR_MISSES = [
    ("Министерство на труда и социална политика", "mtsp"),
    ("Местна комисия за борба с противообществените прояви на малолетните и непълнолетните", "mkbppmn"),
    ("Агенция за социалното подпомагане", "asp"),
    ("Държавна агенция закрила на детето", "dazd"),
]


@pytest.mark.parametrize(("cell", "expected"), NEAR_MISSES)
def test_near_miss_full_name_above_threshold_matches_fuzzily(cell, expected, glossary):
    [match] = resolve_executors(cell, glossary)
    assert (match.id, match.match, match.method) == (expected, "fuzzy", "fuzzy-name")
    assert FUZZY_THRESHOLD <= match.score < 100


FAR_MISSES = ["Министерство на културата", "Министерство на труда", "Фондация „Нови хоризонти“"]


@pytest.mark.parametrize("cell", FAR_MISSES)
def test_name_below_threshold_does_not_match(cell, glossary):
    [match] = resolve_executors(cell, glossary)
    assert match.match == "unknown" and match.score < FUZZY_THRESHOLD


def test_unknown_pieces_are_counted_per_spelling_most_frequent_first(glossary):
    cells = [("a.txt", "МОН, ДКПЗС"), ("b.txt", "дкпзс; Фондация Х"), ("b.txt", "ДКПЗС")]
    pieces = unknown_pieces(cells, glossary)
    assert [(p.raw, p.count, p.sources) for p in pieces] == [
        ("ДКПЗС", 3, ["a.txt", "b.txt"]),
        ("Фондация Х", 1, ["b.txt"]),
    ]


ISSUE_ABBREVIATIONS = (
    "СО ДСП РДСП АСП ДАЗД ОЗД МКБППМН ЦКБППМН ЗБППМН БППМН РУО МОН МОМН МЗ МВР МП МТСП МВНР РЦПППО ЦПЛР "
    "ЦИКО КОК РЗИ НКБТХ АКСУ ОДЦВ ОЕПГ ЦОП ЦНСТ ЦРДУ ЗСУ СУ ДГ СК НПО НАРУ СДВР ДПС ПОП УНИЦЕФ"
).split() + ["Д „СД“", "дирекция СМД", "СШ „София“"]


@pytest.mark.parametrize("abbreviation", ISSUE_ABBREVIATIONS)
def test_every_abbreviation_the_issue_names_is_in_the_glossary(abbreviation, glossary):
    matches = resolve_executors(abbreviation, glossary)
    assert [m.match for m in matches] != ["unknown"]
    assert all(m.id for m in matches)


def test_every_builtin_entry_names_a_source(glossary):
    assert [e.id for e in glossary.entries.values() if not e.source] == []


def test_user_glossary_adds_and_overrides_entries(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text(
        '[dkpzs]\nname = "Дирекция за контрол"\ntype = "other"\nabbreviations = ["ДКПЗС"]\n'
        '[so]\nvariants = ["Общината"]\n',
        encoding="utf-8",
    )
    glossary = load_glossary(extra)
    assert ids("ДКПЗС, Общината", glossary) == ["dkpzs", "so"]
    assert glossary["so"].name == "Столична община"
    assert "dkpzs" not in load_glossary()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[x]\nname = 1\n", "name"),
        ('[x]\nname = "X"\ntype = "planet"\n', "type"),
        ('[x]\nname = "X"\ntype = "other"\nparent = "nowhere"\n', "unknown parent"),
        ('[x]\nname = "X"\ntype = "other"\nabbreviations = ["МОН"]\n', "also a spelling"),
        ("[x\n", "not valid TOML"),
    ],
)
def test_bad_user_glossary_is_a_glossary_error_naming_the_file(tmp_path, content, reason):
    extra = tmp_path / "bad.toml"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        load_glossary(extra)
    assert str(extra) in str(error.value) and reason in str(error.value)


def test_every_qualifier_contains_one_of_the_words_that_let_the_pattern_run():
    """A cell is searched for qualifiers only when it has one of QUALIFIER_HINTS, so no qualifier may lack them."""
    from extractor.normalise.executors import QUALIFIER_HINTS, QUALIFIERS

    cells = [*sample_cells("executor_cells.txt"), "Дейност 3 на ДСП", "ЦОП (след провеждане на конкурс)",
             "НПО, включени в проект „Заедно“", "училища на територията на гр. Смолян", "ДСП в София",
             "читалища в с. Гостилица", "Общината след провеждане на конкурс за доставчик"]
    found = [match[0] for cell in cells for match in QUALIFIERS.finditer(clean_cell(cell))]
    assert len(found) >= 6
    assert [q for q in found if not any(hint in q.casefold() for hint in QUALIFIER_HINTS)] == []
