"""Files the tool writes: checked before any work is done, written as one unit, never over an
input, one run at a time per output.

- `check_output` and `check_folder` run before the search, so that a missing folder, a folder
  that cannot be written, a name that is not allowed, a plan open in Excel or an output that is
  one of the run's inputs (through any path, symbolic or hard link) is said at once, not after
  minutes of planning.
- `OutputSet` writes every file of a run (the plan workbook, its picture, the calendar files)
  to temporary files beside their targets; only when all are complete are they renamed into
  place, the files they replace kept aside until the last rename so that a failure puts them
  back. Either the whole new set is in place, or the old set is untouched. Ctrl-C waits for
  the renames. Temporary files are removed on every way out, and those a killed run left behind
  (kill -9) are removed by the next run that writes there.
- `exclusive` keeps a second run from writing the same output at the same time: it is refused
  at once, before its search.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from optimizer.core.errors import FileErrors
from optimizer.core.messages import t
from optimizer.core.privacy import contains_identity_code

TEMP_PREFIX = ".~taito-"
_TEMP_NAME = re.compile(rf"^{re.escape(TEMP_PREFIX)}(\d+)-")  # the writing process's id
_WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
_NAME_MAX = 255  # bytes in one file name on the common file systems
STALE_SECONDS = 24 * 3600  # where a process cannot be asked whether it lives (Windows)


# --- checks before the search -------------------------------------------------------------------

def same_file(a: Path, b: Path) -> bool:
    """`a` and `b` are one file: the same path once resolved, or the same file through links."""
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_name(path: Path, lang: str) -> None:
    """A name this machine (and a coordinator's Windows) can hold, and no identity code in it."""
    if contains_identity_code(os.fspath(path)):
        raise FileErrors([t("hetu_path", lang, what=t("what_output", lang))])
    name = path.name
    bad = [ch for ch in name if ord(ch) < 32 or ch in _WINDOWS_FORBIDDEN]
    if not name or name in (".", "..") or bad or len(os.fsencode(name)) > _NAME_MAX - 40:
        raise FileErrors([t("bad_output_name", lang, path=path, limit=_NAME_MAX - 40)])
    if name.startswith(TEMP_PREFIX):  # it would be taken for a killed run's leftover and removed
        raise FileErrors([t("reserved_name", lang, path=path, prefix=TEMP_PREFIX)])


def check_folder(folder: Path, lang: str, create: bool = False) -> None:
    """The folder exists (or, with `create`, can be made in one that does) and can be written."""
    try:
        _check_folder(folder, lang, create)
    except OSError as exc:
        raise FileErrors([t("cannot_write", lang, path=folder, why=_why(exc))]) from None


def _check_folder(folder: Path, lang: str, create: bool) -> None:
    if contains_identity_code(os.fspath(folder)):
        raise FileErrors([t("hetu_path", lang, what=t("what_output", lang))])
    if create and not folder.exists():
        check_name(folder, lang)  # a folder to be made: a name this machine and Windows can hold
    if folder.exists() and not folder.is_dir():
        raise FileErrors([t("not_a_folder", lang, path=folder)])
    target = folder
    if not folder.exists():
        if not create or not folder.parent.is_dir():
            raise FileErrors([t("no_folder", lang, path=folder if not create else folder.parent)])
        target = folder.parent
    try:
        fd, probe = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-probe-", dir=target)
    except OSError as exc:
        raise FileErrors([t("cannot_write", lang, path=target, why=_why(exc))]) from None
    os.close(fd)
    Path(probe).unlink(missing_ok=True)


def check_output(path: Path, lang: str, inputs: Sequence[Path | None] = (), suffix: str | None = ".xlsx",
                 derived: Sequence[Path] = ()) -> None:
    """Everything that can be known about writing `path` (and the files `derived` from it, such
    as the plan's picture) before any work: the name, the folder, not an input, not open."""
    try:
        _check_output(path, lang, inputs, suffix, derived)
    except OSError as exc:  # a path longer than the system allows, a folder that cannot be read
        raise FileErrors([t("cannot_write", lang, path=path, why=_why(exc))]) from None


def _check_output(path: Path, lang: str, inputs: Sequence[Path | None], suffix: str | None,
                  derived: Sequence[Path]) -> None:
    check_name(path, lang)
    if suffix is not None and path.suffix.lower() != suffix:
        raise FileErrors([t("bad_output_suffix", lang, path=path, suffix=suffix)])
    for target in (path, *derived):
        for source in inputs:
            if source is not None and same_file(target, Path(source)):
                raise FileErrors([t("same_output", lang, path=target)])
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise FileErrors([t("not_a_regular_output", lang, path=target)])
        open_in_excel(target, lang)
    check_folder(path.parent, lang)


def open_in_excel(path: Path, lang: str) -> None:
    """Excel keeps a lock file `~$NAME` beside a workbook it has open: writing over it would fail
    (on Windows) or be lost when Excel saves, so say so before any work is done."""
    if path.with_name(f"~${path.name}").exists():
        raise FileErrors([t("open_in_excel", lang, path=path)])


def _why(exc: OSError) -> str:
    return exc.strerror or errno.errorcode.get(exc.errno or 0, type(exc).__name__)


# --- one run per output -------------------------------------------------------------------------

@contextlib.contextmanager
def exclusive(path: Path, lang: str) -> Iterator[None]:
    """Hold `path` for this run: a second run writing the same output is refused at once. The
    lock is a file locked by the operating system, so a killed run holds nothing; the file is
    removed when the run ends (or taken over by the next run)."""
    # By the name without its suffix: plan.xlsx and plan.XLSX share the picture plan.png.
    lock = path.with_name(f"{TEMP_PREFIX}lock-{path.stem}")
    while True:
        try:  # never through a link planted in the lock's place
            fd = os.open(lock, os.O_CREAT | os.O_RDWR | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP and lock.is_symlink():
                lock.unlink()  # a link by the tool's own reserved name: not anyone's file
                continue
            raise FileErrors([t("cannot_write", lang, path=path.parent, why=_why(exc))]) from None
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise FileErrors([t("output_busy", lang, path=path)]) from None
        # A run that was just finishing may have removed the file we opened: lock the new one.
        try:
            if os.stat(lock).st_ino == os.fstat(fd).st_ino:
                break
        except OSError:
            pass
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(fd)


def _siblings(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)]
    except OSError:
        return []


def _lock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def remove_stale(folder: Path) -> None:
    """Temporary files a killed run left behind: its process no longer runs."""
    for p in _siblings(folder):
        m = _TEMP_NAME.match(p.name)
        if not m or _alive(int(m.group(1)), p):
            continue
        with contextlib.suppress(OSError):
            kept = p.name[m.end():]
            if kept.startswith("old-") and not (folder / kept[4:]).exists():
                os.replace(p, folder / kept[4:])  # killed between its two renames: put the old file back
            else:
                p.unlink()


def _alive(pid: int, path: Path) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - no harmless "is it alive" on Windows: go by age
        try:
            return time.time() - path.stat().st_mtime < STALE_SECONDS
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- writing a set of files as one unit ----------------------------------------------------------

class OutputSet:
    """Files written as one unit (module docstring). Use as a context manager:

        with OutputSet(lang) as out:
            out.add(plan_path, lambda tmp: write_plan(tmp, ...))
            out.add(picture, lambda tmp: draw(..., tmp))
            out.commit()

    Leaving the block without `commit` (an error, Ctrl-C) removes every temporary file and
    any folder made for them, and leaves every target as it was."""

    def __init__(self, lang: str, inputs: Sequence[Path | None] = ()) -> None:
        self.lang = lang
        self.inputs = [Path(p) for p in inputs if p is not None]  # never written over
        self.files: list[tuple[Path, Path]] = []  # (temporary, target)
        self.removals: list[Path] = []  # old files that go with the old set
        self.made: list[Path] = []  # folders made for the set
        self.done = False

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.done:
            self.discard()

    def temp_for(self, target: Path) -> Path:
        """A temporary file beside `target` (so that the rename stays on one file system)."""
        folder = target.parent
        if not folder.exists():
            try:
                folder.mkdir(parents=False)
            except OSError as exc:
                raise FileErrors([t("cannot_write", self.lang, path=folder, why=_why(exc))]) from None
            self.made.append(folder)
        remove_stale(folder)
        try:
            fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=target.suffix, dir=folder)
        except OSError as exc:
            raise FileErrors([t("cannot_write", self.lang, path=target, why=_why(exc))]) from None
        os.close(fd)
        return Path(name)

    def add(self, target: Path, write: Callable[[Path], object]) -> Path:
        """Write `target`'s new content to a temporary file now; returns the temporary path (a
        later file may read it, as the plan workbook shows its picture)."""
        if any(same_file(target, other) for _, other in self.files):
            raise FileErrors([t("output_twice", self.lang, path=target)])
        if any(same_file(target, source) for source in self.inputs):  # a calendar over the service model
            raise FileErrors([t("same_output", self.lang, path=target)])
        try:
            if target.is_symlink() or (target.exists() and not target.is_file()):
                raise FileErrors([t("not_a_regular_output", self.lang, path=target)])
        except OSError as exc:
            raise FileErrors([t("cannot_write", self.lang, path=target, why=_why(exc))]) from None
        tmp = self.temp_for(target)
        self.files.append((tmp, target))
        try:
            write(tmp)
        except OSError as exc:
            raise FileErrors([t("cannot_write", self.lang, path=target, why=_why(exc))]) from None
        return tmp

    def remove(self, target: Path) -> None:
        """`target` goes with the old set: removed when the new set is in place (a calendar of
        someone no longer in the plan), kept if the set fails."""
        self.removals.append(target)

    def commit(self) -> list[Path]:
        """Rename every file into place; on a failure put back what was there."""
        for _, target in self.files:
            open_in_excel(target, self.lang)  # opened in Excel while this run was planning
        umask = os.umask(0)
        os.umask(umask)
        replaced: list[tuple[Path, Path | None]] = []  # (target, its old content kept aside)
        with _deferred_interrupt():
            try:
                for target in self.removals:
                    old = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-old-{target.name}")
                    os.replace(target, old)
                    replaced.append((target, old))
                for tmp, target in self.files:
                    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a plan is an ordinary file
                    old = None
                    if target.exists():
                        old = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-old-{target.name}")
                        os.replace(target, old)
                    replaced.append((target, old))
                    os.replace(tmp, target)
            except OSError as exc:
                for target, old in reversed(replaced):
                    with contextlib.suppress(OSError):
                        if old is not None:
                            os.replace(old, target)
                        elif target.exists():
                            target.unlink()
                self.discard()
                if isinstance(exc, PermissionError) and target.is_file():  # Windows: open in Excel
                    raise FileErrors([t("output_locked", self.lang, path=target)]) from None
                raise FileErrors([t("cannot_write", self.lang, path=target, why=_why(exc))]) from None
            for _, old in replaced:
                if old is not None:
                    with contextlib.suppress(OSError):
                        old.unlink()
            self.done = True
        return [target for _, target in self.files]

    def discard(self) -> None:
        for tmp, _ in self.files:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty
        self.done = True


@contextlib.contextmanager
def _deferred_interrupt() -> Iterator[None]:
    """Ctrl-C during the renames takes effect after them, so that the set stays whole."""
    heard: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: heard.append(signum))
    except ValueError:  # not the main thread: nothing to defer
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if heard:
        raise KeyboardInterrupt
