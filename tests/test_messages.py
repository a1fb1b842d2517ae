"""One home for every sentence (issue 13): the message catalogue `optimizer/core/messages.py`.

Two checks over the package's source, built with `ast`:

- every key of the catalogue is used somewhere in `optimizer/` (as a string literal, or through
  one of the few prefixes that code completes at run time, listed in DYNAMIC_PREFIXES), so a
  message nobody says any more is deleted rather than kept and translated;
- no Finnish/English pair of text is written inline outside the catalogue and the workbook
  contract's vocabulary (`optimizer/workbook/labels.py`): a conditional on the language with text
  in both branches, or a tuple, list, dict or call that holds Finnish text next to English text.

Both detectors are themselves tested on small snippets, so that a check that can no longer fail
is noticed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from optimizer.core.messages import _MESSAGES, t

PACKAGE = Path(__file__).resolve().parent.parent / "optimizer"
CATALOGUE = PACKAGE / "core" / "messages.py"
# The workbook contract's vocabulary (sheet names, column headers, settings keys in both
# languages) is words, not sentences, and has its own home.
EXEMPT = {CATALOGUE, PACKAGE / "workbook" / "labels.py"}

# Keys that code builds at run time: the literal head of the expression that builds them, and where.
# Such a key counts as used when a builder with that head fits it and what the builder fills in is
# itself a string literal of the source or a number (f"no_{phase}_option" with "deep" somewhere
# makes no_deep_option used, but not no_case_managers, nor no_lunch_option without a "lunch").
DYNAMIC_PREFIXES = {
    "no_": 'search/model/groups.py: f"no_{phase}_option"',
    "precheck_leader_discussions_": 'checks/prechecks.py: f"precheck_leader_discussions_{phase}"',
    "foreign_": 'workbook/plan_read.py: f"foreign_{kind}"',
    "cost_follow_up_": 'checks/costs.py: f"cost_follow_up_{k}_early", f"cost_follow_up_{k}_late"',
    "fact_": 'explain/diagnose.py: "fact_" + _kind(...)',
    "suggest_": 'explain/diagnose.py: "suggest_" + f.kind',
    "suggest_absence_": 'explain/diagnose.py: "suggest_absence_" + role',
}


# --- the detectors --------------------------------------------------------------------------------

def unused_keys(keys: list[str], sources: list[str]) -> list[str]:
    """The keys that no source names, as a whole string literal or through a builder (see
    DYNAMIC_PREFIXES)."""
    literals: set[str] = set()
    builders: list[re.Pattern[str]] = []
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            pattern = _builder(node)
            if pattern is not None:
                builders.append(pattern)

    def built(key: str) -> bool:
        for pattern in builders:
            m = pattern.match(key)
            if m and all(part in literals or part.isdigit() for part in m.groups()):
                return True
        return False

    return [key for key in keys if key not in literals and not built(key)]


def _builder(node: ast.AST) -> re.Pattern[str] | None:
    """A key built at run time as a pattern, its filled-in parts as groups: f"no_{phase}_option"
    or "fact_" + kind, with a head in DYNAMIC_PREFIXES; None for anything else."""
    if isinstance(node, ast.JoinedStr):
        parts = list(node.values)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant):
        parts = [node.left, node.right]
    else:
        return None
    head = parts[0] if parts else None
    if not (isinstance(head, ast.Constant) and head.value in DYNAMIC_PREFIXES):
        return None
    return re.compile("".join(re.escape(p.value) if isinstance(p, ast.Constant) else r"([a-z0-9_]+)"
                              for p in parts) + r"\Z")


FINNISH_LETTERS = set("äöåÄÖÅ")
# Common Finnish words without ä, ö or å (a text with one of those letters is Finnish anyway).
FINNISH_WORDS = {
    "ei", "eikä", "ja", "tai", "on", "ole", "ovat", "kun", "jos", "pitää", "olla", "vain", "sekä", "tila",
    "kuka", "milloin", "miksi", "kuvaus", "paino", "selite", "viikko", "viikolla", "vko", "jakso", "alkaa",
    "tulossa", "alkanut", "asiakas", "asiakkaat", "asiakkaita", "asiakasta", "ohjaajat", "kenelle",
    "ilmoitus", "loma", "joulu", "huomio", "syy", "korjaus", "rikottu", "joustettu", "kunnossa", "tapa",
    "puhelu", "kertaa", "ennen", "kanssa", "koko", "siirretty", "ruokailu", "aloitus", "sovittu", "alku",
    "kieli", "ohjaa", "tuntematon", "suunnitelma", "tunnus", "viikot", "valinnat", "ohjeet", "vertailu",
}
LANGUAGE_CODES = {"fi", "en", "sv"}
RULE_ID = re.compile(r"\b[RS]-[A-Z]+-\d+\b")


def _words(text: str) -> list[str]:
    """The words of a text, rule ids (R-GROUP-2) left out."""
    return re.findall(r"[^\W\d_]+", RULE_ID.sub(" ", text).casefold())


def is_text(text: str) -> bool:
    """Words, not a language code or a rule id."""
    return bool(_words(text)) and text.strip() not in LANGUAGE_CODES


def is_finnish(text: str) -> bool:
    return any(ch in FINNISH_LETTERS for ch in text) or any(w in FINNISH_WORDS for w in _words(text))


def is_english(text: str) -> bool:
    """Text that is not Finnish: beside a Finnish text in a pair, the other language."""
    return is_text(text) and not is_finnish(text)


def _texts(node: ast.AST) -> list[str]:
    """The texts under `node`: its string constants, f-strings' literal parts included."""
    return [n.value for n in ast.walk(node)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and is_text(n.value)]


