"""Named errors: the library raises these; the CLI prints one line, never a traceback."""

from __future__ import annotations


class EstimatesError(Exception):
    """Base class of every error the project raises on purpose."""


class DocumentError(EstimatesError, ValueError):
    """A document could not be read: names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        return (type(self), (self.path, self.reason))


class LexiconError(EstimatesError, ValueError):
    """A lexicon file is malformed: names the file, the line and the text."""

    def __init__(self, path: str, line: int, text: str, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}: {text!r}")
        self.path = path
        self.line = line
        self.text = text
        self.reason = reason

    def __reduce__(self) -> tuple[type[LexiconError], tuple[str, int, str, str]]:
        return (type(self), (self.path, self.line, self.text, self.reason))


class LedgerError(EstimatesError, RuntimeError):
    """The ledger database cannot be opened or is not an estimates ledger."""


class SettingsError(EstimatesError, ValueError):
    """A settings or quantities config file has a bad key or value."""


class ReportError(EstimatesError, ValueError):
    """A report, chart or export cannot be made from what was asked (bad name, format, filter)
    or cannot be written."""
