"""Writing output files: all or nothing. A file is written beside its target under a temporary
name and renamed into place, so a failed write (disk full, a crash, an unwritable cell) leaves
no partial file and keeps any earlier version intact."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from estimates.errors import ReportError


def write_atomic(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call `write(tmp)` to fill a temporary file (same folder and suffix), then rename it to
    `path`. Errors become one-line `ReportError`s naming `path`."""
    target = Path(path)
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=target.suffix or ".tmp"
        )
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
        tmp = None
    except OSError as e:
        raise ReportError(f"{target}: cannot write: {e.strerror or e}") from None
    except ValueError as e:  # a writer refusing its data: still one line, still no file
        raise ReportError(f"{target}: cannot write: {e}") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return target


def _mode(target: Path) -> int:
    """The permissions a new file gets (a temporary file starts private): the old file's, else
    the usual ones under the umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text(path: str | Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write text to `path` all or nothing (see `write_atomic`)."""
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding=encoding, newline=""))
