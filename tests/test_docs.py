"""The project carries its own documentation (issue 16).

docs/rules.md names every rule id the validator checks and the service model names; no file of
the project points at a path outside it (a user of the project has only the project).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from optimizer.checks.validate import CHECKS, HARD_RULES, NOTICE_CHECKS, NOTICE_RULES
from optimizer.core.service_model import SOFT_RULES, load_service_model

ROOT = Path(__file__).resolve().parent.parent
RULES_DOC = ROOT / "docs" / "rules.md"
WORKBOOK_DOC = ROOT / "docs" / "workbook.md"

# What the project is made of, as a user or contributor receives it.
PROJECT_FILES = ("README.md", "pyproject.toml")
PROJECT_FOLDERS = ("docs", "optimizer", "models", "benchmarks", "tests", ".ci")
TEXT_SUFFIXES = {".md", ".py", ".toml", ".txt", ".cfg", ".ini", ".yml", ".yaml", ""}

# Paths that lie outside the project: the folder of specs it was once written beside (by its
# relative paths and its files' names) and the machine's own folders. Spelt here in parts, so
# that this file points nowhere itself.
SPECS, MACHINE, RULES_FILE = "sha" + "red", "wo" + "rk", "service" + "-rules"
OUTSIDE = re.compile("|".join((
    rf"\.\./{SPECS}\b",
    rf"\b{SPECS}/(?:spec|seeds)\b",
    rf"/{MACHINE}/",
    rf"\b{RULES_FILE}\.md",
)))


def documented_ids() -> set[str]:
    """The rule ids docs/rules.md names in its headings (### R-WP-3: ...)."""
    text = RULES_DOC.read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^###\s+([RS]-[A-Z0-9-]+?)\s*:", text, re.MULTILINE)}


def service_model_ids() -> set[str]:
    sm = load_service_model()
    return {p.rule for p in sm.params.values()} | set(sm.weights)


def test_rules_doc_names_every_rule_the_validator_checks() -> None:
    checked = set(CHECKS) | set(HARD_RULES) | set(NOTICE_CHECKS) | set(NOTICE_RULES)
    missing = sorted(checked - documented_ids())
    assert not missing, f"docs/rules.md has no section for {missing}"


def test_rules_doc_names_every_rule_the_service_model_names() -> None:
    missing = sorted(service_model_ids() - documented_ids())
    assert not missing, f"docs/rules.md has no section for {missing}"


def test_rules_doc_names_every_soft_rule() -> None:
    missing = sorted(set(SOFT_RULES) - documented_ids())
    assert not missing, f"docs/rules.md has no section for {missing}"


def test_rules_doc_names_no_rule_the_code_does_not_know() -> None:
    """A section for an id nobody checks or weighs is a rule that was renamed or dropped."""
    known = set(CHECKS) | set(SOFT_RULES) | service_model_ids()
    unknown = sorted(documented_ids() - known)
    assert not unknown, f"docs/rules.md describes rule ids the code does not know: {unknown}"


def test_rules_doc_names_every_parameter_under_its_rule() -> None:
    """Each [param.X] of the service model is named (as `X`) in the section of the rule it
    gives, so that a coordinator who reads a rule finds the numbers to change."""
    text = RULES_DOC.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^###\s+([RS]-[A-Z0-9-]+?)\s*:[^\n]*\n(.*?)(?=^###\s|\Z)", text,
                               re.MULTILINE | re.DOTALL))
    missing = [f"{p.name} ({p.rule})" for p in load_service_model().params.values()
               if f"`{p.name}`" not in sections.get(p.rule, "")]
    assert not missing, f"docs/rules.md does not name these parameters under their rule: {missing}"


def test_workbook_doc_names_every_sheet_and_column_in_both_languages() -> None:
    from optimizer.workbook.labels import (
        EVENT_COLUMNS,
        INPUT_COLUMNS,
        INPUT_SHEETS,
        OUTPUT_SHEETS,
        PERIOD_COLUMNS,
        SETTINGS_KEYS,
    )

    text = WORKBOOK_DOC.read_text(encoding="utf-8")
    names = [*(n for pair in INPUT_SHEETS.values() for n in pair),
             *(n for pair in OUTPUT_SHEETS.values() for n in pair),
             *(n for pair in SETTINGS_KEYS.values() for n in pair)]
    for columns in [*INPUT_COLUMNS.values(), EVENT_COLUMNS, PERIOD_COLUMNS]:
        names += [n for _, en, fi, _ in columns for n in (en, fi)]
    missing = sorted({n for n in names if n not in text})
    assert not missing, f"docs/workbook.md does not name {missing}"


def project_files() -> list[Path]:
    files = [ROOT / name for name in PROJECT_FILES if (ROOT / name).is_file()]
    for folder in PROJECT_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts:
                files.append(path)
    return files


def test_the_project_files_are_found() -> None:
    found = {p.relative_to(ROOT).as_posix() for p in project_files()}
    for expected in ("README.md", "docs/rules.md", "docs/workbook.md", "models/taito-2021.toml",
                     "optimizer/cli.py", "optimizer/search/greedy.py", "tests/test_architecture.py"):
        assert expected in found


@pytest.mark.parametrize("text, outside", [
    (f"see ../{SPECS}/spec/workbook.md", True),
    (f"refer to {SPECS}/spec/{RULES_FILE}.md", True),
    (f"the seeds in {SPECS}/seeds/000.txt", True),
    (f"/{MACHINE}/main/README.md", True),
    ("see docs/rules.md", False),
    ("Settings service_model up the folders ../../models/x.toml", False),
])
def test_outside_paths_are_recognised(text: str, outside: bool) -> None:
    assert bool(OUTSIDE.search(text)) is outside


def test_no_file_points_outside_the_project() -> None:
    found = []
    for path in project_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()}")
    assert not found, "paths outside the project:\n" + "\n".join(found)


def test_readme_links_the_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/rules.md" in readme
    assert "docs/workbook.md" in readme


def readme_python() -> str:
    """The README's Python example (its one ```python block)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", readme, re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1, "the README has one Python example"
    return blocks[0]


def test_the_readme_python_example_runs(monkeypatch, capsys) -> None:
    """The notebook example runs as written on the example roster (issue 16), with the search
    cut to a few seconds: the plan's quality is not what it shows."""
    from optimizer import api

    plan = api.plan

    def quick(inp, time_limit_s=60, **kw):
        return plan(inp, time_limit_s=min(time_limit_s, 5), **kw)

    monkeypatch.setattr(api, "plan", quick)
    monkeypatch.chdir(ROOT)
    exec(compile(readme_python(), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert out.startswith("[]\n") and "group_day" in out


def test_links_between_the_docs_resolve() -> None:
    """Every relative link of the README and the docs names a file of the project, and every
    #anchor a heading of it."""
    def anchors(path: Path) -> set[str]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
        return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
                for h in re.findall(r"^#+\s+(.*)$", text, re.MULTILINE)}

    broken = []
    for doc in [ROOT / "README.md", ROOT / "benchmarks" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)\s]+)\)", doc.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            path = (doc.parent / file).resolve() if file else doc
            if not path.is_file() or (anchor and path.suffix == ".md" and anchor not in anchors(path)):
                broken.append(f"{doc.relative_to(ROOT).as_posix()}: {target}")
    assert not broken, "links that do not resolve:\n" + "\n".join(broken)
