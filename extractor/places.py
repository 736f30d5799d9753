"""Bulgarian place-name vocabulary shared by the recogniser (municipality names) and the executor normaliser
(places after an institution: `ДСП – Долни чифлик`)."""

from __future__ import annotations

# First words of two-word municipality names (`Велико Търново`, `Долни чифлик`, `Две могили`).
TWO_WORD_FIRST = (
    "Велико", "Велики", "Стара", "Нова", "Нови", "Ново", "Горна", "Долна", "Горни", "Долни", "Бяла", "Бели", "Червен",
    "Генерал", r"Ген\.", "Сливо", "Свети", "Малко", "Полски", "Елин", "Гоце", "Георги", "Братя", "Никола", "Цар",
    "Две", "Бобов", "Вълчи", "Павел", "Минерални", "Сапарева",
)  # fmt: skip
# Second words that official place names write in small letters (`Долни чифлик`, `Сливо поле`, `Две могили`).
SMALL_NAME_WORDS = ("чифлик", "баня", "бани", "поле", "могили", "пазар", "село", "дол", "бряг")
# A two-word name whose second word is written small: `Долни чифлик`, `Сливо поле` (a pattern, case as written).
SMALL_SECOND_WORD_NAME = rf"(?-i:(?:{'|'.join(TWO_WORD_FIRST)})\s+(?:{'|'.join(SMALL_NAME_WORDS)})(?!\w))"