def _language(node: ast.AST) -> str | None:
    """The language a side of a pair is in: "fi" when any of its texts is Finnish, "en" when it has
    texts and none is, None without text."""
    texts = _texts(node)
    if not texts:
        return None
    return "fi" if any(is_finnish(x) for x in texts) else "en"


def _about_language(test: ast.AST) -> bool:
    """A condition on the language: `fi`, `lang == "fi"`, `lang != "en"`, ..."""
    for n in ast.walk(test):
        if isinstance(n, ast.Name) and n.id in {"fi", "lang", "en", "finnish", "english"}:
            return True
        if isinstance(n, ast.Constant) and n.value in LANGUAGE_CODES:
            return True
    return False


def _pair(node: ast.AST) -> str | None:
    """What makes `node` an inline Finnish/English pair, or None."""
    # "viikko" if fi else "week", [...] if lang == "fi" else [...]
    if isinstance(node, ast.IfExp) and _about_language(node.test) and _texts(node.body) and _texts(node.orelse):
        return f"{_texts(node.body)[0]!r} / {_texts(node.orelse)[0]!r} chosen by the language"
    # {"fi": [...], "en": [...]}
    if isinstance(node, ast.Dict):
        by_code = {k.value: v for k, v in zip(node.keys, node.values, strict=True)
                   if isinstance(k, ast.Constant) and k.value in LANGUAGE_CODES}
        if {"fi", "en"} <= set(by_code) and _texts(by_code["fi"]) and _texts(by_code["en"]):
            return f"{_texts(by_code['fi'])[0]!r} / {_texts(by_code['en'])[0]!r} by language code"
    # ("määräpäivä", "due"), (["omaohjaaja", ...], ["case_manager", ...])
    if isinstance(node, ast.Tuple | ast.List) and len(node.elts) == 2 and all(map(_is_text_node, node.elts)) and \
            (_language(node.elts[0]), _language(node.elts[1])) == ("fi", "en"):
        return f"{_texts(node.elts[0])[0]!r} / {_texts(node.elts[1])[0]!r} as a pair"
    # _f(rule, who, when, "... päivää", "... days"): a Finnish argument and next to it an English one;
    # Finding(..., fi="...", en="...")
    if isinstance(node, ast.Call):
        for a, b in zip(node.args, node.args[1:], strict=False):
            if _is_string(a) and _is_string(b) and (_language(a), _language(b)) == ("fi", "en"):
                return f"{_texts(a)[0]!r} / {_texts(b)[0]!r} as arguments"
        named = {k.arg: k.value for k in node.keywords if k.arg in LANGUAGE_CODES}
        if {"fi", "en"} <= set(named) and _texts(named["fi"]) and _texts(named["en"]):
            return f"{_texts(named['fi'])[0]!r} / {_texts(named['en'])[0]!r} as fi= and en="
    return None


