"""Executor cells of any municipality: generic bodies, and a place or a proper name after a generic head."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.normalise.executors import resolve_executors
from extractor.normalise.glossary import GlossaryError, load_glossary
from tests.test_executors import uncovered_text

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def resolved(cell: str, glossary) -> list[tuple[str | None, str]]:
    return [(match.id, match.method) for match in resolve_executors(cell, glossary)]


GENERIC_CELLS = [
    # seen in tests of other layouts
    ("Община Габрово", [("obshtina", "name+place")]),
    ("Община Смолян", [("obshtina", "name+place")]),
    ("Кметства", [("kmetstva", "name")]),
    ("Здравни кабинети", [("health-cabinets", "name")]),
    ("Регионална библиотека", [("regional-library", "name")]),
    ("МБАЛ „Д-р Тота Венкова“", [("mbal", "abbreviation+name")]),
    # typical of real programmes
    ("Общинска администрация", [("municipal-administration", "name")]),
    ("Кметът на общината", [("mayor", "variant")]),
    ("кметове на кметства", [("kmetove-na-kmetstva", "name")]),
    ("Дирекция „Социално подпомагане“ – Габрово", [("dsp", "name+place")]),
    ("РУ на МВР – Смолян", [("ru-mvr", "abbreviation+place")]),
    ("Районно управление на МВР", [("ru-mvr", "variant")]),
    ("ОДМВР", [("odmvr", "abbreviation")]),
    ("Детска педагогическа стая (ДПС)", [("dps", "name+qualifier")]),
    ("Районна прокуратура", [("rayonna-prokuratura", "name")]),
    ("Районен съд", [("rayonen-sad", "name")]),
    ("РЗИ – Добрич", [("rzi", "abbreviation+place")]),
    ("Регионално управление на образованието – Добрич", [("ruo", "name+place")]),
    ("читалища", [("chitalishte", "variant")]),
    ("НЧ „Просвета“", [("chitalishte", "abbreviation+name")]),
    ("детски градини", [("dg", "name")]),
    ("училища", [("schools", "name")]),
    ("ОУ „Христо Ботев“", [("ou", "abbreviation+name")]),
    ("СУ „Отец Паисий“", [("su", "abbreviation+name")]),
    ("ПГ по туризъм", [("pg", "abbreviation+name")]),
    ("ППМГ", [("ppmg", "abbreviation")]),
    ("ЦСРИ, ЦОП, ЦНСТ", [("csri", "abbreviation"), ("cop", "abbreviation"), ("cnst", "abbreviation")]),
    ("Кризисен център", [("crisis-centre", "name")]),
    ("Приемни семейства", [("foster-families", "name")]),
    ("Медиатори / здравни медиатори", [("mediators", "name"), ("health-mediators", "name")]),
    ("общински съвет", [("obshtinski-savet", "name")]),
    ("МКБППМН при Община Габрово", [("mkbppmn", "abbreviation+place")]),
    ("Бюро по труда", [("dbt", "variant")]),
    ("Дирекция „Бюро по труда“", [("dbt", "name")]),
    ("Агенция по заетостта, НАП, РИОСВ", [("az", "name"), ("nap", "abbreviation"), ("riosv", "abbreviation")]),
    ("БЧК", [("bchk", "abbreviation")]),
    ("Български червен кръст", [("bchk", "name")]),
    ("ОбСНВ", [("obsnv", "abbreviation")]),
    ("Превантивно-информационен център (ПИЦ)", [("pic", "name+qualifier")]),
    ("Спортни клубове, родители, медии", [("sports-clubs", "name"), ("parents", "name"), ("media", "name")]),
    # own realistic cells
    ("ДСП – Габрово", [("dsp", "abbreviation+place")]),
    ("ДСП-Габрово, ОЗД", [("dsp", "abbreviation+place"), ("ozd", "abbreviation")]),
    ("Община Велико Търново, НПО", [("obshtina", "name+place"), ("ngo", "abbreviation")]),
    ("Община Стара Загора и кметствата", [("obshtina", "name+place"), ("kmetstva", "variant")]),
    ("Община Смолян Кметства", [("obshtina", "name+place"), ("kmetstva", "name")]),
    ("Кметът на Община Габрово", [("mayor", "variant+place")]),
    ("ОУ Христо Ботев – Габрово", [("ou", "abbreviation+name+place")]),
    ("ДГ № 12 „Слънце“ гр. Габрово", [("dg", "abbreviation+name+place")]),
    ("СУ № 5", [("su", "abbreviation+name")]),
    (
        "ПГ по механотехника и електротехника „Н. Й. Вапцаров“ – Смолян",
        [("pg", "abbreviation+name+place")],
    ),
    ("ППМГ „Акад. Никола Обрешков“", [("ppmg", "abbreviation+name")]),
    ("ЦОП – Габрово", [("cop", "abbreviation+place")]),
    ("ЦНСТ „Слънце“", [("cnst", "abbreviation+name")]),
    ("РУ – Смолян / ДПС", [("ru-mvr", "abbreviation+place"), ("dps", "abbreviation")]),
    ("ОД на МВР – Добрич", [("odmvr", "abbreviation+place")]),
    ("Отдел „Закрила на детето“ при ДСП – Габрово", [("ozd", "name+parent")]),
    ("Районна прокуратура – Смолян, Районен съд – Смолян", [
        ("rayonna-prokuratura", "name+place"), ("rayonen-sad", "name+place")]),
    ("Регионална библиотека „Априлов-Палаузов“ – Габрово", [("regional-library", "name+name+place")]),
    ("училища в община Габрово", [("schools", "name+qualifier")]),
    ("НЧ „Просвета 1870“ – с. Гостилица", [("chitalishte", "abbreviation+name+place")]),
    ("Дирекция „Бюро по труда“ – Смолян", [("dbt", "name+place")]),
    ("ОПЛ, здравни медиатори", [("gp", "abbreviation"), ("health-mediators", "name")]),
    ("Областна администрация – Габрово", [("oblastna-administratsiya", "name+place")]),
    ("ОбСНВ – Габрово, ПИЦ", [("obsnv", "abbreviation+place"), ("pic", "abbreviation")]),
    ("МКБППМН – Добрич", [("mkbppmn", "abbreviation+place")]),
    ("Местна комисия за борба с трафика на хора", [("mkbth", "name")]),
    ("РДСП – Смолян", [("rdsp", "abbreviation+place")]),
    # bodies of other municipalities, definite forms, and names of earlier years (РИО, РПУ, ЦДГ, ОДЗ, ДДЛРГ)
    ("Училищата", [("schools", "variant")]),
    ("училищата, детските градини", [("schools", "variant"), ("dg", "variant")]),
    ("РИО – Пловдив", [("rio", "abbreviation+place")]),
    ("Регионален инспекторат по образованието", [("rio", "name")]),
    ("РПУ – Кърджали", [("rpu", "abbreviation+place")]),
    ("ЦСОП „Д-р Петър Берон“", [("csop", "abbreviation+name")]),
    ("РЗОК – Бургас", [("rzok", "abbreviation+place")]),
    ("НЗОК", [("nzok", "abbreviation")]),
    ("Домашен социален патронаж", [("domashen-patronazh", "name")]),
    ("ОДК", [("odk", "abbreviation")]),
    ("Детска ясла „Слънце“", [("detski-yasli", "variant+name")]),
    ("ОДЯ", [("detski-yasli", "abbreviation")]),
    ("Агенция за хората с увреждания", [("ahu", "name")]),
    ("Фонд „Социална закрила“", [("fsz", "name")]),
    ("Училищни настоятелства", [("school-boards", "name")]),
    ("КСУДС – Кюстендил", [("ksu", "abbreviation+place")]),
    ("ЦНСТ ДБУ – Шумен", [("cnst-dbu", "abbreviation+place")]),
    ("ЦНСТДМУ", [("cnst-dmu", "abbreviation")]),
    ("Звено „Майка и бебе“", [("zveno-mayka-i-bebe", "name")]),
    ("Защитено жилище", [("protected-housing", "name")]),
    ("Преходно жилище", [("transitional-housing", "name")]),
    ("Наблюдавано жилище", [("supervised-housing", "name")]),
    ("Ресурсни учители", [("resource-teachers", "name")]),
    ("Младежки дом", [("youth-centre", "name")]),
    ("НСЗ", [("nsz", "abbreviation")]),
    ("Социален работник", [("social-workers", "variant")]),
    ("ЦСМП", [("csmp", "abbreviation")]),
    ("Омбудсман", [("ombudsman", "variant")]),
    ("Полицията", [("police", "variant")]),
    ("Прокуратурата", [("prokuratura", "variant")]),
    ("ЦДГ № 5 „Радост“", [("cdg", "abbreviation+name")]),
    ("ОДЗ „Детелина“", [("odz", "abbreviation+name")]),
    ("ДДЛРГ „Асен Златаров“", [("ddlrg", "abbreviation+name")]),
    ("ДМСГД", [("dmsgd", "abbreviation")]),
    ("ДЦ „Дъга“", [("dnevni-centrove", "abbreviation+name")]),
    ("Национална мрежа за децата", [("nmd", "name")]),
    ("Медицинските заведения", [("medical-establishments", "variant")]),
]


@pytest.mark.parametrize(("cell", "expected"), GENERIC_CELLS, ids=[c[:40] for c, _ in GENERIC_CELLS])
def test_generic_body_resolves_to_expected_id_and_method(cell, expected, glossary):
    assert resolved(cell, glossary) == expected


def test_generic_table_has_at_least_forty_cells():
    assert len(GENERIC_CELLS) >= 40


def test_place_after_a_head_stays_in_the_raw_piece(glossary):
    [match] = resolve_executors("Дирекция „Социално подпомагане“ – Габрово", glossary)
    assert (match.id, match.raw, match.match) == ("dsp", "Дирекция „Социално подпомагане“ – Габрово", "exact")


def test_name_after_a_school_head_stays_in_the_raw_piece(glossary):
    [match] = resolve_executors("ОУ „Христо Ботев“", glossary)
    assert (match.id, match.raw, match.type) == ("ou", "ОУ „Христо Ботев“", "school_or_kindergarten")


def test_place_of_several_words_is_kept_whole(glossary):
    [match] = resolve_executors("Община Велико Търново", glossary)
    assert match.raw == "Община Велико Търново"


@pytest.mark.parametrize("cell", ["ДСП – Долни чифлик", "Община Долни чифлик", "РУ на МВР – Сливо поле",
                                  "Община Две могили"])
def test_official_place_name_with_a_small_second_word_is_kept_whole(cell, glossary):
    [match] = resolve_executors(cell, glossary)
    assert (match.raw, match.match) == (cell, "exact")


@pytest.mark.parametrize(("cell", "expected"), [
    ("Д „СП“ – Самоков", "dsp"), ("Доставчик на услугата", "social-service-providers"),
    ("Доставчикът на социалната услуга", "social-service-providers"),
    # bodies of archived programmes, before the 2011 health and 2016 education reforms
    ("РИОКОЗ – Пазарджик", "riokoz"), ("РЦЗ – Враца", "rcz"), ("РИО – Пазарджик", "rio"),
    ("Агенция за закрила на детето", "dazd"), ("ОбА – Шумен", "municipal-administration")])
def test_older_and_definite_names_of_bodies_resolve(cell, expected, glossary):
    [match] = resolve_executors(cell, glossary)
    assert (match.raw, match.id) == (cell, expected)


def test_a_small_word_after_an_ordinary_place_is_not_taken_into_it(glossary):
    matches = resolve_executors("Община Сливен поле за игра", glossary)
    assert [(m.id, m.raw) for m in matches] == [("obshtina", "Община Сливен"), (None, "поле за игра")]


NOT_A_PLACE = [
    # an ordinary word after `Община` in a sentence
    ("Община организира кампания", [("obshtina", "Община"), (None, "организира кампания")]),
    # a person's name: two capitalised words ending as a family name
    ("Община Иван Петров", [("obshtina", "Община"), (None, "Иван Петров")]),
    ("Община Габрово – Мария Колева", [("obshtina", "Община Габрово"), (None, "Мария Колева")]),
    # a word that starts another body's name
    ("МКБППМН Социални услуги в общността", [("mkbppmn", "МКБППМН"), ("community-services", "Социални услуги в общността")]),
    ("МКБППМН Сдружение Х", [("mkbppmn", "МКБППМН"), (None, "Сдружение Х")]),
    # abbreviations in capitals name bodies, never places
    ("Община НПО", [("obshtina", "Община"), ("ngo", "НПО")]),
    # a head that takes no place: the capitalised word after it is its own piece
    ("МОН Габрово", [("mon", "МОН"), (None, "Габрово")]),
]


@pytest.mark.parametrize(("cell", "expected"), NOT_A_PLACE, ids=[c for c, _ in NOT_A_PLACE])
def test_words_that_are_not_a_place_are_not_taken_into_the_head(cell, expected, glossary):
    assert [(m.id, m.raw) for m in resolve_executors(cell, glossary)] == expected


def test_sofia_cells_keep_their_dedicated_entries_over_the_generic_head(glossary):
    assert [m.id for m in resolve_executors("РУО – София-град, РЦПППО – София", glossary)] == ["ruo-sofia", "rcpppo-sofia"]
    assert [m.id for m in resolve_executors("ЦОП „За Нашите Деца”", glossary)] == ["cop-za-nashite-deca"]


SAMPLE_CELLS = [
    line
    for line in (DATA / "executor_cells.txt").read_text(encoding="utf-8").splitlines()
    if not line.startswith("#")
]


def test_sample_cells_never_take_a_place_or_a_name(glossary):
    methods = {m.method for cell in SAMPLE_CELLS for m in resolve_executors(cell, glossary)}
    assert not [method for method in methods if "+place" in method or "+name" in method]


def test_qualified_by_of_an_unknown_kind_is_a_glossary_error(tmp_path):
    extra = tmp_path / "bad.toml"
    extra.write_text('[x]\nname = "X"\ntype = "other"\nqualified_by = ["planet"]\n', encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        load_glossary(extra)
    assert str(extra) in str(error.value) and "qualified_by" in str(error.value)


def test_user_glossary_can_let_its_own_entry_take_a_place(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text(
        '[mon]\nqualified_by = ["place"]\n[kcz]\nname = "Ключов център"\ntype = "other"\nabbreviations = ["КЦЗ"]\n'
        'qualified_by = ["name"]\n',
        encoding="utf-8",
    )
    glossary = load_glossary(extra)
    assert resolved("МОН Габрово, КЦЗ „Надежда“", glossary) == [
        ("mon", "abbreviation+place"), ("kcz", "abbreviation+name")]
    assert resolved("МОН Габрово", load_glossary()) == [("mon", "abbreviation"), (None, "none")]


@pytest.mark.parametrize("cell", [c for c, _ in GENERIC_CELLS + NOT_A_PLACE])
def test_no_text_of_a_generic_cell_is_dropped(cell, glossary):
    assert uncovered_text(cell, [m.raw for m in resolve_executors(cell, glossary)]) == ""


@pytest.mark.parametrize(("cell", "expected"), [
    ("Сдружение „Родители“", [(None, "Сдружение „Родители“")]),
    ("Сдружение „Асоциация Родители“, ЦОП", [(None, "Сдружение „Асоциация Родители“"), ("cop", "ЦОП")]),
    ("Фондация „Детски сърца“ и родители", [(None, "Фондация „Детски сърца“"), ("parents", "родители")]),
    ("Читалище „Родина“", [("chitalishte", "Читалище „Родина“")]),  # a known head keeps its name
    ("Община Шумен, „Родители“", [("obshtina", "Община Шумен"), ("parents", "„Родители“")]),  # after a comma
])
def test_a_known_word_inside_the_quoted_name_of_an_unknown_body_is_part_of_that_name(cell, expected, glossary):
    """`Сдружение „Родители“` is one association the glossary does not know (reported as unknown), not `Сдружение`
    and the parents."""
    assert [(match.id, match.raw) for match in resolve_executors(cell, glossary)] == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("Директорите на училищата", [("schools", "Директорите на училищата", "variant+post")]),
    ("Инспектор ДПС", [("dps", "Инспектор ДПС", "abbreviation+post")]),
    ("Медицински специалисти в училищата, РЗИ", [("schools", "Медицински специалисти в училищата", "variant+post"),
                                                 ("rzi", "РЗИ", "abbreviation")]),
    ("Социални работници от ОЗД", [("social-workers", "Социални работници от", "fuzzy-name"),
                                   ("ozd", "ОЗД", "abbreviation")]),  # a body of people the glossary knows stays
    ("Класни ръководители", [(None, "Класни ръководители", "none")]),  # no body after the post: unknown
    ("гл. експерт „Образование“ в РУО", [("ruo", "гл. експерт „Образование“ в РУО", "abbreviation+post")]),
])
def test_posts_before_a_known_body_are_that_bodys_people(cell, expected, glossary):
    """`Директорите на училищата`: the schools, by their directors; the post stays in the piece's raw text."""
    assert [(m.id, m.raw, m.method) for m in resolve_executors(cell, glossary)] == expected


@pytest.mark.parametrize("cell", ["Заместник-кмет", "Зам.-кмет", "Заместник-кмет по социални дейности",
                                  "Заместник-кметът на Община Шумен"])
def test_a_deputy_mayor_resolves_whatever_the_spelling(cell, glossary):
    [match] = resolve_executors(cell, glossary)
    assert (match.id, match.raw, match.parent) == ("deputy-mayor", cell, "obshtina")


@pytest.mark.parametrize("cell", ["Save the Children", "Спасете децата"])
def test_save_the_children_resolves_in_either_language(cell, glossary):
    [match] = resolve_executors(cell, glossary)
    assert (match.id, match.type) == ("save-the-children", "international_org")
