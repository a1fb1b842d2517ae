"""The tool on a Windows-like console and in folders with spaces and ä/ö (issue 16): with
PYTHONIOENCODING=cp1252 every command runs to its end, and an arrow the console cannot show is
written in plain characters rather than failing."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from optimizer import cli


def _optimize(folder, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "TAITO_LANG": "fi"}
    return subprocess.run([sys.executable, "-m", "optimizer", *args], cwd=folder, env=env,
                          capture_output=True, timeout=300, check=False)


def test_a_cp1252_console_and_a_folder_with_spaces_and_umlauts(tmp_path):
    folder = tmp_path / "Kuntoutus ä ö"
    folder.mkdir()
    made = _optimize(folder, "template", "--example", "syöte ä.xlsx")
    assert made.returncode == 0, made.stderr.decode("cp1252")
    planned = _optimize(folder, "syöte ä.xlsx", "--time-limit", "5", "-o", "suunnitelma ö.xlsx", "--explain")
    out = planned.stdout.decode("cp1252")  # every byte is cp1252: no UTF-8 leaked, nothing failed
    assert planned.returncode == 0, planned.stderr.decode("cp1252")
    assert "Kaikki pakolliset säännöt pitävät" in out and "suunnitelma ö.xlsx" in out
    assert (folder / "suunnitelma ö.xlsx").is_file()
    checked = _optimize(folder, "check", "syöte ä.xlsx", "suunnitelma ö.xlsx")
    assert checked.returncode == 0, checked.stdout.decode("cp1252") + checked.stderr.decode("cp1252")
    assert "Traceback" not in checked.stderr.decode("cp1252")


def test_a_character_the_console_cannot_show_is_written_plainly(monkeypatch):
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="cp1252"))
    cli.say("A114 puhelu: S05 → S03, ≥ 2 päivää")
    sys.stdout.flush()
    assert raw.getvalue().decode("cp1252") == "A114 puhelu: S05 -> S03, >= 2 päivää\n"