def _is_string(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _is_text_node(node: ast.AST) -> bool:
    """A string, or a tuple or list of strings."""
    return _is_string(node) or (isinstance(node, ast.Tuple | ast.List) and all(map(_is_string, node.elts)))


def inline_pairs(source: str) -> list[tuple[int, str]]:
    """(line, what) for each Finnish/English pair written inline in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        what = _pair(node)
        if what is not None:
            found.append((node.lineno, what))
    return sorted(found)


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


# --- the detectors on snippets ---------------------------------------------------------------------

PLANTED = [
    'label = "viikko" if fi else "week"',
    'label = "viikko" if lang == "fi" else "week"',
    'headers = ["sääntö", "tila"] if fi else ["rule", "status"]',
    'text = ("määräpäivä", "due")[k]',
    'coming, done = ("tulossa", "alkanut") if fi else ("coming", "begun")',
    'out.append(_f("R-X-1", who, when, f"{n} päivää, pitää olla {m}", f"{n} days, expected {m}"))',
    'LEGEND = {"ok": ("kaikki kunnossa", "rule holds")}',
    'WEEKDAYS = {"fi": ["maanantai", "tiistai"], "en": ["Monday", "Tuesday"]}',
    'why = f"{x} ei ole työpäivänä" if lang == "fi" else f"{x} is not on a working day"',
    'Finding(rule, who, when, fi=f"{n} käyntiä", en=f"{n} visits")',
    'ws.append([f"{\'vko\' if fi else \'wk\'} {week}"])',
]
CLEAN = [
    'label = t("roster_week", lang)',
    'x = yes_no(flag, "fi" if fi else "en")',
    'key = "{}/fi" if lang == "fi" else "{}"',
    'name = fin if fi else en',
    'out.append(_f("R-X-1", who, when, "x_days", n=n, m=m))',
    'MODES = {"office": 1, "site": 2}',
    'raise ValueError("päivämäärä puuttuu")',
]


@pytest.mark.parametrize("snippet", PLANTED)
def test_detector_finds_a_planted_pair(snippet: str) -> None:
    assert inline_pairs(snippet), snippet


@pytest.mark.parametrize("snippet", CLEAN)
def test_detector_passes_code_without_pairs(snippet: str) -> None:
    assert not inline_pairs(snippet), inline_pairs(snippet)


def test_a_pair_planted_in_a_module_is_found() -> None:
    """The package check itself fails on a pair written into a real module."""
    path = PACKAGE / "workbook" / "write.py"
    source = path.read_text(encoding="utf-8")
    assert inline_pairs(source) == []
    planted = source + '\n\ndef title(lang):\n    return "Yhteenveto" if lang == "fi" else "Summary"\n'
    assert [line for line, _ in inline_pairs(planted)] == [len(planted.splitlines())]


def test_unused_key_detector() -> None:
    sources = ['t("used", lang)', 'key = f"no_{phase}_option"', 'k = f"precheck_leader_discussions_{p}"',
               'PHASES = ("start", "deep")', 'line = ("fact_" + kind, info)', 'KINDS = {"window": 1}',
               'add(f"cost_follow_up_{k}_early")', 'x = f"{a}_{b}"']
    keys = ["used", "unused", "no_start_option", "no_deep_option", "no_lunch_option", "no_case_managers",
            "precheck_leader_discussions_deep", "precheck_other", "fact_window", "fact_room",
            "cost_follow_up_2_early", "cost_follow_up_2_late"]
    assert unused_keys(keys, sources) == ["unused", "no_lunch_option", "no_case_managers", "precheck_other",
                                          "fact_room", "cost_follow_up_2_late"]
    # Without the f-string that builds them, the dynamic keys are unused too.
    assert unused_keys(["no_start_option"], ['t("used", lang)', 'PHASES = ("start",)']) == ["no_start_option"]


# --- the package ------------------------------------------------------------------------------------

def test_every_key_is_used() -> None:
    sources = [p.read_text(encoding="utf-8") for p in modules() if p != CATALOGUE]
    assert unused_keys(list(_MESSAGES), sources) == []


def test_no_inline_pair_outside_the_catalogue() -> None:
    found = [f"{p.relative_to(PACKAGE.parent)}:{line}: {what}"
             for p in modules() if p not in EXEMPT
             for line, what in inline_pairs(p.read_text(encoding="utf-8"))]
    assert found == [], "\n".join(found)


def test_every_dynamic_prefix_still_builds_a_key() -> None:
    """A prefix no code completes any more would let its keys pass unused: it goes with its code."""
    heads = set()
    for p in modules():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if _builder(node) is not None:
                heads.add(node.values[0].value if isinstance(node, ast.JoinedStr) else node.left.value)
    assert heads == set(DYNAMIC_PREFIXES)


def test_no_key_written_twice() -> None:
    """A dict literal keeps the last of two equal keys without a word: the catalogue has none."""
    tree = ast.parse(CATALOGUE.read_text(encoding="utf-8"))
    catalogue = next(node.value for node in ast.walk(tree) if isinstance(node, ast.AnnAssign)
                     and isinstance(node.target, ast.Name) and node.target.id == "_MESSAGES")
    assert isinstance(catalogue, ast.Dict)
    keys = [k.value for k in catalogue.keys if isinstance(k, ast.Constant)]
    assert len(keys) == len(_MESSAGES) == len(set(keys))


def test_every_key_has_both_languages() -> None:
    """Each key has a Finnish and an English text, and both format with the values either names."""
    def names(text: str) -> set[str]:
        return set(re.findall(r"\{(\w+)", text))
    for key, (fi, en) in _MESSAGES.items():
        assert fi.strip() and en.strip(), key
        values = dict.fromkeys(names(fi) | names(en), "x")
        assert t(key, "fi", **values) and t(key, "en", **values)


def test_every_checked_rule_has_a_meaning_in_both_languages() -> None:
    """Issue 15: the Checks sheet shows each rule id with one line of what it means. Every rule the
    validator checks and every soft rule has one, in Finnish and English, with no number in it (the
    numbers are the service model's, which a coordinator may change) and no stale id."""
    from optimizer.checks.validate import CHECKS
    from optimizer.core.messages import RULE_WORDS
    from optimizer.core.service_model import SOFT_RULES

    missing = [rule for rule in (*CHECKS, *SOFT_RULES) if rule not in RULE_WORDS]
    assert missing == [], f"rules without a meaning in RULE_WORDS: {missing}"
    assert set(RULE_WORDS) == {*CHECKS, *SOFT_RULES}
    for rule, (fi, en) in RULE_WORDS.items():
        assert fi.strip() and en.strip() and fi != en, rule
        assert not re.search(r"\d", fi + en), rule


# --- counts and their nouns (issue 15) ------------------------------------------------------------

def test_counts_take_the_noun_in_the_right_number():
    from optimizer.core.messages import count

    assert count(1, "päivä", "päivää") == "1 päivä" and count(2, "päivä", "päivää") == "2 päivää"
    assert count(0, "day", "days") == "0 days" and count("1", "day", "days") == "1 day"
    assert t("input_errors", "fi", n=1).startswith("Syötteessä on 1 virhe.")
    assert t("input_errors", "fi", n=2).startswith("Syötteessä on 2 virhettä.")
    assert t("input_errors", "en", n=1).startswith("The input has 1 error.")
    assert t("cost_spread", "fi", units=1) == "1 työpaikkakäynti lisää samalla viikolla"
    assert t("cost_spread", "fi", units=3) == "3 työpaikkakäyntiä lisää samalla viikolla"


def test_every_count_in_the_catalogue_goes_through_the_helper():
    """A number placeholder right before a Finnish partitive noun ("{n} päivää") reads wrong for
    1; the catalogue says it as {n:~päivä/päivää}. The variables that hold counts are listed."""
    counts = r"\{(n|count|units|days|visits|clients|events|months|years|moved|added|removed)\} "
    partitive = re.compile(counts + r"(?!lisää)[a-zäö]+(?<!s)(ää|aa|ta|tä)\b")  # not elative (-sta)
    english = re.compile(counts + r"[a-z -]*\(s\)")
    offending = [text for fi, en in _MESSAGES.values() for text in (fi, en)
                 if partitive.search(text) or english.search(text)]
    assert offending == []


def test_the_outcome_in_plain_words_with_a_decimal_comma():
    from optimizer.core.messages import fmt_percent
    from optimizer.workbook.write import verdict

    assert verdict("feasible", 0.618, "fi") == ("Suunnitelma löytyi. Paras mahdollinen suunnitelma voi olla enintään "
                                                "61,8 % tätä halvempi; pidempi aikaraja voi parantaa sitä. "
                                                "Arvio tulee ratkaisijan alarajasta, joka useamman ryhmän "
                                                "suunnitelmissa jää yleensä selvästi alle sen, mihin mikään "
                                                "suunnitelma pääsee.")
    assert "up to 61.8 % less" in verdict("feasible", 0.618, "en")
    # Rounded up, so that "at most" holds: a gap of 1.36 % is never "1 %", and a plan 0.4 % above
    # its bound is not called the best possible.
    assert "enintään 1,4 % tätä" in verdict("feasible", 0.0136, "fi")
    assert "up to 0.4 % less" in verdict("feasible", 0.0031, "en")
    assert "up to 1.4 % less" in verdict("feasible", 0.014, "en")
    # The console's and the Summary's gap show the same figure as the verdict: 33 / 2,163 is 1.53 %.
    from optimizer.core.messages import fmt_gap
    assert fmt_gap(33 / 2163, "fi") == "1,6 %" and "enintään 1,6 % tätä" in verdict("feasible", 33 / 2163, "fi")
    assert fmt_gap(0.618, "en") == "61.8 %" and fmt_gap(None) == "-"
    assert verdict("optimal", 0.0, "fi").startswith("Suunnitelma löytyi, ja se on paras mahdollinen")
    assert verdict("feasible", None, "fi") == t("verdict_unknown_gap", "fi")
    # A bound from the periods relaxation (optimizer/search/lower_bound.py) says where it comes from.
    assert "without individual visits" in verdict("feasible", 0.37, "en", "periods")
    assert "ilman yksilökäyntejä" in verdict("feasible", 0.37, "fi", "periods")
    assert "solver's lower bound" in verdict("feasible", 0.37, "en", "solver")
    # ... and the relaxation of every group in one model says that the groups share their staff.
    assert "every group's periods and work practices together" in verdict("feasible", 0.37, "en", "joint")
    assert "kaikkien ryhmien" in verdict("feasible", 0.37, "fi", "joint")
    # Every bound is for the plan's case managers: where the tool chose some, the claim says so,
    # a proven plan's too.
    assert verdict("feasible", 0.007, "fi", "periods", 20).endswith(
        "Tämä arvio koskee suunnitelmia, joissa omaohjaajat ovat samat: työkalu valitsi omaohjaajan 20 asiakkaalle, "
        "ja toisenlainen valinta voi tehdä suunnitelmasta halvemman.")
    assert "case manager of 1 client," in verdict("optimal", 0.0, "en", None, 1)
    assert "omaohjaajat ovat samat" not in verdict("feasible", 0.007, "fi", "periods")
    assert verdict("feasible", None, "en", None, 3) == t("verdict_unknown_gap", "en")
    assert fmt_percent(0.618, "fi") == "61,8 %" and fmt_percent(0.618, "en") == "61.8 %"
