"""The exception tree: `InputError` means the file is at fault, never the program."""

from __future__ import annotations

from pathlib import Path


class ExtractorError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(ExtractorError):
    """A file that cannot be read as a programme: names the file and the reason in one line."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnsupportedFormatError(InputError):
    """A file whose content is no format we read."""


class MissingToolError(ExtractorError):
    """A system program we need is not installed; says which package brings it."""

    def __init__(self, tool: str, install_hint: str) -> None:
        self.tool = tool
        self.install_hint = install_hint
        super().__init__(f"{tool} is not installed: {install_hint}")
