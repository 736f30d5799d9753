"""Normalisers: executor cells against the glossary, deadlines as dates, financing as category codes."""

from .deadlines import parse_deadline
from .executors import resolve_executors, split_executors
from .financing import classify_financing
from .glossary import Glossary, GlossaryError, load_glossary

__all__ = [
    "Glossary",
    "GlossaryError",
    "classify_financing",
    "load_glossary",
    "parse_deadline",
    "resolve_executors",
    "split_executors",
]
