"""HTML pages: body order, rowspan/colspan cells placed once, the declared encoding, Word's web-page debris."""

from __future__ import annotations

import pytest

from extractor.api import extract
from extractor.errors import InputError
from extractor.model.layout import Paragraph, Table
from extractor.readers import read
from extractor.readers.source import sniff_format

from .conftest import activities

WORD_WEB_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Програма</title><style>p.MsoNormal {margin:0cm}</style>
<!--[if gte mso 9]><xml><o:DocumentProperties></o:DocumentProperties></xml><![endif]-->
</head>
<body lang=BG>
<div class=WordSection1>
<h1>ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО<br>ЗА 2019 ГОДИНА</h1>
<p class=MsoNormal>Програмата е приета с решение на<o:p></o:p>
Общинския съвет.</p>
<table class=MsoTableGrid border=1>
 <thead><tr><th>Цели</th><th>Дейности</th><th>Отговорни институции</th><th>Финансиране</th><th>Срок</th></tr></thead>
 <tr><td colspan=5><p class=MsoNormal><b>Приоритетна област 1: Здравеопазване</b></p></td></tr>
 <tr><td rowspan=3><p>1. Намаляване на детската смъртност.</p></td>
     <td>1.1. Патронажни грижи за<br>новородени.</td><td>РЗИ,&nbsp;ДСП</td><td>Държавен бюджет</td><td>2019 г.</td></tr>
 <tr><td>1.2. Кампании за имунизации.</td><td>РЗИ</td><td>Не се изисква</td><td>постоянен</td></tr>
 <tr><td>1.3. Консултации на бременни.</td><td>ОПЛ</td><td>НЗОК</td><td>до м. юни</td></tr>
</table>
<p class=MsoNormal>&nbsp;</p>
</div></body></html>
"""


def test_word_web_page_in_windows_1251_is_read_in_body_order(tmp_path):
    path = tmp_path / "programa-2019.htm"
    path.write_bytes(WORD_WEB_PAGE.encode("cp1251"))
    layout = read(path)
    assert layout.source.format == "html"
    assert layout.source.encoding == "windows-1251"
    assert [type(b).__name__ for b in layout.blocks] == ["Paragraph", "Paragraph", "Table"]
    heading, paragraph, table = layout.blocks
    assert (heading.text, heading.style) == ("ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО\nЗА 2019 ГОДИНА", "heading 1")
    assert paragraph.text == "Програмата е приета с решение на Общинския съвет."
    assert isinstance(table, Table) and all(cell.header for cell in table.rows[0])
    assert [(c.col, c.col_span, c.text) for c in table.rows[1]] == [(0, 5, "Приоритетна област 1: Здравеопазване")]
    goal = table.rows[2][0]
    assert (goal.row_span, goal.text, goal.origin.line) == (3, "1. Намаляване на детската смъртност.", 14)
    assert [c.col for c in table.rows[3]] == [1, 2, 3, 4]  # the goal's place is taken by the rowspan above
    assert table.rows[2][1].text == "1.1. Патронажни грижи за\nновородени."


def test_goal_spanning_three_rows_belongs_to_each_activity_once(tmp_path):
    path = tmp_path / "programa.html"
    path.write_text(WORD_WEB_PAGE.replace("windows-1251", "utf-8"), encoding="utf-8")
    document = extract(path)
    found = [(area.title, goal.number, activity.number, activity.executors_raw) for area, goal, activity
             in activities(document)]
    assert found == [
        ("Здравеопазване", "1", "1.1", "РЗИ, ДСП"),
        ("Здравеопазване", "1", "1.2", "РЗИ"),
        ("Здравеопазване", "1", "1.3", "ОПЛ"),
    ]
    assert document.year == 2019


def test_converted_text_with_html_fragments_in_its_rows_stays_text(tmp_path):
    text = "1.1.\t<p>Дейност</p>\tДСП\n<table><tr><td>a</td></tr></table>\n"
    assert sniff_format(tmp_path / "programme.txt", text.encode()) == "text"
    assert sniff_format(tmp_path / "page.txt", b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff_format(tmp_path / "page.html", b"\n<body><p>x</p></body>") == "html"


def test_wrong_declared_charset_falls_back_to_the_guess(tmp_path):
    path = tmp_path / "p.html"
    page = "<html><head><meta charset=utf-8></head><body><p>Програма за закрила на детето</p></body></html>"
    path.write_bytes(page.encode("cp1251"))
    layout = read(path)
    assert layout.source.encoding == "cp1251"
    assert layout.blocks == [Paragraph(text="Програма за закрила на детето", raw="Програма за закрила на детето",
                                       origin={"line": 1})]


def test_markup_nested_thousands_deep_is_an_input_error(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 5000 + "текст" + "</div>" * 5000 + "</body></html>")
    with pytest.raises(InputError, match="deep.html: markup nested too deeply"):
        read(path)
