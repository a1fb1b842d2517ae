"""Input workbook -> `Roster`, every error with its sheet, cell and value.

All problems are collected and reported together (`InputErrors`), so a coordinator fixes the
workbook once rather than once per run. The workbook is opened read-only and never saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from optimizer.core.bounds import (
    DATES,
    DAY_MINUTES,
    MAX_CLIENTS,
    MAX_HORIZON_DAYS,
    MAX_WINDOW_DAYS,
    TIME_LIMIT_S,
    WEIGHT,
)
from optimizer.core.dates import add_months, days_between
from optimizer.core.domain import CASE_MANAGER, GROUP_LEADER, MON_THU, TUE_FRI, Absence, Client, Group, Roster, Staff
from optimizer.core.errors import InputErrors
from optimizer.core.messages import LANGS, t
from optimizer.core.placements import day_capacity
from optimizer.core.plan import INDIVIDUAL_KINDS, CellRefs, Event, RunSettings
from optimizer.core.service_model import (
    DEFAULT_MODEL_PATH,
    SOFT_RULES,
    ServiceModel,
    ServiceModelError,
    load_service_model,
)
from optimizer.workbook import cells
from optimizer.workbook.intake import ROSTER_LIMITS, open_workbook
from optimizer.workbook.labels import INPUT_COLUMNS, INPUT_SHEETS, REQUIRED_SHEETS, SETTINGS_KEYS, by_name, norm
from optimizer.workbook.plan_read import read_events
from optimizer.workbook.table import Row, Table, blank_below_first_row, find_sheets

_ROLE_ALIASES = {
    "case_manager": CASE_MANAGER, "omaohjaaja": CASE_MANAGER, "case manager": CASE_MANAGER,
    "group_leader": GROUP_LEADER, "ryhmänohjaaja": GROUP_LEADER, "group leader": GROUP_LEADER,
}
_GROUP_WEEKDAYS = {
    "mon-thu": MON_THU, "ma-to": MON_THU, "mon–thu": MON_THU, "ma–to": MON_THU,
    "tue-fri": TUE_FRI, "ti-pe": TUE_FRI, "tue–fri": TUE_FRI, "ti–pe": TUE_FRI,
}


# The sheets `optimize template` adds beside the input's (optimizer/workbook/template.py).
TEMPLATE_SHEETS = frozenset(norm(t(key, lang)) for key in ("template_instructions_sheet", "template_choices_sheet")
                            for lang in LANGS)


class _Reader:
    def __init__(self, path: Path, lang: str, service_model_override: Path | None, replan: bool = False) -> None:
        self.path = path
        self.lang = lang
        # Re-planning from a previous plan: windows and agreed starts may lie before the plan's
        # start (what has begun is taken from the previous plan).
        self.replan = replan
        self.override = service_model_override
        self.errors: list[str] = []
        self.notes: list[str] = []
        self.closed_cells: dict[str, str] = {}
        self.cell_refs: CellRefs = {}  # what RunSettings.cells holds

    # --- helpers -----------------------------------------------------------------------------
    def err(self, key: str, **kw: object) -> None:
        self.errors.append(t(key, self.lang, **kw))

    def given_twice(self, out: Mapping[str, tuple[Any, Row]], ident: str, row: Row, key: str) -> bool:
        """An id its sheet has given already: the error names the first row, whose entry stands."""
        if ident in out:
            self.err("duplicate_id", cell=row.cell(key), value=ident, other=out[ident][1].cell(key))
            return True
        return False

    # --- sheets ------------------------------------------------------------------------------
    def open(self) -> Any:
        """Sizes, limits and the identity-code scan first (optimizer/workbook/intake.py)."""
        return open_workbook(self.path, self.lang, ROSTER_LIMITS)

    def sheets(self, wb: Any) -> dict[str, Any]:
        """The roster's sheets by key; every sheet is the coordinator's, so an unknown one is
        noted, except the template's own (its instructions and choices, in either language)."""
        return find_sheets(wb, INPUT_SHEETS, REQUIRED_SHEETS, self.lang, self.errors, self.notes, TEMPLATE_SHEETS)

    def rows(self, ws: Any, sheet_key: str) -> Iterable[Row]:
        """Data rows of a sheet, keyed by column; the header is the first non-empty row."""
        return Table(ws, INPUT_COLUMNS[sheet_key], self.lang, self.errors).rows()

    # --- the whole workbook ------------------------------------------------------------------
    def read(self) -> tuple[Roster, ServiceModel, RunSettings]:
        """The workbook was scanned for identity codes before it was opened: no message below
        can echo one."""
        wb = self.open()
        try:
            return self._read(wb)
        finally:
            wb.close()

    def _read(self, wb: Any) -> tuple[Roster, ServiceModel, RunSettings]:
        ws = self.sheets(wb)
        if self.errors:
            raise InputErrors(self.errors)
        settings = self.settings(ws["settings"])
        sm = self.service_model(settings)
        staff = self.staff(ws["staff"], sm)
        groups = self.groups(ws["groups"], sm)
        clients = self.clients(ws["clients"], sm)
        absences = self.absences(ws["absences"]) if "absences" in ws else []
        closed = self.closed(ws["closed"]) if "closed" in ws else {}
        weights = self.weights(ws["weights"]) if "weights" in ws else {}
        pinned = self.fixed(ws["fixed"]) if "fixed" in ws else []
        plan_start = settings.get("plan_start")
        if plan_start is None:
            if "plan_start" not in settings["_cells"]:  # no row for it (a row that fails says so itself)
                self.err("missing_setting", sheet=ws["settings"].title, what="plan_start / suunnittelu_alkaa")
            raise InputErrors(self.errors)
        plan_end = settings.get("plan_end")
        end_cell = settings["_cells"].get("plan_end", settings["_cells"].get("plan_start", "Settings"))
        if plan_end is None:
            latest = max((g.start_latest for g, _ in groups.values()), default=plan_start)
            plan_end = add_months(latest, sm.num("plan_end_default_months"))
        elif plan_end <= plan_start:
            self.err("plan_end_before_start", cell=end_cell, end=plan_end, start=plan_start)
        if plan_end > DATES[1] or (plan_end - plan_start).days > MAX_HORIZON_DAYS:
            # Every event of the plan lies within it, and a plan is read back by the same bounds.
            self.err("horizon_too_long", cell=end_cell, start=plan_start, end=plan_end, last=DATES[1],
                     years=MAX_HORIZON_DAYS // 365)
            raise InputErrors(self.errors)
        roster = self.cross_check(plan_start, plan_end, settings, staff, groups, clients,
                                  absences, closed, sm)
        roster = self.check_pinned(roster, pinned)
        if self.errors:
            raise InputErrors(self.errors)
        if weights:
            sm = sm.with_weights(weights)
        limit = settings.get("time_limit_s")
        run = RunSettings(time_limit_s=float(limit) if limit is not None else None, pinned=tuple(pinned),
                          cells=self.cell_refs)
        return roster, sm, run

    def settings(self, ws: Any) -> dict[str, Any]:
        keys = by_name(SETTINGS_KEYS)
        out: dict[str, Any] = {"_cells": {}}
        for row in self.rows(ws, "settings"):
            name = row.get("key")
            if name is None:
                continue
            key = keys.get(norm(name))
            if key is None:
                self.notes.append(t("unknown_setting", self.lang, cell=row.cell("key"), value=name))
                continue
            if key in out["_cells"]:  # plan_start and suunnittelu_alkaa both: which one is meant?
                self.err("duplicate_setting", cell=row.cell("key"), value=name, other=out["_cells"][key])
                continue
            out["_cells"][key] = row.cell("value")
            if key in ("plan_start", "plan_end"):
                value = row.parse("value", row.as_date, required=key == "plan_start", what=str(name))
            elif key == "time_limit_s":  # the same bounds as --time-limit
                lo, hi = TIME_LIMIT_S
                value = row.parse("value", cells.as_number, f"seconds, {lo:g}–{hi:g}")
                if value is not None and not lo <= value <= hi:
                    self.err("out_of_range", cell=row.cell("value"), value=value, expected=f"{lo:g}–{hi:g}",
                             rule="time_limit_s")
                    value = None
            else:
                value = row.text("value")
            if value is not None:
                out[key] = value
        return out

    def service_model(self, settings: dict[str, Any]) -> ServiceModel:
        path: Path | None = self.override
        if path is None and settings.get("service_model"):
            path = self.named_model(settings["service_model"], settings["_cells"]["service_model"])
        try:
            return load_service_model(path)
        except ServiceModelError as exc:
            raise InputErrors([*self.errors, t("service_model", self.lang, why=str(exc))]) from None

    def named_model(self, name: str, cell: str) -> Path:
        """The Settings sheet names a service model by its file name: one shipped with the tool
        (taito-2021) or a .toml file in the roster's own folder. A path elsewhere is given on
        the command line (--service-model): a workbook passed from hand to hand must not make
        the tool read any file of the machine it runs on."""
        if any(sep in name for sep in ("/", "\\", ":")) or name.startswith("."):
            raise InputErrors([*self.errors, t("service_model_name", self.lang, cell=cell, value=name)])
        stems = (name, f"{name}.toml")
        candidates = [folder / stem for folder in (self.path.parent, DEFAULT_MODEL_PATH.parent) for stem in stems]
        found = next((c for c in candidates if c.suffix == ".toml" and c.is_file()), None)
        if found is None:
            raise InputErrors([*self.errors, t("service_model_missing", self.lang, cell=cell, value=name)])
        return found

    def staff(self, ws: Any, sm: ServiceModel) -> dict[str, tuple[Staff, Row]]:
        out: dict[str, tuple[Staff, Row]] = {}
        for row in self.rows(ws, "staff"):
            sid = row.parse("staff_id", cells.as_id, required=True, what="staff_id / tunnus")
            roles_raw = row.parse("roles", cells.as_list, required=True, what="roles / roolit")
            roles = frozenset(_ROLE_ALIASES.get(norm(r), norm(r)) for r in roles_raw or [])
            if roles_raw is not None and not roles & {CASE_MANAGER, GROUP_LEADER}:
                self.err("bad_roles", cell=row.cell("roles"), value=cells.as_text(row.get("roles")))
            work_days = row.parse("work_days", cells.as_weekdays) or frozenset(range(5))
            max_clients = row.bounded("max_clients", MAX_CLIENTS, "R-STAFF-4")
            minutes = row.bounded("day_minutes", DAY_MINUTES, "R-STAFF-2")
            site = row.text("site")
            name = row.text("name")
            if sid is None:
                continue
            if self.given_twice(out, sid, row, "staff_id"):
                continue
            out[sid] = (Staff(sid, roles, work_days, max_clients, minutes, site, name), row)
        return out

    def groups(self, ws: Any, sm: ServiceModel) -> dict[str, tuple[Group, Row]]:
        out: dict[str, tuple[Group, Row]] = {}
        size = sm.rng("group_max_size")
        for row in self.rows(ws, "groups"):
            gid = row.parse("group_id", cells.as_id, required=True, what="group_id / ryhmä")
            max_size = row.bounded("max_size", (size.min, size.max), "R-GROUP-1", size.default or size.max)
            earliest = row.parse("start_earliest", row.as_date, required=True,
                                 what="start_earliest / aloitus_aikaisintaan")
            latest = row.parse("start_latest", row.as_date)
            if earliest and latest is None:
                latest = earliest + timedelta(days=sm.num("start_window_default_days"))
            if earliest and latest and latest < earliest:
                self.err("end_before_start", cell=row.cell("start_latest"), end=latest, start=earliest)
            elif earliest and latest and (latest - earliest).days > MAX_WINDOW_DAYS:
                # Every start in the window is a placement the model weighs: a window of years
                # would make the search run far past its time limit.
                self.err("window_too_long", cell=row.cell("start_latest"), start=earliest, end=latest,
                         days=MAX_WINDOW_DAYS)
            weekdays = None
            if row.get("weekdays") is not None:
                text = norm(cells.as_text(row.get("weekdays"))).replace(" ", "")
                weekdays = _GROUP_WEEKDAYS.get(text)
                if weekdays is None:
                    self.err("bad_group_weekdays", cell=row.cell("weekdays"),
                             value=cells.as_text(row.get("weekdays")))
            leaders = row.parse("leaders", cells.as_list, required=True, what="leaders / ohjaajat") or []
            if row.get("leaders") is not None and not leaders:
                self.err("required", cell=row.cell("leaders"), what="leaders / ohjaajat")
            needed = row.parse("leaders_needed", cells.as_int, "a whole number ≥ 1")
            if needed is not None and needed < 1:
                self.err("out_of_range", cell=row.cell("leaders_needed"), value=needed,
                         expected="≥ 1", rule="R-GROUP-4")
                needed = None
            if needed is not None and leaders and needed > len(leaders):
                self.err("leaders_needed", cell=row.cell("leaders_needed"), value=needed,
                         count=len(leaders))
            language = self.language(row)
            room = row.text("room")
            site = row.text("site")
            postpone = row.parse("postpone", cells.as_bool) or False  # R-GROUP-2: checked with the clients
            if gid is None or earliest is None or latest is None:
                continue
            if self.given_twice(out, gid, row, "group_id"):
                continue
            group = Group(gid, earliest, latest, tuple(leaders), max_size, weekdays, needed,
                          language or "fi", room, site, bool(postpone))
            out[gid] = (group, row)
        return out

    def language(self, row: Row) -> str | None:
        value = row.get("language")
        if value is None:
            return None
        text = norm(cells.as_text(value))
        aliases = {"fi": "fi", "suomi": "fi", "finnish": "fi", "sv": "sv", "ruotsi": "sv",
                   "swedish": "sv", "svenska": "sv"}
        if text not in aliases:
            self.err("bad_language", cell=row.cell("language"), value=cells.as_text(value))
            return None
        return aliases[text]

    def clients(self, ws: Any, sm: ServiceModel) -> dict[str, tuple[Client, Row]]:
        out: dict[str, tuple[Client, Row]] = {}
        sv, rv, wv, wd, fv = (sm.rng(n) for n in
                              ("start_visits", "ready_visits", "wp_visits", "wp_days", "follow_up_visits"))
        for row in self.rows(ws, "clients"):
            cid = row.parse("client_id", cells.as_id, required=True, what="client_id / asiakas")
            gid = row.parse("group_id", cells.as_id, required=True, what="group_id / ryhmä")
            decision = row.parse("decision_date", row.as_date, required=True, what="decision_date / päätöspäivä")
            cm = row.parse("case_manager", cells.as_id)
            clear = row.parse("clear_plan", cells.as_bool) or False
            start_visits = row.bounded("start_visits", (sv.min, sv.max), "R-START-1", sv.default or sv.min)
            ready_visits = row.bounded("ready_visits", (rv.min, rv.max), "R-READY-1", rv.default or rv.min)
            wp_visits = row.bounded("wp_visits", (wv.min, wv.max), "R-WP-3", wv.default or wv.min)
            follow = row.bounded("follow_up_visits", (fv.min, fv.max), "R-FOLLOW-1", fv.default or fv.max)
            reason = row.text("wp_short_reason")
            wp_days = row.parse("wp_days", cells.as_int, f"{wd.min}–{wd.max}")
            if wp_days is None:
                wp_days = wd.default or wd.min
            elif wp_days > wd.max or wp_days < 1:
                self.err("out_of_range", cell=row.cell("wp_days"), value=wp_days,
                         expected=f"{wd.min}–{wd.max}", rule="R-WP-2")
            elif wp_days < wd.min and not reason:
                self.err("wp_short_needs_reason", cell=row.cell("wp_days"), value=wp_days, min=wd.min)
            wp_start = row.parse("wp_start", row.as_date)
            if wp_start and decision and wp_start < decision:
                self.err("wp_start_early", cell=row.cell("wp_start"), value=wp_start, decision=decision)
            lunch = row.text("lunch")
            language = self.language(row)
            wp_weekdays = self.practice_weekdays(row)
            # R-DEEP-2: a clear-plan client joins the final group days; without a clear plan the
            # client attends them anyway, so a yes there is no error.
            attends_final = row.parse("attends_final", cells.as_bool) or False
            if cid is None or gid is None or decision is None:
                continue
            if self.given_twice(out, cid, row, "client_id"):
                continue
            client = Client(cid, gid, decision, start_visits, ready_visits, wp_visits, wp_days,
                            follow, cm, bool(clear), wp_start, lunch, reason, language, wp_weekdays,
                            bool(attends_final))
            out[cid] = (client, row)
        return out

    def practice_weekdays(self, row: Row) -> frozenset[int] | None:
        """R-WP-2: a part-time client's practice weekdays (`ma-to`, `Mon, Wed, Thu`), Monday to
        Friday only; None (every working day) when empty or every weekday."""
        days = row.parse("wp_weekdays", cells.as_weekdays)
        if days is None:
            return None
        if max(days) > 4:
            self.err("bad_wp_weekdays", cell=row.cell("wp_weekdays"), value=cells.as_text(row.get("wp_weekdays")))
            return None
        return None if days == frozenset(range(5)) else days

    def absences(self, ws: Any) -> list[tuple[Absence, Row]]:
        out = []
        for row in self.rows(ws, "absences"):
            person = row.parse("person", cells.as_id, required=True, what="person / henkilö")
            # Issue 15: the start cell may hold the whole range (1.7.2027–31.7.2027), the end then empty.
            span = row.parse("start", row.as_date_range, required=True, what="start / alkaa")
            start = span[0] if span else None
            end = row.parse("end", row.as_date, required=not (span and span[0] != span[1]), what="end / päättyy")
            if span and span[0] != span[1] and end is not None and end != span[1]:
                self.err("range_and_end", cell=row.cell("end"), value=cells.as_text(row.get("start")), end=end)
                continue
            end = end or (span[1] if span else None)
            reason = row.text("reason") or ""
            if start and end and end < start:
                self.err("end_before_start", cell=row.cell("end"), end=end, start=start)
                continue
            if person and start and end:
                out.append((Absence(person, start, end, reason), row))
        return out

    def fixed(self, ws: Any) -> list[Event]:
        """R-CLIENT-3: events done or agreed, in the Events sheet's columns (a row from a plan's
        Events sheet can be copied here as it is)."""
        if blank_below_first_row(ws, self.lang):
            return []
        return read_events(ws, self.errors, self.lang)

    def check_pinned(self, roster: Roster, pinned: list[Event]) -> Roster:
        """Pinned events name known groups, clients and staff and lie inside the plan's dates
        (input errors, exit 2). An individual event pinned with a staff member of a client whose
        case manager is left empty names that case manager (R-STAFF-3)."""
        clients = dict(roster.clients)
        for e in pinned:
            if e.group_id not in roster.groups:
                self.err("unknown_group", cell=e.row, value=e.group_id or "-")
            if e.client_id is not None and e.client_id not in roster.clients:
                self.err("pinned_unknown_client", cell=e.row, value=e.client_id)
            elif e.client_id is not None and roster.clients[e.client_id].group_id != e.group_id:
                self.err("pinned_other_group", cell=e.row, value=e.client_id, group=e.group_id,
                         own=roster.clients[e.client_id].group_id)
            for s in e.staff_ids:
                if s not in roster.staff:
                    self.err("unknown_staff", cell=e.row, value=s)
            if not roster.plan_start <= e.date <= roster.plan_end:
                self.err("window_outside", cell=e.row, what="date", value=e.date, start=roster.plan_start,
                         end=roster.plan_end)
            c = clients.get(e.client_id or "")
            if (c is not None and c.case_manager is None and e.staff_ids and not e.substitute
                    and e.kind in INDIVIDUAL_KINDS and e.staff_ids[0] in roster.staff):
                clients[c.client_id] = replace(c, case_manager=e.staff_ids[0])
        self.cell_refs.update({("fixed", str(k)): e.row for k, e in enumerate(pinned)})
        return replace(roster, clients=clients)

    def closed(self, ws: Any) -> dict[date, str]:
        out: dict[date, str] = {}
        for row in self.rows(ws, "closed"):
            # Issue 15: a range of days in one cell (27.12.2027–31.12.2027) closes each of them.
            span = row.parse("date", row.as_date_range, required=True, what="date / päivä")
            reason = row.text("reason") or ""
            for day in days_between(*span) if span else ():
                out[day] = reason
                self.closed_cells[day.isoformat()] = row.cell("date")
        return out

    def weights(self, ws: Any) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows(ws, "weights"):
            rule = row.parse("rule", cells.as_text, required=True, what="rule / sääntö")
            weight = row.parse("weight", cells.as_int, f"{WEIGHT[0]}–{WEIGHT[1]}", required=True,
                               what="weight / paino")
            if rule is not None and rule.upper() not in SOFT_RULES:
                self.err("unknown_rule", cell=row.cell("rule"), value=rule, expected=", ".join(SOFT_RULES))
                continue
            if weight is not None and not WEIGHT[0] <= weight <= WEIGHT[1]:
                self.err("out_of_range", cell=row.cell("weight"), value=weight,
                         expected=f"{WEIGHT[0]}–{WEIGHT[1]}", rule=rule)
                continue
            if rule is not None and weight is not None:
                out[rule.upper()] = weight
        return out

    # --- across sheets -------------------------------------------------------------------------
    def cross_check(self, plan_start: date, plan_end: date, settings: dict[str, Any],
                    staff: dict[str, tuple[Staff, Row]], groups: dict[str, tuple[Group, Row]],
                    clients: dict[str, tuple[Client, Row]], absences: list[tuple[Absence, Row]],
                    closed: dict[date, str], sm: ServiceModel) -> Roster:
        group_minutes = sm.num("minutes_group_day")
        for g, row in groups.values():
            for lid in g.leaders:
                if lid not in staff:
                    self.err("unknown_staff", cell=row.cell("leaders"), value=lid)
                    continue
                s = staff[lid][0]
                if not s.is_leader:
                    self.err("not_leader", cell=row.cell("leaders"), value=lid)
                minutes = day_capacity(s, sm)
                if minutes < group_minutes:
                    self.err("leader_minutes", cell=staff[lid][1].cell("day_minutes"), value=lid,
                             minutes=minutes, need=group_minutes)
            for key, day in (("start_earliest", g.start_earliest), ("start_latest", g.start_latest)):
                if not (plan_start <= day or self.replan) or day > plan_end:
                    self.err("window_outside", cell=row.cell(key), what=key, value=day,
                             start=plan_start, end=plan_end)
        for cid, (c, row) in clients.items():
            if cid in staff:
                self.err("id_both", cell=row.cell("client_id"), value=cid)
            if c.decision_date > plan_end:
                self.err("window_outside", cell=row.cell("decision_date"), what="decision_date",
                         value=c.decision_date, start=plan_start, end=plan_end)
            if c.group_id not in groups:
                self.err("unknown_group", cell=row.cell("group_id"), value=c.group_id)
            else:
                g = groups[c.group_id][0]
                if c.language and c.language != g.language:
                    self.err("language_mismatch", cell=row.cell("language"), value=c.language,
                             group=g.group_id, group_lang=g.language)
            if c.case_manager is not None:
                if c.case_manager not in staff:
                    self.err("unknown_staff", cell=row.cell("case_manager"), value=c.case_manager)
                elif not staff[c.case_manager][0].is_case_manager:
                    self.err("not_case_manager", cell=row.cell("case_manager"), value=c.case_manager)
            if c.wp_start and (not (plan_start <= c.wp_start or self.replan) or c.wp_start > plan_end):
                self.err("window_outside", cell=row.cell("wp_start"), what="wp_start", value=c.wp_start,
                         start=plan_start, end=plan_end)
        for gid, (g, row) in groups.items():
            count = sum(1 for c, _ in clients.values() if c.group_id == gid)
            if count > g.max_size:
                self.err("group_too_big", cell=row.cell("max_size"), value=gid, count=count,
                         max=g.max_size)
            least = sm.group_min_size(g.max_size)
            if g.postpone and count >= least:  # R-GROUP-2: only a group below its minimum may wait
                self.err("postpone_at_minimum", cell=row.cell("postpone"), value=cells.as_text(row.get("postpone")),
                         group=gid, count=count, least=least)
        for a, row in absences:
            if a.person not in staff and a.person not in clients:
                self.err("unknown_person", cell=row.cell("person"), value=a.person)
        cells_map: dict[tuple[str, str], str] = {}
        for kind, table in (("staff", staff), ("groups", groups), ("clients", clients)):
            for key, (_, row) in table.items():
                cells_map[(kind, key)] = row.ref
        # The cells a diagnosis points at (issue 4): windows, agreed starts, named case managers,
        # absence rows (by their order in the roster), closed days and the plan's end.
        for gid, (_, row) in groups.items():
            for key in ("start_earliest", "start_latest", "postpone", "weekdays"):
                cells_map[(f"groups.{key}", gid)] = row.cell(key)
        for sid, (_, row) in staff.items():
            cells_map[("staff.work_days", sid)] = row.cell("work_days")
        for cid, (_, row) in clients.items():
            for key in ("wp_start", "case_manager", "wp_weekdays"):
                cells_map[(f"clients.{key}", cid)] = row.cell(key)
        for k, (_, row) in enumerate(absences):
            cells_map[("absences", str(k))] = row.cell("start")
        for iso, cell in self.closed_cells.items():
            cells_map[("closed", iso)] = cell
        if "plan_end" in settings["_cells"]:
            cells_map[("settings", "plan_end")] = settings["_cells"]["plan_end"]
        self.cell_refs = cells_map
        return Roster(
            plan_start=plan_start,
            plan_end=plan_end,
            staff={k: v[0] for k, v in staff.items()},
            groups={k: v[0] for k, v in groups.items()},
            clients={k: v[0] for k, v in clients.items()},
            absences=tuple(a for a, _ in absences),
            closed_days=closed,
            service_model=settings.get("service_model"),
        )


def read_roster(path: Path | str, lang: str = "fi", service_model: Path | str | None = None,
                replan: bool = False) -> tuple[Roster, ServiceModel, RunSettings, list[str]]:
    """Read and check an input workbook. Returns the roster, its service model, what the
    workbook says about this run (the Settings sheet's time limit, the Fixed sheet's pins) and
    notes.
    `replan`: a re-plan from a previous plan (windows may have begun before the plan's start).

    Raises `InputErrors` with every problem found, each naming sheet, cell and value.
    """
    reader = _Reader(Path(path), lang, Path(service_model) if service_model else None, replan)
    roster, sm, run = reader.read()
    return roster, sm, run, reader.notes
