"""A picture of the plan (issue 5): each group and its clients' phases across the months, with
public holidays, closed days and the summer holiday weeks of the staff shaded. Written as PNG
beside the plan workbook and shown in its Summary sheet.

matplotlib draws it (the Agg backend: no display needed); rows are the groups' own periods and
below each group its clients' phases, so a coordinator sees at a glance when which group is in
the house and who is at work practice over the summer.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display on a server or in CI
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch

from optimizer.core.calendar import finnish_public_holidays
from optimizer.core.domain import Roster
from optimizer.core.messages import CHART_PHASE_WORDS, pick, t
from optimizer.core.plan import GROUP_DAY, Plan

COLOURS = {  # one colour per phase, the same in every chart
    "start": "#4472C4", "ready": "#A5A5A5", "work_practice": "#70AD47", "deep": "#ED7D31",
    "final": "#C00000", "follow_up": "#7F6000",
}
MAX_ROWS = 160  # clients beyond this are left out of the picture (said in its title)


def rows_of(roster: Roster, plan: Plan) -> list[tuple[str, list[tuple[str, date, date]]]]:
    """The chart's rows, top to bottom: each group (its group periods), then its clients (their
    phases from the Periods rows)."""
    group_periods: dict[str, dict[str, list[date]]] = defaultdict(lambda: defaultdict(list))
    for e in plan.events:
        if e.kind == GROUP_DAY:
            group_periods[e.group_id][e.phase].append(e.date)
    by_client: dict[str, list[tuple[str, date, date]]] = defaultdict(list)
    for p in plan.periods:
        by_client[p.client_id].append((p.phase, p.start, p.end))
    rows = []
    for gid in sorted(group_periods):
        rows.append((gid, [(ph, min(ds), max(ds)) for ph, ds in group_periods[gid].items()]))
        for c in sorted(roster.clients_of(gid), key=lambda c: c.client_id):
            rows.append((f"  {c.client_id}", sorted(by_client.get(c.client_id, []), key=lambda x: x[1])))
    return rows


def draw(roster: Roster, plan: Plan, path: Path, lang: str = "fi") -> Path:
    """Draw the timeline into a PNG at `path` (the command line gives the temporary file of its
    set of outputs, optimizer/output/files.py)."""
    rows = rows_of(roster, plan)
    cut = len(rows) > MAX_ROWS
    rows = rows[:MAX_ROWS]
    first = min((e.date for e in plan.events), default=roster.plan_start)
    last = max((e.date for e in plan.events), default=roster.plan_end)
    fig, ax = plt.subplots(figsize=(16, max(3.0, 0.22 * len(rows) + 1.6)), dpi=100)
    # Shade what the plan works around: public holidays and closed days, and the weeks when most
    # of the staff are away (the summer holiday), as a grey backdrop.
    for d in list(finnish_public_holidays(first, last)) + [d for d in roster.closed_days if first <= d <= last]:
        ax.axvspan(d, d + timedelta(days=1), color="#BFBFBF", alpha=0.6, lw=0)
    for monday in _holiday_weeks(roster, first, last):
        ax.axvspan(monday, monday + timedelta(days=7), color="#FFE699", alpha=0.35, lw=0)
    # The bars as one collection of rectangles in the axis' day numbers: a patch a bar (162 on
    # the example) took half of the picture's second, most of it converting dates.
    boxes, colours = [], []
    for y, (label, spans) in enumerate(rows):
        half = (0.55 if label.startswith(" ") else 0.8) / 2
        for phase, start, end in spans:
            x0, x1 = mdates.date2num(start), mdates.date2num(end + timedelta(days=1))
            boxes.append([(x0, y - half), (x1, y - half), (x1, y + half), (x0, y + half)])
            colours.append(COLOURS.get(phase, "#000000"))
    ax.add_collection(PolyCollection(boxes, facecolors=colours, edgecolors="none"))
    ax.xaxis_date()
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([label for label, _ in rows], fontsize=7)
    for tick, (label, _) in zip(ax.get_yticklabels(), rows, strict=True):
        tick.set_parse_math(False)  # an id such as "A$1^$" is text, not a formula to typeset
        if not label.startswith(" "):
            tick.set_fontweight("bold")
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m/%y"))
    ax.set_xlim(first - timedelta(days=3), last + timedelta(days=3))
    ax.grid(axis="x", color="#D9D9D9", lw=0.5)
    legend = [Patch(color=c, label=pick(CHART_PHASE_WORDS[p], lang)) for p, c in COLOURS.items()]
    legend += [Patch(color="#BFBFBF", label=t("chart_holidays", lang)),
               Patch(color="#FFE699", label=t("chart_holiday_weeks", lang))]
    ax.legend(handles=legend, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=8, fontsize=8, frameon=False)
    title = t("chart_title", lang)
    if cut:
        title = t("chart_title_cut", lang, title=title, n=MAX_ROWS)
    ax.set_title(title, fontsize=11)
    fig.tight_layout()
    try:
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
    return path


def _holiday_weeks(roster: Roster, first: date, last: date) -> list[date]:
    """Mondays of the weeks in which at least half of the staff are away for the whole week."""
    if not roster.staff:
        return []
    out = []
    spans: dict[str, list[tuple[date, date]]] = defaultdict(list)  # staff absences, gathered once
    for a in roster.absences:
        if a.person in roster.staff:
            spans[a.person].append((a.start, a.end))
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        friday = monday + timedelta(days=4)
        away = sum(1 for mine in spans.values() if any(start <= monday and end >= friday for start, end in mine))
        if 2 * away >= len(roster.staff):
            out.append(monday)
        monday += timedelta(days=7)
    return out
