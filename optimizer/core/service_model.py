"""The service model: every number of Kela's service description, loaded from models/*.toml.

Code names these numbers; it never repeats them. The file is validated at start so that a
coordinator who edits it gets a clear message rather than a strange plan.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from optimizer.core.privacy import checksum as code_free_checksum
from optimizer.core.privacy import contains_identity_code

# The shipped service model: models/ in a checkout, installed as the package
# optimizer.service_models (pyproject.toml), found the same way in both.
DEFAULT_MODEL_PATH = Path(str(resources.files("optimizer.service_models").joinpath("taito-2021.toml")))

SOFT_RULES = (
    "S-CHANGE",
    "S-GROUP-START",
    "S-DECISION",
    "S-WP-GAP",
    "S-READY",
    "S-START",
    "S-WP-WEEK",
    "S-WP-ORDER",
    "S-RHYTHM",
    "S-LENGTH",
    "S-MISSED-DAY",
    "S-SPREAD",
    "S-OWN-CM",
    "S-OFFICE",
    "S-LOAD",
)

SOURCES = {"QA", "Kela", "assumed"}


class ServiceModelError(ValueError):
    """The service model file is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class Range:
    """A count range from the service description, with the default for an empty input cell."""

    min: int
    max: int
    default: int | None = None

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.min <= value <= self.max


@dataclass(frozen=True)
class Param:
    """One number or range with where it comes from."""

    name: str
    value: int | Range
    rule: str
    clause: str
    source: str
    text: str


# Names the code reads, and whether each is a single number (int) or a range.
_SCALARS = (
    "plan_end_default_months", "start_blocks", "block_days", "start_window_default_days",
    "ready_phase_max_days", "wp_start_max_gap_days", "wp_start_target_gap_days",
    "wp_max_span_days", "wp_site_visits_min", "wp_employer_visits_min", "wp_network_meetings",
    "wp_calls_per_week", "absence_repeat_count", "absence_long_workdays", "deep_group_days",
    "deep_after_wp_max_days", "final_group_days", "final_after_deep_max_days", "report_due_days",
    "follow_up_1_months", "follow_up_2_months", "follow_up_report_days", "rehab_days_max",
    "process_months", "certificate_max_delay_days", "group_min_size_for_max_10",
    "group_min_size_for_max_8_9", "group_min_size_for_max_6_7", "postpone_max_months",
    "day_minutes", "minutes_group_day", "minutes_office", "minutes_video", "minutes_site",
    "minutes_phone", "calendar_day_start_hour", "calendar_group_day_start_hour", "ready_target_days",
    "postpone_units", "change_units_group_period", "search_slack_days",
    "ready_visit_gap_days", "start_visit_gap_days", "wp_first_visit_days", "wp_last_visit_days", "wp_order_units",
    "wp_visit_gap_max_days", "wp_visit_gap_min_days", "follow_up_margin_days",
)
_RANGES = (
    "start_visits", "ready_visits", "wp_days", "wp_visits", "follow_up_visits",
    "individual_sessions", "group_days_total", "group_max_size", "deep_after_wp_target_days",
    "final_after_deep_target_days", "follow_up_1_target_months", "follow_up_2_target_months", "decision_lead_days",
)
_RANGES_WITH_DEFAULT = "start_visits ready_visits wp_days wp_visits follow_up_visits group_max_size"


@dataclass(frozen=True)
class ServiceModel:
    """All parameters by name, the soft-rule weights, and where the file came from."""

    name: str
    path: Path
    checksum: str
    params: dict[str, Param]
    weights: dict[str, int]
    weight_units: dict[str, str]
    weight_texts: dict[str, str]

    def num(self, name: str) -> int:
        value = self.params[name].value
        assert isinstance(value, int)
        return value

    def rng(self, name: str) -> Range:
        value = self.params[name].value
        assert isinstance(value, Range)
        return value

    def group_min_size(self, max_size: int) -> int:
        """R-GROUP-2: the size at which a group must start on its agreed schedule."""
        if max_size >= 10:
            return self.num("group_min_size_for_max_10")
        if max_size >= 8:
            return self.num("group_min_size_for_max_8_9")
        return self.num("group_min_size_for_max_6_7")

    def event_minutes(self, kind: str, mode: str | None) -> int:
        """R-STAFF-2: minutes of work an event takes from each staff member on it: a group day,
        or a visit or call by its mode (office when none is given)."""
        if kind == "group_day":
            return self.num("minutes_group_day")
        return self.num(f"minutes_{mode or 'office'}")

    def with_weights(self, overrides: dict[str, int]) -> ServiceModel:
        """The same model with some soft-rule weights replaced (the input's Weights sheet)."""
        weights = dict(self.weights)
        weights.update(overrides)
        return ServiceModel(
            self.name, self.path, self.checksum, self.params, weights,
            self.weight_units, self.weight_texts,
        )


