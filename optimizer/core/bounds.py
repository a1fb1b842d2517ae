"""Every number the tool takes from outside that is not a number of Kela's service description
(those are bounded in optimizer/core/service_model.py): command-line options, the Settings sheet,
counts and ids in the input cells. One home, so that `--time-limit` and the Settings sheet's
`aikaraja_s` are checked alike, and no value can reach the solver as NaN, infinity or a number
no machine holds (a seed past 2^31, a caseload of 10^23, a date in the year 9999).
"""

from __future__ import annotations

from datetime import date

TIME_LIMIT_S = (1.0, 86_400.0)  # a day; the largest benchmark (1,000 clients) takes 900 s
SEED = (0, 2**31 - 1)  # CP-SAT's random seed is a 32-bit integer
WORKERS = (1, 64)
MAX_CLIENTS = (0, 1_000)  # a case manager's caseload (R-STAFF-4)
DAY_MINUTES = (1, 24 * 60)  # a staff member's working minutes a day (R-STAFF-2)
WEIGHT = (0, 1_000_000)  # a soft rule's weight (Weights sheet)
DATES = (date(2000, 1, 1), date(2099, 12, 31))  # every date read; Excel day numbers likewise
MAX_WINDOW_DAYS = 366  # a group's start window: every start in it is a placement the model weighs
MAX_HORIZON_DAYS = 5 * 365  # from the plan's start to its end (a process is 15 months)
ID_CHARS = 40  # an id (client, group, staff member): a pseudonym such as A012, not a text
INT_DIGITS = 15  # a whole number written as text
