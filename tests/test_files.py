"""Files written as one unit, never over an input, one run at a time (optimizer/output/files.py); the
command line's own attacks are in tests/corpus.py."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest

from optimizer.core.errors import InputErrors
from optimizer.output.files import OutputSet, check_output, exclusive, remove_stale, same_file


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_a_set_is_in_place_whole_or_not_at_all(tmp_path):
    a, b = tmp_path / "plan.xlsx", tmp_path / "plan.png"
    a.write_bytes(b"old plan")
    b.write_bytes(b"old picture")
    with pytest.raises(InputErrors), OutputSet("en") as out:
        out.add(b, lambda tmp: tmp.write_bytes(b"new picture"))
        out.add(a, lambda tmp: (_ for _ in ()).throw(OSError(28, "No space left on device")))
        out.commit()
    assert a.read_bytes() == b"old plan" and b.read_bytes() == b"old picture"
    assert names(tmp_path) == {"plan.xlsx", "plan.png"}  # no temporary file left
    with OutputSet("en") as out:
        out.add(b, lambda tmp: tmp.write_bytes(b"new picture"))
        out.add(a, lambda tmp: tmp.write_bytes(b"new plan"))
        out.commit()
    assert a.read_bytes() == b"new plan" and b.read_bytes() == b"new picture"
    assert names(tmp_path) == {"plan.xlsx", "plan.png"}


def test_a_failed_rename_puts_the_old_files_back(tmp_path):
    files = [tmp_path / f"f{k}.ics" for k in range(3)]
    for f in files:
        f.write_bytes(b"old")
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 4:  # the second file's new content
            raise OSError(30, "Read-only file system")
        return real(src, dst)

    with pytest.raises(InputErrors) as exc, OutputSet("en") as out:
        for f in files:
            out.add(f, lambda tmp: tmp.write_bytes(b"new"))
        with mock.patch("optimizer.output.files.os.replace", replace):
            out.commit()
    assert "Read-only file system" in exc.value.messages[0]
    assert [f.read_bytes() for f in files] == [b"old"] * 3
    assert names(tmp_path) == {f.name for f in files}


def test_a_folder_made_for_a_set_that_fails_is_removed(tmp_path):
    with pytest.raises(KeyboardInterrupt), OutputSet("en") as out:
        out.add(tmp_path / "cal" / "S01.ics", lambda tmp: tmp.write_bytes(b"x"))
        raise KeyboardInterrupt
    assert not (tmp_path / "cal").exists()


def test_a_second_run_on_one_output_is_refused_and_the_lock_goes_with_the_first(tmp_path):
    plan = tmp_path / "plan.xlsx"
    with exclusive(plan, "en"):
        with pytest.raises(InputErrors) as exc, exclusive(plan, "en"):
            pass
        assert "Another optimize run" in exc.value.messages[0]
    assert names(tmp_path) == set()
    with exclusive(plan, "en"):  # free again
        pass


def test_what_a_killed_run_left_is_cleared_or_put_back(tmp_path):
    dead = 4_194_304 + 7  # above the kernel's pid limit: no such process
    (tmp_path / f".~taito-{dead}-x1.xlsx").write_bytes(b"half")
    (tmp_path / f".~taito-{dead}-old-plan.xlsx").write_bytes(b"the old plan")
    (tmp_path / f".~taito-{os.getpid()}-mine.xlsx").write_bytes(b"this run's own")
    remove_stale(tmp_path)
    assert (tmp_path / "plan.xlsx").read_bytes() == b"the old plan"
    assert names(tmp_path) == {"plan.xlsx", f".~taito-{os.getpid()}-mine.xlsx"}


def test_an_output_is_never_an_input_through_any_link(tmp_path):
    roster = tmp_path / "roster.xlsx"
    roster.write_bytes(b"roster")
    (tmp_path / "soft.xlsx").symlink_to(roster)
    os.link(roster, tmp_path / "hard.xlsx")
    (tmp_path / "sub").mkdir()
    for output in ("roster.xlsx", "soft.xlsx", "hard.xlsx", "sub/../roster.xlsx"):
        with pytest.raises(InputErrors, match="cannot be the input"):
            check_output(tmp_path / output, "en", (roster,))
    assert same_file(tmp_path / "sub" / ".." / "hard.xlsx", roster)
    check_output(tmp_path / "plan.xlsx", "en", (roster,))


@pytest.mark.parametrize(("output", "words"), [
    ("nowhere/plan.xlsx", "There is no folder"), ("plan.csv", "does not end in .xlsx"),
    ("pla\tn.xlsx", "not allowed"), ("p" * 240 + ".xlsx", "not allowed"), ("dir.xlsx", "not a regular file"),
    ("010101A123B.xlsx", "identity code"),
])
def test_an_output_that_cannot_be_written_is_said_before_any_work(tmp_path, output, words):
    (tmp_path / "dir.xlsx").mkdir()
    with pytest.raises(InputErrors) as exc:
        check_output(tmp_path / output, "en")
    assert words in exc.value.messages[0]
    assert "010101A123B" not in exc.value.messages[0]


def test_an_output_locked_while_writing_is_named_as_open(tmp_path, monkeypatch):
    """Windows refuses to replace a workbook open in Excel (PermissionError): the message says
    the file is open, and the old file stays."""
    from optimizer.core.errors import FileErrors
    from optimizer.output import files

    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")
    real = files.os.replace

    def refuse(src, dst):
        if str(src) == str(target):  # the open file cannot be moved aside
            raise PermissionError(13, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(FileErrors) as err, files.OutputSet("fi") as outputs:
        outputs.add(target, lambda tmp: tmp.write_bytes(b"new"))
        outputs.commit()
    assert "on auki toisessa ohjelmassa" in err.value.messages[0] and target.read_bytes() == b"old"
