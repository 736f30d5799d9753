"""Profiles: TOML data files that select rules, set severities, required columns and the expected period."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ExtractorError
from ..model.document import Document, HeaderRole
from .findings import Severity

PROFILE_DIR = Path(__file__).with_name("profiles")
DEFAULT_PROFILE = "default"
PROFILE_FOR_KIND = {"programme": "programme", "action_plan": "action_plan"}
CellRole = Literal["executor", "financing", "deadline", "result"]


class ProfileError(ExtractorError):
    """A profile that cannot be read: names the profile and the reason in one line."""

    def __init__(self, profile: str, reason: str) -> None:
        self.profile = profile
        self.reason = reason
        super().__init__(f"profile {profile}: {reason}")


class Required(BaseModel):
    """The columns every annex table must have and the cells every activity must fill."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    columns: list[HeaderRole] = []
    cells: list[CellRole] = []


class ExpectedPeriod(BaseModel):
    """The span deadlines must touch: the programme year, the strategy period, or fixed years."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: Literal["year", "period", "year-or-period"] = "year-or-period"
    start: int | None = Field(None, description="first year, overriding the document")
    end: int | None = Field(None, description="last year, overriding the document")


class Profile(BaseModel):
    """A validated profile: rule levels by code (`off` disables), requirements, period and thresholds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str = ""
    extends: str | None = None
    rules: dict[str, Severity | Literal["off"]] = {}
    required: Required = Required()
    period: ExpectedPeriod = ExpectedPeriod()
    year: int | None = Field(None, description="programme year to check against, overriding the document")
    area_title_similarity: float = Field(80.0, ge=0, le=100, description="rapidfuzz ratio below which titles differ")

    def level(self, code: str, default: Severity) -> Severity | Literal["off"]:
        """The severity a rule reports at under this profile, or `off`."""
        return self.rules.get(code, default)

    def with_year(self, year: int | None) -> Profile:
        """This profile checking against the given programme year (None leaves it as is)."""
        return self if year is None else self.model_copy(update={"year": year})


def builtin_profiles() -> list[str]:
    """Names of the profiles shipped with the package."""
    return sorted(path.stem for path in PROFILE_DIR.glob("*.toml"))


def _read_toml(name_or_path: str) -> tuple[dict, Path]:
    path = Path(name_or_path)
    if not path.suffix:
        path = PROFILE_DIR / f"{name_or_path}.toml"
        if not path.is_file():
            raise ProfileError(name_or_path, f"no such profile (built-in: {', '.join(builtin_profiles())})")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), path
    except FileNotFoundError:
        raise ProfileError(name_or_path, "file not found") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ProfileError(name_or_path, f"not a readable TOML file ({error})") from None


def _merge(base: dict, override: dict) -> dict:
    """Tables merged key by key, everything else replaced by the override."""
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def _resolve(name_or_path: str, seen: tuple[str, ...] = ()) -> dict:
    if name_or_path in seen:
        raise ProfileError(name_or_path, f"extends itself through {' → '.join(seen)}")
    data, path = _read_toml(name_or_path)
    parent = data.get("extends")
    data.setdefault("name", path.stem)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ProfileError(name_or_path, "`extends` must name a profile")
    return _merge(_resolve(parent, (*seen, name_or_path)), data)


def load_profile(name_or_path: str, known_codes: set[str] | None = None) -> Profile:
    """A built-in profile by name or a TOML file by path, merged over the profile it extends."""
    try:
        profile = Profile.model_validate(_resolve(name_or_path))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ProfileError(name_or_path, f"{where}: {first['msg']}") from None
    if known_codes is not None:
        unknown = sorted(set(profile.rules) - known_codes)
        if unknown:
            raise ProfileError(name_or_path, f"unknown rule code {', '.join(unknown)}")
    return profile


def profile_name_for(document: Document) -> str:
    """The built-in profile for a document's kind: the yearly programme, the action plan, else the default."""
    return PROFILE_FOR_KIND.get(document.kind or "", DEFAULT_PROFILE)


def expected_period(document: Document, profile: Profile) -> tuple[dt.date, dt.date] | None:
    """The first and last day deadlines must fall between, from the profile or the document; None if unknown."""
    year = profile.year if profile.year is not None else document.year
    start = end = None
    if profile.period.source in ("year", "year-or-period") and year is not None:
        start = end = year
    elif profile.period.source in ("period", "year-or-period") and document.period is not None:
        start, end = document.period.start, document.period.end
    start = profile.period.start if profile.period.start is not None else start
    end = profile.period.end if profile.period.end is not None else end
    if start is None or end is None:
        return None
    return dt.date(start, 1, 1), dt.date(end, 12, 31)