MAX_FILE_BYTES = 1024 * 1024  # the model file is 20 KB; a device or a huge file is refused unread
WEIGHT_MAX = 1_000_000


def bounds(name: str) -> tuple[int, int]:
    """The values a parameter may take at all, whatever Kela decides next: minutes within a day,
    months and days within a few years, counts within a hundred. A value outside is a typing
    error, and one that no solver could work with (10^8 months, 0 minutes a visit)."""
    if name.startswith("minutes_") or name == "day_minutes":
        return 1, 24 * 60
    if name.endswith("_hour"):
        return 0, 23
    if name.endswith("_units"):
        return 0, 100_000
    if "months" in name:
        return (1 if name in _SCALARS else 0), 60
    if "days" in name and name not in ("block_days", "deep_group_days", "final_group_days", "wp_days",
                                       "group_days_total"):
        return 0, 1_000
    return 0, 100


def _param(name: str, raw: object, where: str) -> Param:
    if not isinstance(raw, dict):
        raise ServiceModelError(f"{where}: [param.{name}] must be a table")
    for key in ("rule", "clause", "source", "text"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ServiceModelError(f"{where}: [param.{name}] needs a text '{key}'")
    if raw["source"] not in SOURCES:
        raise ServiceModelError(
            f"{where}: [param.{name}] source must be one of {sorted(SOURCES)}, not {raw['source']!r}"
        )
    value: int | Range
    if name in _RANGES:
        lo, hi, default = raw.get("min"), raw.get("max"), raw.get("default")
        if not (isinstance(lo, int) and isinstance(hi, int) and 0 <= lo <= hi):
            raise ServiceModelError(f"{where}: [param.{name}] needs whole numbers 0 <= min <= max")
        if name in _RANGES_WITH_DEFAULT.split() and not (isinstance(default, int) and lo <= default <= hi):
            raise ServiceModelError(
                f"{where}: [param.{name}] needs a default between min {lo} and max {hi}"
            )
        allowed = bounds(name)
        if not allowed[0] <= lo <= hi <= allowed[1]:
            raise ServiceModelError(f"{where}: [param.{name}] needs {allowed[0]} <= min <= max <= {allowed[1]}")
        value = Range(lo, hi, default)
    else:
        v = raw.get("value")
        lo, hi = bounds(name)
        if not isinstance(v, int) or isinstance(v, bool) or not lo <= v <= hi:
            raise ServiceModelError(f"{where}: [param.{name}] needs a whole number value {lo}-{hi}")
        value = v
    return Param(name, value, raw["rule"], raw["clause"], raw["source"], raw["text"])


def load_service_model(path: Path | str | None = None) -> ServiceModel:
    """Read and check a service model file (default: models/taito-2021.toml)."""
    p = Path(path) if path else DEFAULT_MODEL_PATH
    if contains_identity_code(os.fspath(p)):  # before any message names the file
        raise ServiceModelError("the service model's file name or folder holds a personal identity code")
    data = _read_bounded(p)
    try:
        text = data.decode("utf-8")
        doc = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ServiceModelError(f"{p.name}: not a valid TOML file ({exc})") from None
    except RecursionError:  # tables nested thousands deep
        raise ServiceModelError(f"{p.name}: not a valid TOML file (nested too deep)") from None
    where = p.name
    # Every text ends up in the plan (weights' texts and units, the model's name): the source
    # and what it means once TOML's escapes (\u002D) are read, through the detector.
    if contains_identity_code(text) or any(contains_identity_code(x) for x in _texts(doc)):
        raise ServiceModelError(f"{where}: holds a personal identity code")
    model_table, raw_params, raw_weights = (_table(doc, key, where) for key in ("model", "param", "weight"))
    missing = [n for n in _SCALARS + _RANGES if n not in raw_params]
    if missing:
        raise ServiceModelError(f"{where}: missing parameters: {', '.join(missing)}")
    params = {name: _param(name, raw_params[name], where) for name in _SCALARS + _RANGES}
    weights, units, texts = {}, {}, {}
    for rule in SOFT_RULES:
        w = raw_weights.get(rule)
        if not isinstance(w, dict) or not isinstance(w.get("value"), int) or isinstance(w["value"], bool) \
                or not 0 <= w["value"] <= WEIGHT_MAX:
            raise ServiceModelError(f"{where}: [weight.{rule}] needs a whole number value 0-{WEIGHT_MAX}")
        weights[rule] = w["value"]
        units[rule] = _text(w, "unit", "", where, rule)
        texts[rule] = _text(w, "text", "", where, rule)
        units[f"{rule}/fi"] = _text(w, "unit_fi", units[rule], where, rule)
        texts[f"{rule}/fi"] = _text(w, "text_fi", texts[rule], where, rule)
    model = ServiceModel(
        name=_text(model_table, "name", p.stem, where, "model"),
        path=p,
        checksum=code_free_checksum(data),
        params=params,
        weights=weights,
        weight_units=units,
        weight_texts=texts,
    )
    _check_consistency(model, where)
    return model


def _table(doc: dict, key: str, where: str) -> dict:
    value = doc.get(key, {})
    if not isinstance(value, dict):
        raise ServiceModelError(f"{where}: [{key}] must be a table")
    return value


def _text(table: dict, key: str, default: str, where: str, owner: str) -> str:
    """A one-line text of at most 500 characters (it is written into the plan's sheets)."""
    value = table.get(key, default)
    if not isinstance(value, str) or len(value) > 500 or any(ch in value for ch in "\r\n\x00"):
        raise ServiceModelError(f"{where}: [{owner}] {key} must be a text on one line of at most 500 characters")
    return value


def _texts(value: object) -> Iterator[str]:
    """Every key and text of a TOML document, however deep (iteratively: no recursion limit)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            yield from (str(k) for k in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _read_bounded(p: Path) -> bytes:
    """The file's bytes, if it is a regular file under MAX_FILE_BYTES: never a device such as
    /dev/zero or a pipe, which would be read for ever."""
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ServiceModelError(f"{p}: not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ServiceModelError(f"{p.name}: {info.st_size // 1024} KB, larger than a service model can be "
                                    f"({MAX_FILE_BYTES // 1024} KB)")
        with p.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ServiceModelError(f"{p}: cannot read the service model ({exc.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise ServiceModelError(f"{p.name}: larger than a service model can be ({MAX_FILE_BYTES // 1024} KB)")
    return data


def _check_consistency(sm: ServiceModel, where: str) -> None:
    """Cross-parameter checks: the service model must describe a course that can exist."""
    total = sm.rng("group_days_total")
    days = sm.num("start_blocks") * sm.num("block_days") + sm.num("deep_group_days") + sm.num(
        "final_group_days"
    )
    if days not in total:
        raise ServiceModelError(
            f"{where}: R-TOTAL-2: start blocks + deep_group_days + final_group_days = {days}, "
            f"outside group_days_total {total.min}-{total.max}"
        )
    for name in ("block_days", "deep_group_days", "final_group_days"):
        if not 1 <= sm.num(name) <= 5:
            raise ServiceModelError(f"{where}: {name} must be 1-5 (days in one week)")
    if sm.num("wp_start_target_gap_days") > sm.num("wp_start_max_gap_days"):
        raise ServiceModelError(f"{where}: wp_start_target_gap_days exceeds wp_start_max_gap_days")
    if sm.num("follow_up_1_months") > sm.num("follow_up_2_months"):
        raise ServiceModelError(f"{where}: follow_up_1_months exceeds follow_up_2_months")
    if sm.num("minutes_group_day") > sm.num("day_minutes"):
        raise ServiceModelError(f"{where}: minutes_group_day exceeds day_minutes")
    if 60 * sm.num("calendar_group_day_start_hour") + sm.num("minutes_group_day") > 24 * 60:
        raise ServiceModelError(f"{where}: a group day from calendar_group_day_start_hour runs past midnight")
    visits = sm.rng("wp_visits").min
    if sm.num("wp_site_visits_min") + sm.num("wp_network_meetings") > visits:
        raise ServiceModelError(
            f"{where}: R-WP-3: wp_site_visits_min + wp_network_meetings exceeds the fewest wp_visits")
    if sm.num("wp_employer_visits_min") > visits:
        raise ServiceModelError(f"{where}: R-WP-3: wp_employer_visits_min exceeds the fewest wp_visits")
    if sm.num("wp_calls_per_week") > 5:
        raise ServiceModelError(f"{where}: R-WP-4: wp_calls_per_week must be 0-5 (one call a day at most)")
