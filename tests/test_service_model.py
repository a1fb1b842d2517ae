"""The service model file: every number with its clause, validated at load, and in charge."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from optimizer.core.service_model import DEFAULT_MODEL_PATH, SOFT_RULES, ServiceModelError, load_service_model

from .conftest import solve_and_check, tiny_roster


def variant(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT_MODEL_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_every_parameter_names_its_rule_clause_and_source():
    doc = tomllib.loads(DEFAULT_MODEL_PATH.read_text(encoding="utf-8"))
    for name, p in doc["param"].items():
        assert p["rule"].startswith(("R-", "S-")), name
        assert p["clause"] and p["text"], name
        assert p["source"] in {"QA", "Kela", "assumed"}, name
    assert set(doc["weight"]) == set(SOFT_RULES)


def test_numbers_of_the_service_description():
    sm = load_service_model()
    assert (sm.rng("start_visits").min, sm.rng("start_visits").max) == (1, 5)
    assert (sm.rng("wp_days").min, sm.rng("wp_days").max) == (50, 70)
    assert (sm.rng("wp_visits").min, sm.rng("wp_visits").max) == (8, 12)
    assert sm.num("wp_max_span_days") == 106 and sm.num("rehab_days_max") == 106
    assert [sm.group_min_size(n) for n in (10, 9, 8, 7, 6)] == [7, 6, 6, 4, 4]


def test_inconsistent_model_is_refused(tmp_path):
    # 12 + 8 + 4 = 24 group days breaks R-TOTAL-2 (17-20).
    path = variant(tmp_path, "[param.deep_group_days]\nvalue = 4", "[param.deep_group_days]\nvalue = 8")
    with pytest.raises(ServiceModelError, match="R-TOTAL-2"):
        load_service_model(path)


def test_missing_parameter_is_refused(tmp_path):
    path = variant(tmp_path, "[param.wp_max_span_days]", "[param.wp_max_span_days_typo]")
    with pytest.raises(ServiceModelError, match="wp_max_span_days"):
        load_service_model(path)


def test_changing_deep_group_days_changes_the_plan(tmp_path, sm):
    """deep_group_days 4 -> 3 in the file gives a three-day deepening period (R-DEEP-1)."""
    three = load_service_model(variant(tmp_path, "[param.deep_group_days]\nvalue = 4",
                                       "[param.deep_group_days]\nvalue = 3"))
    roster = tiny_roster(1)
    for model, days in ((sm, 4), (three, 3)):
        result, _ = solve_and_check(roster, model)
        deep = [e for e in result.plan.events if e.kind == "group_day" and e.phase == "deep"]
        assert len(deep) == days
