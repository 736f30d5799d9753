"""The message catalogue (messages.toml): finding texts, terms and interface words in English and Bulgarian."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Literal

from .findings import Finding

Language = Literal["en", "bg"]
CATALOGUE = Path(__file__).with_name("messages.toml")


@cache
def catalogue() -> dict:
    """The parsed catalogue."""
    return tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))


def term(key: str, lang: Language) -> str:
    """A term (a column role, a kind of repair) in the language; the key itself if the catalogue lacks it."""
    return catalogue()["terms"].get(key, {}).get(lang, key)


def ui(key: str, lang: Language, **params: object) -> str:
    """An interface word or phrase in the language, filled with params."""
    return catalogue()["ui"][key][lang].format(**params)


def _params(finding: Finding, lang: Language) -> dict[str, str]:
    return {name: ", ".join(term(key, lang) for key in value) if isinstance(value, list) else value
            for name, value in finding.params.items()}


def localise(finding: Finding, lang: Language) -> Finding:
    """The finding with its message and suggestion written in the language from its key and parameters."""
    entry = catalogue()[finding.key]
    params = _params(finding, lang)
    suggestion = entry.get(f"suggestion_{lang}")
    return finding.model_copy(update={"message": entry[lang].format(**params),
                                      "suggestion": suggestion.format(**params) if suggestion else None})
