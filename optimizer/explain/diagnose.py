"""Why no plan exists, and which change would give one (issue 4).

The input facts that can collide are each a `Fact` that can be relaxed: an absence (dropped), a
group's start window (opened to the whole plan), an agreed work-practice start (dropped), a named
case manager (left to the tool), closed days (opened) and the plan's end (a year later). A set of
facts is a *collision* when relaxing every fact outside it still leaves no plan.

QuickXplain (U. Junker, AAAI 2004) finds a collision that is minimal (no fact of it can be left
out) with a number of checks that grows with its size times the log of the number of facts. Each
check is one search for any plan (`Oracle.has_plan`: the pre-checks, the greedy planner, then
CP-SAT without an objective). The rules across people that a collision runs into are named by
leaving each out in turn (`RELAXABLE_RULES`).

Then each fact of the collision is changed on its own in the real roster: an absence shortened
to the days a plan needs the person, a window moved to a start that has a plan, another case
manager, an agreed start moved, a later plan end. A change is suggested only when the roster
with it has a plan (verified by a check).

Where groups are diagnosed one by one, a change verified for its group alone may not hold with
the other groups' changes (two groups moved to the same weeks need their one leader twice). Then
the changes are verified together on the whole roster, one of each group's at a time (MAX_SETS
sets), and a set is called verified only when the whole roster with all of it has a plan; when no
set does, the diagnosis says so and looks on the whole roster, with the first set applied, for
the collision that remains (issue 15).

Public holidays and closed days that fall inside a collision's dates are named beside its facts:
they are not facts a coordinator can change, but they are often why the dates do not fit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import combinations, islice, product
from typing import Any

from ortools.sat.python import cp_model

from optimizer.checks.prechecks import prechecks
from optimizer.checks.validate import validate
from optimizer.core import placements
from optimizer.core.calendar import Calendar, days_off_info
from optimizer.core.domain import Absence, Group, Roster, same_site
from optimizer.core.messages import Msg
from optimizer.core.plan import DEFAULT_RUN, CellRefs, Plan, RunSettings
from optimizer.core.service_model import ServiceModel
from optimizer.search import solver as solver_settings
from optimizer.search import stopping
from optimizer.search.greedy import NoGreedyPlan, greedy_plan
from optimizer.search.model import RELAXABLE_RULES, NoPlan, SearchWindows, build_model
from optimizer.search.model.case_managers import choose_case_managers
from optimizer.search.solve import Status, groups_below_minimum, solve
from optimizer.search.solver import Clock

# One check's search; a check that runs out counts as "no plan found". Checks of the whole
# roster (several groups) get longer: the example with a group's window opened needed 21 s.
CHECK_SECONDS, WHOLE_CHECK_SECONDS = 10.0, 30.0
MAX_SCOPES = 3  # groups diagnosed one by one, at most this many
MAX_ROUNDS = 4  # collisions looked for one after another in one group
MAX_SETS = 4  # sets of the groups' changes verified together on the whole roster, at most
WINDOW_WEEKS = 26  # a start window is tried moved by up to this many weeks
AGREED_DAYS = 28  # an agreed work-practice start is tried moved by up to this many days
HORIZON_STEP = timedelta(days=365)

# Rules a kind of fact runs into, named beside the collision (docs/rules.md).
KIND_RULES = {
    "window": ("R-START-2", "R-GROUP-2"),
    "absence_staff": ("R-STAFF-1",),
    "absence_client": ("R-CLIENT-1",),
    "agreed_start": ("R-WP-1",),
    "case_manager": ("R-STAFF-3",),
    "closed": ("R-CAL-1",),
    "horizon": ("R-CAL-0",),
    "pinned": ("R-CLIENT-3",),
}


@dataclass(frozen=True)
class Fact:
    """One input fact that may take part in a collision, with the cell it comes from."""

    kind: str  # absence / window / agreed_start / case_manager / closed / horizon
    ref: str  # absence row order, group id, client id, first closed day, "plan_end"
    who: str
    first: date | None = None
    last: date | None = None
    cell: str = ""
    staff: str = ""  # the named case manager
    what: str = ""  # a pinned event's kind


@dataclass(frozen=True)
class Case:
    """What the diagnosis relaxes and changes: the roster with the run it is planned in. A pinned
    event (the run's, R-CLIENT-3) is a fact like an absence (the roster's), so a relaxation or a
    change may touch either."""

    roster: Roster
    run: RunSettings = DEFAULT_RUN

    def changed(self, **fields: Any) -> Case:
        """The case with these fields of its roster changed."""
        return replace(self, roster=replace(self.roster, **fields))


def relax(case: Case, facts: Iterable[Fact]) -> Case:
    """The case with every given fact relaxed."""
    facts = list(facts)
    if not facts:
        return case
    roster = case.roster
    kinds: dict[str, set[str]] = {}
    for f in facts:
        kinds.setdefault(f.kind, set()).add(f.ref)
    absences = tuple(a for k, a in enumerate(roster.absences) if str(k) not in kinds.get("absence", ()))
    groups = {gid: replace(g, start_earliest=roster.plan_start, start_latest=roster.plan_end)
              if gid in kinds.get("window", ()) else g for gid, g in roster.groups.items()}
    clients = {}
    for cid, c in roster.clients.items():
        if cid in kinds.get("agreed_start", ()):
            c = replace(c, wp_start=None)
        if cid in kinds.get("case_manager", ()):
            c = replace(c, case_manager=None)
        clients[cid] = c
    opened = {d for f in facts if f.kind == "closed" and f.first and f.last
              for d in roster.closed_days if f.first <= d <= f.last}
    closed = {d: r for d, r in roster.closed_days.items() if d not in opened}
    plan_end = roster.plan_end + HORIZON_STEP if "horizon" in kinds else roster.plan_end
    pinned = tuple(e for k, e in enumerate(case.run.pinned) if str(k) not in kinds.get("pinned", ()))
    return Case(replace(roster, absences=absences, groups=groups, clients=clients, closed_days=closed,
                        plan_end=plan_end), replace(case.run, pinned=pinned))


def facts_of(case: Case) -> list[Fact]:
    """The facts of a case that a collision may hold, the likeliest causes first: windows,
    the leaders' and case managers' absences, pinned events, agreed starts, named case managers,
    closed days, the clients' absences and the plan's end."""
    roster = case.roster
    cells = case.run.cells
    active = [g for g in roster.groups.values() if roster.clients_of(g.group_id)]
    out = [Fact("window", g.group_id, g.group_id, g.start_earliest, g.start_latest,
                cells.get(("groups.start_earliest", g.group_id), "")) for g in active]
    leaders = {s for g in active for s in g.leaders}
    managers = {c.case_manager for c in roster.clients.values() if c.case_manager}
    sites = {g.site for g in active}
    if any(c.case_manager is None for c in roster.clients.values()):
        managers |= {s.staff_id for s in roster.case_managers() if any(same_site(s.site, x) for x in sites)}
    earliest = min([g.start_earliest for g in active] + [c.decision_date for c in roster.clients.values()],
                   default=roster.plan_start)

    def absences(people: set[str]) -> list[Fact]:
        return [Fact("absence", str(k), a.person, a.start, a.end, cells.get(("absences", str(k)), ""))
                for k, a in enumerate(roster.absences)
                if a.person in people and a.end >= earliest and a.start <= roster.plan_end]

    out += absences(leaders)
    out += absences(managers - leaders)
    out += [Fact("pinned", str(k), e.client_id or e.group_id, e.date, e.date, e.row, what=e.kind)
            for k, e in enumerate(case.run.pinned)]
    out += [Fact("agreed_start", c.client_id, c.client_id, c.wp_start, c.wp_start,
                 cells.get(("clients.wp_start", c.client_id), ""))
            for c in roster.clients.values() if c.wp_start is not None]
    out += [Fact("case_manager", c.client_id, c.client_id, cell=cells.get(("clients.case_manager", c.client_id), ""),
                 staff=c.case_manager) for c in roster.clients.values() if c.case_manager]
    out += _closed_runs(roster, cells)
    out += absences(set(roster.clients))
    out.append(Fact("horizon", "plan_end", "", None, roster.plan_end, cells.get(("settings", "plan_end"), "")))
    return out


def _closed_runs(roster: Roster, cells: CellRefs) -> list[Fact]:
    """Closed days as runs of consecutive days with one reason: one fact each."""
    out: list[Fact] = []
    run: list[date] = []
    for d in sorted(roster.closed_days):
        if run and ((d - run[-1]).days > 3 or roster.closed_days[d] != roster.closed_days[run[0]]):
            out.append(Fact("closed", run[0].isoformat(), roster.closed_days[run[0]], run[0], run[-1],
                            cells.get(("closed", run[0].isoformat()), "")))
            run = []
        run.append(d)
    if run:
        out.append(Fact("closed", run[0].isoformat(), roster.closed_days[run[0]], run[0], run[-1],
                        cells.get(("closed", run[0].isoformat()), "")))
    return out


class Oracle:
    """Has this roster a plan? True (a plan was found), False (proven none, or none found in a
    check's time) or None when the diagnosis's time is up. Counts its checks.

    `deterministic`: each check is a deterministic search (optimizer/search/solver.py) with its whole
    time, never cut to what is left of the budget, so that every answer and the diagnosis are
    the same however loaded the machine is; the deadline then only guards against a hang."""

    def __init__(self, sm: ServiceModel, deadline: float, seed: int = 1, workers: int = 2,
                 deterministic: bool = False) -> None:
        self.sm, self.deadline, self.seed, self.workers = sm, deadline, seed, workers
        self.deterministic = deterministic
        self.checks = 0
        self.proven = True  # every False so far was a proof, not a search that ran out
        self.last_proven = True

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def plan(self, case: Case, relaxed_rules: frozenset[str] = frozenset()) -> Plan | bool | None:
        """A plan of the case (a Plan), False when none exists or none was found in a check's
        time, None when the diagnosis's time is up (or Ctrl-C stopped it). With relaxed rules:
        True for a plan."""
        if self.left() <= 0 or stopping.requested():
            return None
        roster, run = case.roster, case.run
        self.checks += 1
        several = len([g for g in roster.groups if roster.clients_of(g)]) > 1
        seconds = WHOLE_CHECK_SECONDS if several else CHECK_SECONDS
        if not self.deterministic:
            seconds = min(seconds, max(self.left(), 1.0))
        if not relaxed_rules:  # the optimizer's own way to a first plan, the fastest there is
            result = solve(roster, self.sm, time_limit_s=seconds, seed=self.seed, workers=self.workers,
                           first_only=True, deterministic=self.deterministic, run=run)
            if result.plan is not None and result.report is not None and result.report.ok:
                return result.plan
            if stopping.requested():
                return None  # stopped, not answered
            self.last_proven = result.status == Status.INFEASIBLE
            self.proven &= self.last_proven
            return False
        if prechecks(roster, self.sm):
            return False
        cal = Calendar(roster)
        try:
            cms = choose_case_managers(roster, self.sm, time_limit_s=min(2.0, seconds), seed=self.seed,
                                       deterministic=self.deterministic)
            small = groups_below_minimum(roster, self.sm)
            b = build_model(roster, self.sm, cal, cms, small, SearchWindows.wide(self.sm),
                            relaxed_rules=relaxed_rules, run=run)
        except NoPlan:
            return False
        except stopping.Stopped:
            return None
        b.m.ClearObjective()
        # Deterministic: the lighter presolve, as the joint search uses. The two workers taking
        # turns find a first plan more slowly than racing: the two groups of
        # tests/test_diagnose.py with R-GROUP-4 and R-STAFF-2 left out took 6.8 units of work
        # with it, and none was found in 24 (a 30 s check) without it. A clock of the check's
        # own, stopping at the first plan, so that Ctrl-C stops it as it stops every search.
        clock = Clock(seconds, self.seed, self.workers, self.deterministic, first_only=True)
        status = clock.solve(clock.solver(seconds, light=self.deterministic), b.m)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and stopping.requested():
            return None
        return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    def greedy_plan(self, case: Case) -> Plan | None:
        """The greedy planner's plan, when it finds one that the validator passes: cheap enough
        to try many small changes with."""
        if prechecks(case.roster, self.sm):
            return None
        try:
            plan = greedy_plan(case.roster, self.sm)
        except (NoGreedyPlan, NoPlan):
            return None
        return plan if validate(case.roster, self.sm, plan, case.run).ok else None

    def has_plan(self, case: Case, relaxed_rules: frozenset[str] = frozenset()) -> bool | None:
        found = self.plan(case, relaxed_rules)
        return None if found is None else found is not False


def quickxplain(facts: list[Fact], consistent: Callable[[list[Fact]], bool]) -> list[Fact]:
    """A minimal subset of `facts` that is not consistent (QuickXplain). `consistent(kept)` says
    whether a plan exists with only the facts in `kept` (the others relaxed). Earlier facts are
    preferred in the result."""
    def qx(background: list[Fact], added: bool, candidates: list[Fact]) -> list[Fact]:
        if added and not consistent(background):
            return []
        if len(candidates) == 1:
            return candidates
        half = len(candidates) // 2
        first, second = candidates[:half], candidates[half:]
        core2 = qx(background + first, bool(first), second)
        core1 = qx(background + core2, bool(core2), first)
        return core1 + core2

    if not facts:
        return []
    return qx([], False, facts)


def diagnosis_budget(time_limit_s: float) -> float:
    """Seconds the diagnosis may take: twice the search's time limit, at least one minute and at
    most three. A collision inside one group takes about a second; checking a change on the
    whole roster takes a search of its own (20-30 s on the example)."""
    return min(max(2 * time_limit_s, 60.0), 180.0)


@dataclass
class Diagnosis:
    lines: list[Msg]
    checks: int
    seconds: float
    # The suggested changes verified on the whole roster, each with its line: applied to the
    # case (Case(roster, run)), a plan exists (the tests apply them and solve again). A set of
    # the groups' changes verified together is one entry, with its line "suggest_together".
    fixes: list[tuple[Msg, Change]] = field(default_factory=list)


def diagnose(roster: Roster, sm: ServiceModel, reasons: list[Msg], budget_s: float = 60.0,
             seed: int = 1, workers: int = 2, deterministic: bool = False,
             run: RunSettings = DEFAULT_RUN) -> Diagnosis:
    """Collisions and verified changes for a roster without a plan, as message lines; `run`: the
    run it was planned in (its pins are facts that may collide).
    `deterministic`: the same diagnosis in every run (see `Oracle`); the budget is then only a
    safety against a much slower machine (optimizer.search.solver.WALL_SAFETY times the budget)."""
    started = time.monotonic()
    safety = solver_settings.WALL_SAFETY if deterministic else 1.0
    oracle = Oracle(sm, started + budget_s * safety, seed, workers, deterministic)
    lines: list[Msg] = []
    case = Case(roster, run)
    per_scope: list[list[Fix]] = []
    for scope, label in _scopes(case, reasons, oracle):
        found: list[Fix] = []
        lines += _diagnose_scope(case, scope, label, oracle, found)
        per_scope.append(found)
    fixes = [(f.line, f.change) for fs in per_scope for f in fs if f.whole]
    if not fixes and any(per_scope):
        lines += _together(case, [fs for fs in per_scope if fs], oracle, fixes)
    if oracle.left() <= 0:
        lines.append(Msg("diagnosis_time_up", {"seconds": round(budget_s)}))
    return Diagnosis(lines, oracle.checks, time.monotonic() - started, fixes)


def _alone(case: Case, group_ids: Iterable[str]) -> Case:
    """The case with only these groups and their clients (staff, absences, cells and pins kept,
    so that absence and pin facts keep their row order)."""
    keep = set(group_ids)
    return case.changed(groups={k: g for k, g in case.roster.groups.items() if k in keep},
                        clients={k: c for k, c in case.roster.clients.items() if c.group_id in keep})


def _scopes(case: Case, reasons: list[Msg], oracle: Oracle) -> list[tuple[Case, str]]:
    """What to diagnose: the groups the reasons name, else each group that has no plan even
    alone, else the whole roster (the groups collide with each other)."""
    roster = case.roster
    named: list[str] = []
    for _, info in reasons:
        gid = info.get("group") or (roster.clients[str(info["client"])].group_id
                                    if str(info.get("client")) in roster.clients else None)
        if gid in roster.groups and gid not in named:
            named.append(str(gid))
    if not named:
        for gid in roster.groups:
            if (roster.clients_of(gid) and len(named) < MAX_SCOPES and len(roster.groups) > 1
                    and oracle.has_plan(_alone(case, [gid])) is False):
                named.append(gid)
    if named:
        return [(_alone(case, [gid]), gid) for gid in named[:MAX_SCOPES]]
    return [(case, ", ".join(g for g in roster.groups if roster.clients_of(g)))]


@dataclass(frozen=True)
class Fix:
    """A suggested change: its line, the change (applied to the whole case, with the changes
    before it in its scope), and whether it was verified on the whole roster."""

    line: Msg
    change: Change
    whole: bool


def _together(case: Case, per_scope: list[list[Fix]], oracle: Oracle,
              fixes_out: list[tuple[Msg, Change]]) -> list[Msg]:
    """The groups' changes, each verified for its group alone, verified together on the whole
    roster: one change of each group at a time, the first suggested first (MAX_SETS sets). The
    first set that gives the whole roster a plan is suggested as one fix. When none does, say so,
    and look on the whole roster with the first set applied for the collision that remains."""
    tried = 0
    for fix_set in islice(product(*per_scope), MAX_SETS):
        tried += 1
        change = _compose([f.change for f in fix_set])
        found = oracle.has_plan(change(case))
        if found is None:
            return []
        if found:
            head = Msg("suggest_together", {"count": len(fix_set), "verified": Msg("verified_all", {})})
            fixes_out.append((head, change))
            return [head, *(Msg(f.line.key, {**f.line.info, "verified": Msg("verified_in_set", {})})
                            for f in fix_set)]
    first = [fs[0].change for fs in per_scope]
    changed = _compose(first)(case)
    label = ", ".join(g for g in case.roster.groups if case.roster.clients_of(g))
    found_fixes: list[Fix] = []
    rest = _diagnose_scope(changed, changed, label, oracle, found_fixes, applied=first)
    fixes_out += [(f.line, f.change) for f in found_fixes if f.whole]
    return [Msg("diagnosis_not_together", {"tried": tried}), *([Msg("diagnosis_after_set", {})] if rest else []),
            *rest]


def _diagnose_scope(case: Case, scope: Case, label: str, oracle: Oracle,
                    fixes_out: list[Fix], applied: list[Change] | None = None) -> list[Msg]:
    """The collisions of one scope, one after another: a collision whose facts each alone give a
    plan when changed ends the search with verified changes; otherwise the first change that
    resolves the collision is applied and the next collision is looked for (MAX_ROUNDS).
    `applied`: changes made to the case before (its fixes apply them first, and its collision
    is a next one)."""
    facts = facts_of(scope)
    everything_relaxed = relax(scope, facts)
    found = oracle.has_plan(everything_relaxed)
    if found is None:
        return []
    if found is False and not oracle.last_proven:
        return [Msg("diagnosis_undetermined", {"groups": label})]
    if found is False:
        # No input fact to blame: the rules alone leave no plan for these groups.
        rules = _rules_in_the_way(everything_relaxed, oracle)
        return [Msg("diagnosis_rules_alone", {"groups": label, "rules": ", ".join(rules) or "-"})]
    lines: list[Msg] = []
    whole, current = case, scope
    applied = list(applied or [])
    for round_ in range(bool(applied), MAX_ROUNDS):
        facts = facts_of(current)
        core = _collision(current, facts, oracle)
        if core is None:
            break
        core_case = relax(current, [f for f in facts if f not in core])
        proven = oracle.has_plan(core_case) is False and oracle.last_proven
        rules = sorted({r for f in core for r in _rules_of(current.roster, f)}
                       | set(_rules_in_the_way(core_case, oracle)))
        key = ("diagnosis_core" if proven else "diagnosis_core_unproven") if round_ == 0 else "diagnosis_next_core"
        lines.append(Msg(key, {"groups": label, "rules": ", ".join(rules)}))
        lines += [Msg("fact_" + _kind(current.roster, f), _fact_info(f)) for f in core]
        lines += _days_off_inside(current.roster, oracle.sm, core)
        bases = [whole, current] if current is not scope or scope is not case else [current]
        fixes = [s for f in core if (s := _suggest(bases, f, oracle)) is not None]
        for key, info, change, on_whole in fixes:
            if any(key == k and info == {n: v for n, v in i.items() if n != "verified"} for k, i in lines):
                continue  # the same change found through another fact
            verified = Msg("verified_all", {}) if on_whole or scope is case else Msg("verified_group", {"group": label})
            if round_:
                verified = Msg("verified_with_above", {"verified": verified})
            lines.append(Msg(key, {**info, "verified": verified}))
            fixes_out.append(Fix(lines[-1], _compose([*applied, change]), on_whole or scope is case))
        if fixes:
            return lines
        # No change of one fact gives a plan: resolve this collision and look for the next one.
        partial = next((s for f in core if (s := _suggest([core_case], f, oracle)) is not None), None)
        if partial is None:
            break
        key, info, change, _ = partial
        lines.append(Msg(key, {**info, "verified": Msg("verified_collision", {})}))
        whole, current = change(whole), change(current)
        applied.append(change)
        if scope is case:
            whole = current
    lines.append(Msg("diagnosis_no_single_change", {"groups": label}))
    return lines


def _days_off_inside(roster: Roster, sm: ServiceModel, core: list[Fact]) -> list[Msg]:
    """The public holidays (R-CAL-2) and closed days (R-CAL-1) on weekdays inside the collision's
    dates, as one line: a start window with the days its start period can reach, an absence, an
    agreed start with the fortnight before it. Closed days that are facts of the collision are
    named there already."""
    spans = []
    for f in core:
        if f.kind == "window" and f.first and f.last:
            spans.append((f.first, f.last + timedelta(days=placements.start_span_days(sm)[1])))
        elif f.kind == "agreed_start" and f.first:
            spans.append((f.first - timedelta(days=14), f.first))
        elif f.kind in ("absence", "pinned") and f.first and f.last:
            spans.append((f.first, f.last))
    if not spans:
        return []
    first, last = max(min(a for a, _ in spans), roster.plan_start), min(max(b for _, b in spans), roster.plan_end)
    named = tuple((f.first, f.last) for f in core if f.kind == "closed" and f.first and f.last)
    info = {"first": first, "last": last, **days_off_info(roster, first, last, named)}
    return [Msg("fact_days_off", info)] if info["days_off_fi"] != "-" else []


def _compose(changes: list[Change]) -> Change:
    def apply(r: Case) -> Case:
        for change in changes:
            r = change(r)
        return r
    return apply


def _collision(case: Case, facts: list[Fact], oracle: Oracle) -> list[Fact] | None:
    """A minimal set of facts that leaves no plan (QuickXplain), or None when relaxing every
    fact does not give a plan either (or the time is up)."""
    if oracle.has_plan(relax(case, facts)) is not True:
        return None
    cache: dict[frozenset[Fact], bool] = {}

    def consistent(kept: list[Fact]) -> bool:
        key = frozenset(kept)
        if key not in cache:
            cache[key] = oracle.has_plan(relax(case, [f for f in facts if f not in key])) is not False
        return cache[key]

    return quickxplain(facts, consistent)


def _kind(roster: Roster, f: Fact) -> str:
    if f.kind == "absence":
        return "absence_client" if f.who in roster.clients else "absence_staff"
    return f.kind


def _rules_of(roster: Roster, f: Fact) -> tuple[str, ...]:
    """The rules a fact runs into: its kind's, and R-GROUP-4 for a leader's absence."""
    leader = f.kind == "absence" and any(f.who in g.leaders for g in roster.groups.values())
    return KIND_RULES[_kind(roster, f)] + (("R-GROUP-4",) if leader else ())


def _fact_info(f: Fact) -> dict[str, object]:
    return {"who": f.who, "first": f.first or "", "last": f.last or "", "cell": f.cell or "-", "staff": f.staff,
            "what": f.what}


def _rules_in_the_way(case: Case, oracle: Oracle) -> list[str]:
    """The rules across people that, left out one at a time, let the roster have a plan; else
    the first pair that does (a leader on two groups' days breaks both R-GROUP-4 and the day's
    minutes, R-STAFF-2)."""
    singles = [rule for rule in RELAXABLE_RULES if oracle.has_plan(case, frozenset({rule})) is True]
    if singles:
        return singles
    return next((list(pair) for pair in combinations(RELAXABLE_RULES, 2)
                 if oracle.has_plan(case, frozenset(pair)) is True), [])


Change = Callable[[Case], Case]


def _suggest(bases: list[Case], f: Fact, oracle: Oracle) -> tuple[str, dict[str, object], Change, bool] | None:
    """One change of fact `f` alone that gives a plan, verified: its message, the change, and
    whether it holds on the first of `bases` (the whole roster) rather than a later one (the
    group diagnosed). The change is read off a plan with the fact relaxed. None if no change of
    this fact gives any base a plan."""
    def dropped(r: Case) -> Case:
        return relax(r, [f])

    if f.kind == "window":
        shifted = _window_moved_by_weeks(bases, f, oracle)
        if shifted is not None:
            return shifted
    for base in bases:
        plan = oracle.plan(dropped(base))
        if isinstance(plan, Plan):
            break
    else:
        return _suggest_case_manager_for_all(bases, f, oracle) if f.kind == "case_manager" else None
    whole = base is bases[0]

    def works(change: Change) -> bool:
        return oracle.has_plan(change(base)) is True

    info = _fact_info(f)
    if f.kind == "absence":
        k = int(f.ref)
        a = base.roster.absences[k]
        inside = [e for e in plan.events
                  if a.start <= e.date <= a.end and (f.who in e.staff_ids or e.client_id == f.who)]
        # The fewest days first: only the group days a leader runs (a substitute leader would do),
        # then every day the plan uses the person.
        who = "client" if f.who in base.roster.clients else "staff"
        for days, role in ((sorted(e.date for e in inside if e.kind == "group_day"), "leader"),
                           (sorted(e.date for e in inside), who)):
            if days and (days[0], days[-1]) != (a.start, a.end):
                def at_work(r: Case, first: date = days[0], last: date = days[-1]) -> Case:
                    return _split_absence(r, k, first, last)
                if works(at_work):
                    return ("suggest_absence_" + role, {**info, "at_first": days[0], "at_last": days[-1]}, at_work,
                            whole)
        return ("suggest_absence_dropped", info, dropped, whole)
    if f.kind == "window":
        g = base.roster.groups[f.ref]

        def moved_to(monday: date) -> Change:
            moved = replace(g, start_earliest=monday,
                            start_latest=min(monday + (g.start_latest - g.start_earliest), base.roster.plan_end))
            return lambda r: r.changed(groups={**r.roster.groups, f.ref: moved})

        later = replace(g, start_latest=base.roster.plan_end)
        found = oracle.plan(base.changed(groups={**base.roster.groups, f.ref: later}))
        plan = found if isinstance(found, Plan) else plan
        first = min(e.date for e in plan.events if e.group_id == f.ref and e.kind == "group_day")
        change = moved_to(first - timedelta(days=first.weekday()))
        if works(change):
            return ("suggest_window", {**info, **_window_info(change(base).roster, f.ref)}, change, whole)
        return None
    if f.kind == "agreed_start":
        # The nearest working day to the agreed one that the greedy planner can plan around
        # (later before earlier, a few hundredths of a second each); else the day of the plan
        # found without the agreed start.
        agreed_day = base.roster.clients[f.ref].wp_start or base.roster.plan_start
        nearby = [agreed_day + timedelta(days=d) for k in range(1, AGREED_DAYS + 1) for d in (k, -k)]
        planned = min(p.start for p in plan.periods if p.client_id == f.ref and p.phase == "work_practice")
        for day in [d for d in nearby if d.weekday() < 5] + [planned]:
            def agreed(r: Case, day: date = day) -> Case:
                return r.changed(clients={**r.roster.clients, f.ref: replace(r.roster.clients[f.ref], wp_start=day)})
            if (oracle.greedy_plan(agreed(base)) is not None if day != planned else works(agreed)):
                return ("suggest_agreed_start", {**info, "day": day}, agreed, whole)
        return ("suggest_agreed_start_dropped", info, dropped, whole)
    if f.kind == "case_manager":
        other = next((s for e in plan.events if e.client_id == f.ref and e.kind == "start_visit"
                      for s in e.staff_ids), None)
        if other is not None and other != f.staff:
            def another(r: Case, other: str = other) -> Case:
                return r.changed(clients={**r.roster.clients,
                                          f.ref: replace(r.roster.clients[f.ref], case_manager=other)})
            if works(another):
                return ("suggest_case_manager", {**info, "other": other}, another, whole)
        return ("suggest_case_manager_open", info, dropped, whole)
    if f.kind == "horizon":
        # The earliest month end that gives a plan, by halving between the plan's end and the
        # last day of the plan found with a year more.
        ends = [base.roster.plan_end]
        while ends[-1] < max([e.date for e in plan.events] + [p.end for p in plan.periods]):
            ends.append(_month_end(ends[-1] + timedelta(days=1)))
        lo, hi = 1, len(ends) - 1
        if not works(lambda r: r.changed(plan_end=ends[hi])):
            return None
        while lo < hi:
            mid = (lo + hi) // 2
            if works(lambda r, end=ends[mid]: r.changed(plan_end=end)):
                hi = mid
            else:
                lo = mid + 1

        def later(r: Case, end: date = ends[hi]) -> Case:
            return r.changed(plan_end=end)
        return ("suggest_horizon", {**info, "end": ends[hi]}, later, whole)
    return ("suggest_" + f.kind, info, dropped, whole)


def _window_moved_by_weeks(bases: list[Case], f: Fact, oracle: Oracle
                           ) -> tuple[str, dict[str, object], Change, bool] | None:
    """The group's window moved by whole weeks, nearest first and later before earlier (the
    clients' decisions usually rule out an earlier start), each tried with the greedy planner (a
    few hundredths of a second) and its plan validated."""
    for base in bases:
        g = base.roster.groups[f.ref]
        monday = g.start_earliest - timedelta(days=g.start_earliest.weekday())
        for weeks in [w for k in range(1, WINDOW_WEEKS + 1) for w in (k, -k) if w > -5]:
            first = monday + timedelta(weeks=weeks)
            if not base.roster.plan_start <= first <= base.roster.plan_end:
                continue
            moved = replace(g, start_earliest=first,
                            start_latest=min(first + (g.start_latest - g.start_earliest), base.roster.plan_end))

            def change(r: Case, moved: Group = moved) -> Case:
                return r.changed(groups={**r.roster.groups, f.ref: moved})
            if oracle.greedy_plan(change(base)) is not None:
                return ("suggest_window", {**_fact_info(f), **_window_info(change(base).roster, f.ref)}, change,
                        base is bases[0])
    return None


def _window_info(roster: Roster, group_id: str) -> dict[str, object]:
    g = roster.groups[group_id]
    return {"new_first": g.start_earliest, "new_last": g.start_latest}


def _suggest_case_manager_for_all(bases: list[Case], f: Fact, oracle: Oracle
                                  ) -> tuple[str, dict[str, object], Change, bool] | None:
    """Every client named to the same case manager left for the tool to choose, when one alone
    is not enough (the same person away for each of them)."""
    for base in bases:
        same = [g for g in facts_of(base) if g.kind == "case_manager" and g.staff == f.staff]

        def opened(r: Case, same: list[Fact] = same) -> Case:
            return relax(r, same)
        if len(same) > 1 and oracle.has_plan(opened(base)) is True:
            return ("suggest_case_managers_open", {"staff": f.staff, "clients": ", ".join(g.who for g in same),
                                                   "cells": ", ".join(g.cell for g in same if g.cell) or "-"},
                    opened, base is bases[0])
    return None


def _split_absence(case: Case, k: int, first: date, last: date) -> Case:
    """Absence k without the days first..last (the rows keep their order: the part before the
    gap takes k's place, the part after goes last)."""
    a = case.roster.absences[k]
    before = replace(a, end=first - timedelta(days=1)) if a.start < first else None
    after = Absence(a.person, last + timedelta(days=1), a.end, a.reason) if last < a.end else None
    rows = list(case.roster.absences)
    rows[k] = before if before else replace(a, start=a.end + timedelta(days=1))  # empty: ends before it starts
    if after:
        rows.append(after)
    return case.changed(absences=tuple(rows))


def _month_end(d: date) -> date:
    following = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return following - timedelta(days=1)
