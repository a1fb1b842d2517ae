"""Finnish and English names of sheets and columns, as the workbook contract fixes them.

Input: every sheet and column is matched case-insensitively in either language.
Output: the plan is written in one language; Events and Periods are read back in either.
"""

from __future__ import annotations

from collections.abc import Mapping

# (key, English, Finnish, required)
Column = tuple[str, str, str, bool]

INPUT_SHEETS: dict[str, tuple[str, str]] = {
    "settings": ("Settings", "Asetukset"),
    "staff": ("Staff", "Henkilöstö"),
    "groups": ("Groups", "Ryhmät"),
    "clients": ("Clients", "Asiakkaat"),
    "absences": ("Absences", "Poissaolot"),
    "closed": ("ClosedDays", "Suljettu"),
    "weights": ("Weights", "Painotukset"),
    "fixed": ("Fixed", "Lukitut"),
}
REQUIRED_SHEETS = ("settings", "staff", "groups", "clients")

INPUT_COLUMNS: dict[str, list[Column]] = {
    "settings": [
        ("key", "key", "avain", True),
        ("value", "value", "arvo", True),
    ],
    "staff": [
        ("staff_id", "staff_id", "tunnus", True),
        ("name", "name", "nimi", False),
        ("roles", "roles", "roolit", True),
        ("work_days", "work_days", "työpäivät", False),
        ("max_clients", "max_clients", "asiakkaita_max", False),
        ("day_minutes", "day_minutes", "minuutit_päivässä", False),
        ("site", "site", "toimipiste", False),
    ],
    "groups": [
        ("group_id", "group_id", "ryhmä", True),
        ("max_size", "max_size", "enimmäiskoko", False),
        ("start_earliest", "start_earliest", "aloitus_aikaisintaan", True),
        ("start_latest", "start_latest", "aloitus_viimeistään", False),
        ("weekdays", "weekdays", "viikonpäivät", False),
        ("leaders", "leaders", "ohjaajat", True),
        ("leaders_needed", "leaders_needed", "ohjaajia_vähintään", False),
        ("language", "language", "kieli", False),
        ("room", "room", "tila", False),
        ("postpone", "postpone", "siirrä", False),
        ("site", "site", "toimipiste", False),
    ],
    "clients": [
        ("client_id", "client_id", "asiakas", True),
        ("group_id", "group_id", "ryhmä", True),
        ("decision_date", "decision_date", "päätöspäivä", True),
        ("case_manager", "case_manager", "omaohjaaja", False),
        ("clear_plan", "clear_plan", "selvä_suunnitelma", False),
        ("start_visits", "start_visits", "starttikäynnit", False),
        ("ready_visits", "ready_visits", "tsemppikäynnit", False),
        ("wp_visits", "wp_visits", "th_käynnit", False),
        ("wp_days", "wp_days", "th_päivät", False),
        ("follow_up_visits", "follow_up_visits", "seurantakäynnit", False),
        ("wp_start", "wp_start", "th_alkaa", False),
        ("lunch", "lunch", "ruokailu", False),
        ("wp_short_reason", "wp_short_reason", "th_lyhennys_syy", False),
        ("wp_weekdays", "wp_weekdays", "th_viikonpäivät", False),
        ("attends_final", "attends_final", "päätösjaksolle", False),
        ("language", "language", "kieli", False),
    ],
    "absences": [
        ("person", "person", "henkilö", True),
        ("start", "start", "alkaa", True),
        ("end", "end", "päättyy", True),
        ("reason", "reason", "syy", False),
    ],
    "closed": [
        ("date", "date", "päivä", True),
        ("reason", "reason", "syy", False),
    ],
    "weights": [
        ("rule", "rule", "sääntö", True),
        ("weight", "weight", "paino", True),
    ],
}

SETTINGS_KEYS: dict[str, tuple[str, str]] = {
    "plan_start": ("plan_start", "suunnittelu_alkaa"),
    "plan_end": ("plan_end", "suunnittelu_päättyy"),
    "time_limit_s": ("time_limit_s", "aikaraja_s"),
    "service_model": ("service_model", "palvelukuvaus"),
}

# Output sheets: key -> (English, Finnish). Excel allows at most 31 characters.
OUTPUT_SHEETS: dict[str, tuple[str, str]] = {
    "summary": ("Summary", "Yhteenveto"),
    "events": ("Events", "Tapahtumat"),
    "periods": ("Periods", "Jaksot"),
    "checks": ("Checks", "Tarkistukset"),
    "notices": ("Notices", "Ilmoitukset"),
    "groups": ("Group calendar", "Ryhmäkalenteri"),
    "timelines": ("Client timelines", "Asiakkaiden aikajanat"),
    "certificates": ("Certificates", "Todistukset"),
    "weights": ("Weights", "Painotukset"),  # the input's sheet name: copy it there to change weights
    "changes": ("Changes", "Muutokset"),
    "team_week": ("Team week", "Tiimiviikko"),
    "load": ("Load", "Kuormitus"),
    "deadlines": ("Deadlines", "Määräajat"),
}

EVENT_COLUMNS: list[Column] = [
    ("date", "date", "päivä", True),
    ("kind", "kind", "tapahtuma", True),
    ("phase", "phase", "jakso", True),
    ("group_id", "group_id", "ryhmä", True),
    ("client_id", "client_id", "asiakas", False),
    ("staff_id", "staff_id", "työntekijä", False),
    ("mode", "mode", "tapa", False),
    ("with_employer", "with_employer", "työnantaja", False),
    ("network_meeting", "network_meeting", "verkostoneuvottelu", False),
    ("substitute", "substitute", "sijainen", False),
    ("note", "note", "huom", False),
]

PERIOD_COLUMNS: list[Column] = [
    ("client_id", "client_id", "asiakas", True),
    ("group_id", "group_id", "ryhmä", True),
    ("phase", "phase", "jakso", True),
    ("start", "start", "alkaa", True),
    ("end", "end", "päättyy", True),
    ("days", "days", "päivät", True),
    ("note", "note", "huom", False),
]

# The columns of English codes (the contract's values in both languages) and the word table of
# each (optimizer.core.messages.CODE_WORDS): a Finnish plan has the codes in Finnish words in a
# display column right beside each (issue 15), which no reader reads.
EVENT_CODES = {"kind": "kind", "phase": "phase", "mode": "mode", "with_employer": "yes_no",
               "network_meeting": "yes_no", "substitute": "yes_no"}
PERIOD_CODES = {"phase": "phase"}


def norm(text: object) -> str:
    """How names are compared: case-insensitive, surrounding spaces ignored."""
    return str(text).strip().casefold() if text is not None else ""


def by_name(names: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """Each English and Finnish name, as `norm` compares them, to its key: how a sheet, a column
    or a setting is found in either language."""
    keys = {}
    for key, (en, fi) in names.items():
        keys[norm(en)] = key
        keys[norm(fi)] = key
    return keys


def sheet_name(key: str, lang: str) -> str:
    en, fi = OUTPUT_SHEETS[key]
    return fi if lang == "fi" else en


def column_names(columns: list[Column], lang: str) -> list[str]:
    return [fi if lang == "fi" else en for _, en, fi, _ in columns]
