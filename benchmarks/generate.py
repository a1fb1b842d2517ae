"""Seeded, realistic provider rosters of any size, written as input workbooks.

    python -m benchmarks.generate M /tmp/m.xlsx --seed 1

Named sizes (issue 3): S 1 group / 8 clients / 3 staff; M 6 / 60 / 12; L 20 / 200 / 30;
XL 100 / 1,000 / 120 in 5 regional sites. Groups are staggered through the year with decision
dates 3-8 weeks before each start; staff have staggered 4-week summer holidays (June-August),
Christmas leave and a winter-holiday week for some; about one in six is a part-timer; some
clients are on sick leave for a week, some have a clear employment plan, a few have a
work-practice start agreed with an employer. A third of the staff is
on duty in the days before the Christmas closure, so weekly calls go on.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import holidays

from optimizer.workbook.example import Sheets, write_input_workbook


@dataclass(frozen=True)
class Size:
    groups: int
    clients: int
    staff: int
    sites: int = 1


SIZES = {
    "S": Size(1, 8, 3),
    "M": Size(6, 60, 12),
    "L": Size(20, 200, 30),
    "XL": Size(100, 1000, 120, 5),
}
PLAN_START = date(2027, 1, 4)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def generate(size: Size, seed: int = 1) -> Sheets:
    rng = random.Random(seed)
    fi_holidays = holidays.country_holidays("FI", years=range(2027, 2031))
    sites = [f"Toimipiste {k + 1}" for k in range(size.sites)]
    staff_rows = [["tunnus", "nimi", "roolit", "työpäivät", "asiakkaita_max", "minuutit_päivässä", "toimipiste"]]
    absences = [["henkilö", "alkaa", "päättyy", "syy"]]
    staff_by_site: dict[str, list[str]] = {s: [] for s in sites}
    leaders_by_site: dict[str, list[str]] = {s: [] for s in sites}
    away: dict[str, set[date]] = {}
    for k in range(size.staff):
        sid = f"S{k + 1:03d}"
        site = sites[k % len(sites)]
        # Two in three lead groups; nearly everyone is a case manager.
        leader = k % 3 != 2 or size.staff < 4
        roles = ["omaohjaaja", "ryhmänohjaaja"] if leader else ["omaohjaaja"]
        if k % 3 == 0 and size.staff >= 4:
            roles = ["ryhmänohjaaja"] if k % 6 == 0 else roles
        part_time = k % 6 == 5
        work_days = rng.choice(["ma-ke", "ti-to", "ke-pe"]) if part_time else "ma-pe"
        staff_rows.append([sid, None, ", ".join(roles), work_days, 8 if part_time else 14, None, site])
        staff_by_site[site].append(sid)
        if "ryhmänohjaaja" in roles:
            leaders_by_site[site].append(sid)
        days: set[date] = set()
        for year in (2027, 2028, 2029):
            # Three four-week slots from June to August, in turn: someone is always at work to
            # make the weekly calls of work practice (R-WP-4).
            summer = _monday(date(year, 6, 1) + timedelta(weeks=(4 * k + 4 * year) % 12))
            spans = [(summer, summer + timedelta(days=25), "kesäloma")]
            if k % 3:  # a third of the staff is on duty in the days before the Christmas closure
                spans.append((date(year, 12, 20), date(year, 12, 31), "joululoma"))
            if rng.random() < 0.4:
                winter = _monday(date(year, 2, 15) + timedelta(weeks=rng.randint(0, 3)))
                spans.append((winter, winter + timedelta(days=4), "talviloma"))
            if rng.random() < 0.3:
                training = _monday(date(year, 9, 1) + timedelta(weeks=rng.randint(0, 10))) + timedelta(days=2)
                spans.append((training, training + timedelta(days=1), "koulutus"))
            for first, last, reason in spans:
                absences.append([sid, first, last, reason])
                days.update(first + timedelta(days=i) for i in range((last - first).days + 1))
        away[sid] = days
    group_rows = [["ryhmä", "enimmäiskoko", "aloitus_aikaisintaan", "aloitus_viimeistään", "viikonpäivät",
                   "ohjaajat", "ohjaajia_vähintään", "kieli", "tila", "toimipiste"]]
    client_rows = [["asiakas", "ryhmä", "päätöspäivä", "omaohjaaja", "selvä_suunnitelma", "starttikäynnit",
                    "tsemppikäynnit", "th_käynnit", "th_päivät", "seurantakäynnit", "th_alkaa", "ruokailu",
                    "th_lyhennys_syy", "kieli"]]
    per_group = [size.clients // size.groups + (1 if k < size.clients % size.groups else 0)
                 for k in range(size.groups)]
    client_no = 0
    rooms_by_site = {s: [f"{s} sali {r + 1}" for r in range(max(1, size.groups // size.sites // 3))]
                     for s in sites}
    started: list[tuple[date, list[str]]] = []
    start_windows: dict[str, list[tuple[date, date]]] = {}
    rooms_used: list[tuple[date, str]] = []
    for k in range(size.groups):
        gid = f"G{k + 1:03d}"
        site = sites[k % len(sites)]
        # Staggered through the year, avoiding the summer months for starts.
        offset_weeks = int((k // len(sites)) * 52 / max(1, size.groups // len(sites)))
        earliest = _monday(PLAN_START + timedelta(weeks=6 + offset_weeks))
        if earliest.month in (6, 7):
            earliest = _monday(date(earliest.year, 8, 9))
        latest = earliest + timedelta(weeks=4)
        # A leader runs one start period at a time: no leader of a group whose start window is
        # within five weeks of this one's (otherwise the instance has no plan at all).
        busy = {s for first, names in started for s in names if abs((first - earliest).days) < 35}
        # Nor one whose summer holiday falls in the weeks the start period may need: a provider
        # plans holidays around its courses (without this, XL seed 1 had no plan at all).
        period = {earliest + timedelta(days=i) for i in range((latest - earliest).days + 21)}
        busy |= {s for s in leaders_by_site[site] if period & away[s]}
        free = [s for s in leaders_by_site[site] if s not in busy] or leaders_by_site[site]
        leaders = rng.sample(free, k=min(2, len(free)))
        started.append((earliest, leaders))
        for s in leaders:
            start_windows.setdefault(s, []).append((earliest - timedelta(days=7), latest + timedelta(days=21)))
        needed = 1 if len(leaders) > 1 and rng.random() < 0.5 else None
        weekdays = rng.choice([None, None, "ma-to", "ti-pe"])
        taken = {r for first, r in rooms_used if abs((first - earliest).days) < 35}
        room = rng.choice([r for r in rooms_by_site[site] if r not in taken] or rooms_by_site[site])
        rooms_used.append((earliest, room))
        n = per_group[k]
        max_size = max(n, rng.choice([8, 9, 10]))
        group_rows.append([gid, max_size, earliest, latest, weekdays, ", ".join(leaders), needed, "fi", room, site])
        managers = [s for s in staff_by_site[site]
                    if "omaohjaaja" in next(r for r in staff_rows if r[0] == s)[2]]
        for _ in range(n):
            client_no += 1
            cid = f"A{client_no:04d}"
            decision = earliest - timedelta(days=rng.randint(21, 56))
            decision = max(decision, PLAN_START)
            cm = rng.choice(managers) if rng.random() < 0.3 else None
            wp_start = None
            if cm and rng.random() < 0.15:
                candidate = _monday(latest + timedelta(weeks=rng.randint(7, 9)))
                before = {candidate - timedelta(days=i) for i in range(1, 22)}
                if candidate not in fi_holidays and not (before | {candidate}) & away[cm]:
                    wp_start = candidate
            client_rows.append([cid, gid, decision, cm, "kyllä" if rng.random() < 0.15 else "ei", None, None,
                                None, rng.choice([50, 50, 55, 60]), None, wp_start,
                                rng.choice(["työpaikkaruokala", "lounasseteli", None]), None, None])
            if rng.random() < 0.15:
                sick = _monday(earliest + timedelta(weeks=rng.randint(8, 20)))
                absences.append([cid, sick, sick + timedelta(days=4), "sairausloma"])
    closed = [["päivä", "syy"]]
    for year in (2027, 2028, 2029):
        for day in range(27, 32):
            d = date(year, 12, day)
            if d.weekday() < 5:
                closed.append([d, "joulun välipäivät"])
    return {
        "Asetukset": [["avain", "arvo"], ["suunnittelu_alkaa", PLAN_START]],
        "Henkilöstö": staff_rows,
        "Ryhmät": group_rows,
        "Asiakkaat": client_rows,
        "Poissaolot": [row for row in absences if not _blocks_a_start(row, start_windows)],
        "Suljettu": closed,
    }


def _blocks_a_start(row: list, start_windows: dict[str, list[tuple[date, date]]]) -> bool:
    """A winter holiday or training of a leader during one of the leader's start periods: a
    provider schedules those around its courses, so the generator leaves them out."""
    person, first, last, reason = row
    if reason not in ("talviloma", "koulutus"):
        return False
    return any(first <= b and a <= last for a, b in start_windows.get(person, []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(write_input_workbook(args.output, generate(SIZES[args.size], args.seed)))


if __name__ == "__main__":
    main()
