"""The notebook API (optimizer/api.py, issue 16): a roster read, planned and shown as DataFrames
whose rows are the plan's, validated; a plan read back gives the same tables."""

from __future__ import annotations

from optimizer import api
from optimizer.checks.costs import staff_week_minutes

from .workbooks import english, save


def test_a_roster_planned_through_the_api_gives_its_tables(tmp_path, sm):
    inp = api.read_roster(save(tmp_path, english()))
    planned = api.plan(inp, time_limit_s=10, deterministic=True)
    assert planned.broken == []
    events, periods, load = planned.events, planned.periods, planned.load
    assert len(events) == len(planned.plan.events) and list(events.columns) == api.EVENT_COLUMNS
    assert set(events["client_id"].dropna()) == {"A1", "A2", "A3"}
    assert len(periods) == len(planned.plan.periods) and set(periods["phase"]) >= {"start", "work_practice"}
    # The Load table's minutes are R-STAFF-2's minutes of the plan's events, week by week.
    minutes = staff_week_minutes(inp.sm, planned.plan)
    assert int(load["minutes"].to_numpy().sum()) == sum(minutes.values()) > 0
    assert planned.quality["decision_days_min"] is not None
