"""Every sentence the tool says to a coordinator, in Finnish (default) and English.

The catalogue `_MESSAGES` (key -> (Finnish, English), said with `t`) and the word tables (event
kinds, phases, column headers, statuses, ...: (Finnish, English) pairs, one picked with `pick`).
No other module writes a Finnish/English pair inline, and every key is used (tests/test_messages.py);
the workbook contract's sheet and column names are in optimizer/workbook/labels.py.

Messages name ids (pseudonyms), cells and dates, never names of people.
"""

from __future__ import annotations

import math
import string
from datetime import date
from typing import NamedTuple, TypeVar

from optimizer.core.plan import DUE_KINDS, Event

LANGS = ("fi", "en")
T = TypeVar("T")

_MESSAGES: dict[str, tuple[str, str]] = {
    # --- reading the input -------------------------------------------------------------------
    "file_empty": ("tiedosto on tyhjä", "the file is empty"),
    "file_xls_or_password": (
        "vanha .xls-tiedosto tai salasanalla suojattu työkirja; tallenna se Excelissä .xlsx-muodossa "
        "ilman salasanaa",
        "an old .xls file or a password-protected workbook; save it from Excel as .xlsx without a password",
    ),
    "file_ods": ("LibreOfficen .ods-taulukko; tallenna se .xlsx-muodossa",
                 "a LibreOffice .ods spreadsheet; save it as .xlsx"),
    "file_damaged_zip": ("tiedosto on vioittunut (keskeneräinen tai katkennut tallennus?)",
                         "the file is damaged (an unfinished or interrupted save?)"),
    "file_text": ("tekstitiedosto (CSV?); avaa se Excelissä ja tallenna .xlsx-muodossa",
                  "a text file (CSV?); open it in Excel and save it as .xlsx"),
    "file_not_spreadsheet": ("ei taulukkotiedosto", "not a spreadsheet"),
    "cannot_open": (
        "Tiedostoa {path} ei voi avata Excel-työkirjana (.xlsx): {why}",
        "Cannot open {path} as an Excel workbook (.xlsx): {why}",
    ),
    "missing_sheet": (
        "Välilehti {name} puuttuu (nimi suomeksi tai englanniksi: {fi} / {en})",
        "Sheet {name} is missing (name in Finnish or English: {fi} / {en})",
    ),
    "missing_column": (
        "{sheet}: sarake {fi} / {en} puuttuu otsikkoriviltä {row}",
        "{sheet}: column {en} / {fi} is missing from header row {row}",
    ),
    "misspelt_column": (
        "{sheet}: sarake {fi} / {en} puuttuu otsikkoriviltä {row}; tarkoititko otsikkoa '{found}'?",
        "{sheet}: column {en} / {fi} is missing from header row {row}; did you mean the header '{found}'?",
    ),
    "required": ("{cell}: arvo puuttuu ({what})", "{cell}: value missing ({what})"),
    "missing_setting": ("{sheet}: asetus {what} puuttuu", "{sheet}: the setting {what} is missing"),
    "bad_date": (
        "{cell}: '{value}' ei ole päivämäärä; odotettiin päivämääräsolua, 1.3.2027 tai 2027-03-01",
        "{cell}: '{value}' is not a date; expected a date cell, 2027-03-01 or 1.3.2027",
    ),
    "bad_date_range": (
        "{cell}: '{value}' ei ole päivä eikä päivien väli; odotettiin esim. 27.12.2027 tai 27.12.2027–31.12.2027",
        "{cell}: '{value}' is neither a day nor a range of days; expected e.g. 2027-12-27 or 27.12.2027–31.12.2027",
    ),
    "date_range_backwards": (
        "{cell}: '{value}': välin viimeinen päivä on ennen ensimmäistä",
        "{cell}: '{value}': the range's last day comes before its first",
    ),
    "range_and_end": (
        "{cell}: alkaa-sarakkeessa on väli '{value}', mutta päättyy-sarakkeessa eri päivä {end}; anna väli tai "
        "alku ja loppu erikseen",
        "{cell}: the start column holds the range '{value}' but the end column another day {end}; give either "
        "the range or the start and the end",
    ),
    "bad_int": (
        "{cell}: '{value}' ei ole kokonaisluku; odotettiin {expected}",
        "{cell}: '{value}' is not a whole number; expected {expected}",
    ),
    "bad_number": (
        "{cell}: '{value}' ei ole luku; odotettiin {expected}",
        "{cell}: '{value}' is not a number; expected {expected}",
    ),
    "out_of_range": (
        "{cell}: {value} on sallitun alueen ulkopuolella; odotettiin {expected} ({rule})",
        "{cell}: {value} is out of range; expected {expected} ({rule})",
    ),
    "bad_bool": (
        "{cell}: '{value}' ei ole kyllä/ei; odotettiin kyllä, ei, yes, no, true, false, 1, 0 tai x",
        "{cell}: '{value}' is not yes/no; expected yes, no, kyllä, ei, true, false, 1, 0 or x",
    ),
    "bad_weekdays": (
        "{cell}: '{value}' ei ole viikonpäivälista; odotettiin esim. ma-pe tai ma, ti, ke",
        "{cell}: '{value}' is not a list of weekdays; expected e.g. Mon-Fri or Mon, Tue, Wed",
    ),
    "bad_group_weekdays": (
        "{cell}: '{value}' ei kelpaa; odotettiin ma-to, ti-pe tai tyhjä (R-START-2)",
        "{cell}: '{value}' is not allowed; expected Mon-Thu, Tue-Fri or empty (R-START-2)",
    ),
    # Issue 14: part-time practice weekdays, a postponement the coordinator asks for (R-WP-2, R-GROUP-2).
    "bad_wp_weekdays": (
        "{cell}: '{value}': harjoittelupäivät ovat maanantaista perjantaihin, esim. ma-to tai ma, ti, ke (R-WP-2)",
        "{cell}: '{value}': practice days are Monday to Friday, e.g. Mon-Thu or Mon, Tue, Wed (R-WP-2)",
    ),
    "postpone_at_minimum": (
        "{cell}: siirrä on '{value}', mutta ryhmässä {group} on {count:~asiakas/asiakasta} ja sen vähimmäiskoko on "
        "{least}: vähimmäiskoon saavuttanut ryhmä aloittaa sovitussa aikataulussa; siirtää voi vain "
        "vähimmäiskokoa pienemmän ryhmän (R-GROUP-2)",
        "{cell}: postpone is '{value}', but group {group} has {count:~client/clients} and its minimum size is "
        "{least}: a group that has reached its minimum starts on its agreed schedule; only a group below "
        "its minimum may be postponed (R-GROUP-2)",
    ),
    "bad_language": (
        "{cell}: '{value}' ei ole kieli; odotettiin fi tai sv",
        "{cell}: '{value}' is not a language; expected fi or sv",
    ),
    "bad_roles": (
        "{cell}: rooleista puuttuu omaohjaaja tai ryhmänohjaaja ('{value}')",
        "{cell}: roles name neither case_manager nor group_leader ('{value}')",
    ),
    "duplicate_id": (
        "{cell}: tunnus '{value}' on jo käytössä ({other})",
        "{cell}: id '{value}' is used already ({other})",
    ),
    "unknown_staff": (
        "{cell}: työntekijää '{value}' ei ole Henkilöstö-välilehdellä",
        "{cell}: staff id '{value}' is not on the Staff sheet",
    ),
    "unknown_group": (
        "{cell}: ryhmää '{value}' ei ole Ryhmät-välilehdellä",
        "{cell}: group '{value}' is not on the Groups sheet",
    ),
    "unknown_person": (
        "{cell}: '{value}' ei ole työntekijä eikä asiakas",
        "{cell}: '{value}' is neither a staff member nor a client",
    ),
    "not_case_manager": (
        "{cell}: '{value}' ei ole omaohjaaja (rooli puuttuu Henkilöstö-välilehdeltä, R-STAFF-3)",
        "{cell}: '{value}' does not have the case_manager role on the Staff sheet (R-STAFF-3)",
    ),
    "not_leader": (
        "{cell}: '{value}' ei ole ryhmänohjaaja (rooli puuttuu Henkilöstö-välilehdeltä, R-GROUP-4)",
        "{cell}: '{value}' does not have the group_leader role on the Staff sheet (R-GROUP-4)",
    ),
    "leaders_needed": (
        "{cell}: {value:~ohjaaja/ohjaajaa} vaaditaan, mutta ryhmällä on vain {count} (R-GROUP-4)",
        "{cell}: {value:~leader/leaders} needed but the group lists only {count} (R-GROUP-4)",
    ),
    "leader_minutes": (
        "{cell}: ohjaajan {value} päivään ({minutes} min) ei mahdu ryhmäpäivä ({need} min, R-STAFF-2)",
        "{cell}: leader {value}'s day ({minutes} min) cannot hold a group day ({need} min, R-STAFF-2)",
    ),
    "group_too_big": (
        "{cell}: ryhmässä {value} on {count:~asiakas/asiakasta}, enimmäiskoko on {max} (R-GROUP-1)",
        "{cell}: group {value} has {count:~client/clients}, its maximum is {max} (R-GROUP-1)",
    ),
    "end_before_start": (
        "{cell}: loppu {end} on ennen alkua {start}",
        "{cell}: end {end} is before start {start}",
    ),
    "window_outside": (
        "{cell}: {what} {value} on suunnittelujakson {start}–{end} ulkopuolella (R-CAL-0)",
        "{cell}: {what} {value} is outside the planning horizon {start}–{end} (R-CAL-0)",
    ),
    "id_both": (
        "{cell}: tunnus '{value}' on sekä työntekijä että asiakas",
        "{cell}: id '{value}' is used for both a staff member and a client",
    ),
    "hetu": (
        "{cell}: tässä on henkilötunnus. Henkilötunnuksia ei käsitellä: käytä asiakastunnuksia "
        "(esim. A012). Mitään ei kirjoitettu.",
        "{cell}: this holds a personal identity code. These are refused: use pseudonymous "
        "ids (e.g. A012). Nothing was written.",
    ),
    "hetu_more": ("… ja {n:~muu paikka/muuta paikkaa}, joissa on henkilötunnus", "… and {n} more places with an identity code"),
    "hetu_path": (
        "{what}: tiedoston tai kansion nimessä on henkilötunnus; nimeä se uudelleen. Mitään ei kirjoitettu.",
        "{what}: the file's or folder's name holds a personal identity code; rename it. Nothing was written.",
    ),
    "hetu_argument": (
        "Komentorivin argumentissa on henkilötunnus; käytä asiakastunnuksia. Mitään ei luettu eikä kirjoitettu.",
        "An argument on the command line holds a personal identity code; use pseudonymous ids. Nothing was read "
        "or written.",
    ),
    "hetu_output": (
        "Kirjoitettavassa tekstissä olisi henkilötunnus ({where}); mitään ei kirjoitettu.",
        "A text to be written would hold a personal identity code ({where}); nothing was written.",
    ),
    "where_sheet_no": ("välilehti nro {n}", "sheet no. {n}"),
    "where_sheet_name": ("välilehden nro {n} nimi", "the name of sheet no. {n}"),
    "where_sheet": ("välilehti {sheet}", "sheet {sheet}"),
    "where_header": ("välilehden {sheet} ylä- tai alatunniste", "the header or footer of sheet {sheet}"),
    "where_comments": ("välilehden {sheet} kommentit", "the comments of sheet {sheet}"),
    "where_comment": ("kommentti solussa {cell}", "a comment on {cell}"),
    "where_defined_name": ("nimetty alue (Kaavat > Nimien hallinta)", "a defined name (Formulas > Name Manager)"),
    "where_properties": ("tiedoston ominaisuudet (Tiedosto > Tiedot)", "the file's properties (File > Info)"),
    "where_shared_string": ("teksti", "a text"),
    "where_part": ("työkirjan sisäinen osa {part}", "the workbook's internal part {part}"),
    "where_part_name": ("työkirjan sisäisen osan nimi", "the name of an internal part of the workbook"),
    "what_workbook": ("luettava työkirja", "a workbook to read"),
    "file_missing": ("tiedostoa ei ole", "there is no such file"),
    "not_a_file": (
        "{path} ei ole tavallinen tiedosto (kansio, laite tai putki); mitään ei luettu",
        "{path} is not a regular file (a folder, a device or a pipe); nothing was read",
    ),
    "too_big_file": (
        "Tiedosto {path} on {size} Mt; enintään {limit} Mt luetaan. Mitään ei luettu.",
        "The file {path} is {size} MB; at most {limit} MB is read. Nothing was read.",
    ),
    "too_big_unpacked": (
        "työkirja on purettuna yli {limit} Mt (tavallinen suunnitelma 1 000 asiakkaalle on 34 Mt); onko "
        "siinä kuvia tai ylimääräisiä välilehtiä?",
        "the workbook unpacks to more than {limit} MB (a plan for 1,000 clients is 34 MB); does it hold "
        "pictures or extra sheets?",
    ),
    "too_big_part": ("työkirjan osa {part} on {size} Mt, enintään {limit} Mt", "the workbook part {part} is {size} MB, "
                     "at most {limit} MB"),
    "too_many_parts": ("työkirjassa on {n:~sisäinen osa/sisäistä osaa}, enintään {limit}", "the workbook has {n} internal parts, "
                       "at most {limit}"),
    "too_many_cells": (
        "välilehdellä {sheet} (ja sitä ennen) on yli {limit} solua, kun jokainen rivi lasketaan viimeiseen "
        "käytettyyn sarakkeeseen asti; poista tyhjät mutta muotoillut rivit ja sarakkeet tietojen alta ja oikealta",
        "sheet {sheet} (with the sheets before it) holds more than {limit} cells, counting each row up to its "
        "last used column; delete the empty but formatted rows and columns below and right of the data",
    ),
    "too_many_rows": (
        "välilehdellä {sheet} (ja sitä ennen) on yli {limit} riviä, tyhjät mutta muotoillut mukaan lukien; "
        "poista tyhjät rivit tietojen alta",
        "sheet {sheet} (with the sheets before it) has more than {limit} rows, empty but formatted ones "
        "included; delete the empty rows below the data",
    ),
    "too_many_string_chars": (
        "työkirjan jaetuissa teksteissä on yli {limit} merkkiä",
        "the workbook's shared texts hold more than {limit} characters",
    ),
    "too_many_elements": (
        "työkirjan osassa {part} on yli {limit} muotoilu- tai rakennemerkintää (Excel sallii 64 000 muotoilua)",
        "the workbook part {part} holds more than {limit} formats or other entries (Excel allows 64,000 formats)",
    ),
    "beyond_excel": (
        "{where}: {what} on Excelin taulukon ulkopuolella (enintään rivi 1 048 576 ja sarake XFD); tiedosto on "
        "vioittunut tai muokattu",
        "{where}: {what} lies outside an Excel sheet (at most row 1,048,576 and column XFD); the file is damaged "
        "or was tampered with",
    ),
    "damaged_row": (
        "Välilehden {sheet} rivillä {row} on solu, jota ei voi lukea (vioittunut tiedosto?); tallenna työkirja "
        "Excelissä uudelleen. Mitään ei kirjoitettu.",
        "Sheet {sheet}, row {row}: a cell cannot be read (a damaged file?); save the workbook again from Excel. "
        "Nothing was written.",
    ),
    "reserved_name": (
        "{path}: nimet, jotka alkavat {prefix}, ovat työkalun omia väliaikaistiedostoja; nimeä tiedosto uudelleen",
        "{path}: names starting with {prefix} are the tool's own temporary files; rename the file",
    ),
    "too_many_strings": ("työkirjassa on yli {limit} eri tekstiä", "the workbook holds more than {limit} texts"),
    "too_long_text": (
        "{where}: tekstissä on yli {limit} merkkiä, enemmän kuin Excel sallii solussa",
        "{where}: the text is longer than {limit} characters, more than Excel allows in a cell",
    ),
    "xml_dtd": (
        "osassa {part} on DTD-määrittely, jota Excel ei kirjoita (vihamielinen tai vioittunut tiedosto)",
        "the part {part} has a document type declaration, which Excel never writes (a hostile or damaged file)",
    ),
    "long_token": (
        "työkirjan osassa {part} on yli {limit} tavun merkintä tai teksti, pidempi kuin Excel kirjoittaa",
        "the workbook part {part} holds a tag or text of more than {limit} bytes, longer than Excel writes",
    ),
    "xml_damaged": ("työkirjan osa {part} on vioittunut", "the workbook part {part} is damaged"),
    "file_encrypted_zip": ("zip-paketti on salattu", "the zip package is encrypted"),
    "unknown_rule": (
        "{cell}: '{value}' ei ole pehmeän säännön tunnus; odotettiin yksi: {expected}",
        "{cell}: '{value}' is not a soft-rule id; expected one of: {expected}",
    ),
    "language_mismatch": (
        "{cell}: asiakkaan kieli {value} ei ole ryhmän {group} kieli {group_lang} (R-GROUP-3)",
        "{cell}: the client's language {value} is not group {group}'s language {group_lang} "
        "(R-GROUP-3)",
    ),
    "pinned_unknown_client": (
        "{cell}: lukittu tapahtuma nimeää asiakkaan {value}, jota ei ole Asiakkaat-välilehdellä (R-CLIENT-3)",
        "{cell}: a pinned event names client {value}, who is not on the Clients sheet (R-CLIENT-3)",
    ),
    "pinned_other_group": (
        "{cell}: lukittu tapahtuma on ryhmän {group}, mutta asiakas {value} on ryhmässä {own} (R-CLIENT-3)",
        "{cell}: a pinned event of group {group} names client {value}, who is in group {own} (R-CLIENT-3)",
    ),
    "wp_short_needs_reason": (
        "{cell}: {value:~työharjoittelupäivä/työharjoittelupäivää} on alle {min}; se sallitaan vain, kun syy on "
        "sarakkeessa th_lyhennys_syy (R-WP-2)",
        "{cell}: {value:~practice day/practice days} is under {min}; allowed only with a reason in column "
        "wp_short_reason (R-WP-2)",
    ),
    "wp_start_early": (
        "{cell}: sovittu työharjoittelun alku {value} on ennen päätöspäivää {decision} (R-CLIENT-1)",
        "{cell}: agreed work-practice start {value} is before the decision date {decision} "
        "(R-CLIENT-1)",
    ),
    "plan_end_before_start": (
        "{cell}: suunnittelu päättyy {end} ennen kuin alkaa {start}",
        "{cell}: the plan ends {end} before it starts {start}",
    ),
    "unknown_setting": (
        "{cell}: tuntematon asetus '{value}' ohitettiin",
        "{cell}: unknown setting '{value}' was ignored",
    ),
    "unknown_sheet": (
        "Välilehti '{value}' ei kuulu syötteeseen ja ohitettiin",
        "Sheet '{value}' is not part of the input and was ignored",
    ),
    "service_model": ("Palvelukuvaustiedosto: {why}", "Service model file: {why}"),
    "more_errors": ("… ja {n:~virhe/virhettä} lisää", "… and {n:~more error/more errors}"),
    "nothing_written": ("Mitään ei kirjoitettu.", "Nothing was written."),
    "input_errors": (
        "Syötteessä on {n:~virhe/virhettä}. Mitään ei kirjoitettu.",
        "The input has {n:~error/errors}. Nothing was written.",
    ),
    # --- console -----------------------------------------------------------------------------
    "solving": (
        "Suunnitellaan: {groups:~ryhmä/ryhmää}, {clients:~asiakas/asiakasta}, {staff:~työntekijä/työntekijää}, aikaraja {limit} s",
        "Planning: {groups:~group/groups}, {clients:~client/clients}, {staff} staff, time limit {limit} s",
    ),
    "progress": (
        "  {time} s  kustannus {objective}; paras mahdollinen vähintään {bound} (ero {gap})",
        "  {time} s  cost {objective}; the best possible costs at least {bound} (gap {gap})",
    ),
    "progress_first": (
        "  {time} s  suunnitelma löytyi, kustannus {objective} (etsitään parempaa)",
        "  {time} s  a plan found, cost {objective} (searching for a better one)",
    ),
    "interrupted": (
        "Keskeytetty ennen kuin yhtään suunnitelmaa löytyi. Mitään ei kirjoitettu.",
        "Stopped before any plan was found. Nothing was written.",
    ),
    "stopping": (
        "Keskeytetään: paras tähän mennessä löytynyt suunnitelma kirjoitetaan…",
        "Stopping: the best plan found so far will be written…",
    ),
    "summary_line": (
        "  Tekniset tiedot: tila {status}, rikottuja sääntöjä {broken}, tavoitefunktio {objective}, alaraja {bound}, "
        "ero {gap}, aika {time} s",
        "  Technical: status {status}, broken rules {broken}, objective {objective}, bound {bound}, "
        "gap {gap}, time {time} s",
    ),
    # Issue 15: what the search's outcome means, in plain words (console and Summary), before the
    # solver's own terms (objective, bound, gap) on a technical line.
    "verdict_optimal": (
        "Suunnitelma löytyi, ja se on paras mahdollinen näillä säännöillä ja painotuksilla.",
        "A plan was found, and it is the best possible under these rules and weights.",
    ),
    "verdict_gap": (
        "Suunnitelma löytyi. Paras mahdollinen suunnitelma voi olla enintään {gap} tätä halvempi; "
        "pidempi aikaraja voi parantaa sitä. Arvio tulee ratkaisijan alarajasta, joka useamman ryhmän "
        "suunnitelmissa jää yleensä selvästi alle sen, mihin mikään suunnitelma pääsee.",
        "A plan was found. The best possible plan may cost up to {gap} less than this one; a longer "
        "time limit may improve it. The figure comes from the solver's lower bound, which with several "
        "groups usually lies well below what any plan can reach.",
    ),
    "verdict_gap_periods": (
        "Suunnitelma löytyi. Paras mahdollinen suunnitelma voi olla enintään {gap} tätä halvempi; "
        "pidempi aikaraja voi parantaa sitä. Arvio tulee laskelmasta, jossa suunnitellaan vain ryhmäjaksot ja "
        "työharjoittelut, ilman yksilökäyntejä; käynneistä siinä on mukana vain se, minkä omaohjaajan loma, "
        "liian lyhyt tsemppijakso tai pian päätöksen jälkeen alkava ryhmä väistämättä maksaa, ja "
        "työharjoittelukäyntien, -puhelujen, viimeisen tsemppikäynnin ja loppukeskustelujen vähimmäistyö "
        "omaohjaajan viikoissa. Mikään suunnitelma ei maksa sitä vähemmän, mutta muut käyntien kustannukset "
        "jäävät siitä pois.",
        "A plan was found. The best possible plan may cost up to {gap} less than this one; a longer "
        "time limit may improve it. The figure comes from planning the group periods and work practices "
        "alone, without individual visits; of the visits it counts only what a case manager's holiday, a "
        "short getting-ready phase or a group starting soon after the decision cannot avoid costing, and "
        "the least work the practice visits, calls, the last getting-ready visit and final discussions add "
        "to the case manager's weeks. No plan costs less than that, but it leaves out the visits' other costs.",
    ),
    "verdict_gap_joint": (
        "Suunnitelma löytyi. Paras mahdollinen suunnitelma voi olla enintään {gap} tätä halvempi; "
        "pidempi aikaraja voi parantaa sitä. Arvio tulee laskelmasta, jossa suunnitellaan kaikkien ryhmien "
        "ryhmäjaksot ja työharjoittelut yhdessä, niin että ryhmät jakavat samat ohjaajat ja tilat, mutta "
        "ilman yksilökäyntejä; käynneistä siinä on mukana vain se, minkä omaohjaajan loma, liian lyhyt "
        "tsemppijakso tai pian päätöksen jälkeen alkava ryhmä väistämättä maksaa, sekä jokaisen "
        "omaohjaajan kiireisimmän viikon vähimmäistyö työharjoittelukäynneistä, -puheluista, viimeisestä "
        "tsemppikäynnistä ja loppukeskusteluista (ryhmää ohjaavalla yhdessä ryhmäpäivien kanssa). Mikään "
        "suunnitelma ei maksa sitä vähemmän, mutta muut käyntien kustannukset jäävät siitä pois.",
        "A plan was found. The best possible plan may cost up to {gap} less than this one; a longer "
        "time limit may improve it. The figure comes from planning every group's periods and work practices "
        "together, so that the groups share the same leaders and rooms, but without individual visits; of "
        "the visits it counts only what a case manager's holiday, a short getting-ready phase or a group "
        "starting soon after the decision cannot avoid costing, and in the busiest week of each case manager "
        "the least work of the practice visits, calls, the last getting-ready visit and final discussions "
        "(with the group days, for a group's leader). No plan costs less than that, but it leaves out the "
        "visits' other costs.",
    ),
    # Every bound the run computes (the solver's, the periods relaxation's) is for the case
    # managers the run uses; where the tool chose some of them, another choice may cost less: on
    # the example a run whose choice differed for eight clients found 2,108, below another run's
    # bound of 2,130 (benchmarks/README.md, 3.12. night).
    "verdict_chosen_case_managers": (
        "Tämä arvio koskee suunnitelmia, joissa omaohjaajat ovat samat: työkalu valitsi omaohjaajan "
        "{n:~asiakkaalle/asiakkaalle}, ja toisenlainen valinta voi tehdä suunnitelmasta halvemman.",
        "This holds for plans with the same case managers: the tool chose the case manager of "
        "{n:~client/clients}, and another choice may make a cheaper plan.",
    ),
    "verdict_unknown_gap": (
        "Suunnitelma löytyi. Sitä, kuinka lähellä parasta mahdollista se on, ei ehditty selvittää; pidempi "
        "aikaraja voi parantaa sitä.",
        "A plan was found. There was no time to find out how close it is to the best possible; a longer time "
        "limit may improve it.",
    ),
    "verdict_counts": (
        "Suunnitelmassa on {events:~tapahtuma/tapahtumaa}: {groups:~ryhmä/ryhmää}, {clients:~asiakas/asiakasta}, "
        "{staff:~työntekijä/työntekijää}.",
        "The plan holds {events:~event/events}: {groups:~group/groups}, {clients:~client/clients}, {staff} staff.",
    ),
    "verdict_rules_hold": ("Kaikki pakolliset säännöt pitävät.", "Every hard rule holds."),
    "verdict_rules_broken": (
        "{n:~pakollinen sääntö ei pidä/pakollista sääntöä ei pidä}: katso {sheet}.",
        "{n:~hard rule is/hard rules are} broken: see {sheet}.",
    ),
    "verdict_no_plan": (
        "Suunnitelmaa, joka pitää kaikki pakolliset säännöt, ei ole. Syyt ja korjausehdotukset ovat "
        "välilehdellä {sheet}.",
        "No plan keeps every hard rule. The causes and the suggested fixes are on the {sheet} sheet.",
    ),
    # Issue 15: beside each column of English codes in a Finnish plan, the same in Finnish words.
    "display_column": ("{name} suomeksi", "{name} in words"),
    "technical_title": ("Tekniset tiedot", "Technical details"),
    "written": ("Suunnitelma kirjoitettu: {path}", "Plan written: {path}"),
    "version": ("optimize {version} (palvelukuvaus: {model})", "optimize {version} (service model: {model})"),
    "exporting": (
        "Viedään suunnitelma {plan} ({events:~tapahtuma/tapahtumaa}) suunnittelematta uudelleen.",
        "Exporting the plan {plan} ({events:~event/events}) without planning again.",
    ),
    "export_broken": (
        "Suunnitelma rikkoo sääntöjä (rikottuja sääntöjä: {n}, yllä ja Tarkistukset-välilehdellä). Se "
        "vietiin silti sellaisenaan: korjaa se käsin tai suunnittele uudelleen (optimize --previous).",
        "The plan breaks rules (broken rules: {n}, above and in the Checks sheet). It was exported as it "
        "is all the same: correct it by hand or plan again (optimize --previous).",
    ),
    "infeasible": (
        "Sääntöjä noudattavaa suunnitelmaa ei ole. Selitys on tiedostossa {path}.",
        "No plan keeps every rule. The explanation is in {path}.",
    ),
    "timeout": (
        "Aikaraja {limit} s loppui ennen kuin yhtään suunnitelmaa löytyi. Mitään ei kirjoitettu. "
        "Kokeile pidempää aikarajaa (--time-limit) tai tarkista poissaolot ja aloitusikkunat.",
        "The time limit of {limit} s ran out before any plan was found. Nothing was written. "
        "Try a longer limit (--time-limit) or check absences and start windows.",
    ),
    "postponed": (
        "Ryhmän {group} aloitus siirtyy sovitun ikkunan jälkeen ({start}); ilmoita Kelalle ja "
        "asiakkaille (R-GROUP-2)",
        "Group {group}'s start is postponed past its agreed window ({start}); tell Kela and the "
        "clients (R-GROUP-2)",
    ),
    "unexpected": (
        "Odottamaton virhe ({kind}). Syötetiedostoa ei muutettu. Ilmoita virheestä ylläpidolle.",
        "Unexpected error ({kind}). The input file was not changed. Please report this.",
    ),
    "same_output": (
        "Tulostiedosto ei voi olla sama kuin syöte: {path}",
        "The output file cannot be the input file: {path}",
    ),
    "open_in_excel": (
        "{path} on auki Excelissä (sen lukitustiedosto on olemassa); sulje se tai anna toinen nimi (-o). "
        "Mitään ei kirjoitettu.",
        "{path} is open in Excel (its lock file exists); close it or give another name (-o). Nothing "
        "was written.",
    ),
    "input_is_lock": (
        "{path} on Excelin lukitustiedosto, ei työkirja: työkirja {name} on auki Excelissä. Anna työkirja "
        "{name}. Mitään ei kirjoitettu.",
        "{path} is Excel's lock file, not a workbook: the workbook {name} is open in Excel. Give the workbook "
        "{name}. Nothing was written.",
    ),
    "input_locked": (
        "Tiedostoa {path} ei voi lukea: se on lukittu (auki toisessa ohjelmassa?) tai sen lukuoikeus puuttuu. "
        "Sulje se tai tallenna kopio. Mitään ei kirjoitettu.",
        "Cannot read {path}: it is locked (open in another program?) or not readable. Close it or save a "
        "copy. Nothing was written.",
    ),
    "output_locked": (
        "{path} on auki toisessa ohjelmassa (esimerkiksi Excelissä) tai kirjoitussuojattu; sulje se tai anna "
        "toinen nimi (-o). Mitään ei kirjoitettu.",
        "{path} is open in another program (such as Excel) or write-protected; close it or give another name "
        "(-o). Nothing was written.",
    ),
    "cannot_write": (
        "Kohteeseen {path} ei voi kirjoittaa: {why}. Mitään ei kirjoitettu.",
        "Cannot write {path}: {why}. Nothing was written.",
    ),
    "event_needs": ("{cell}: tapahtumalta {kind} puuttuu {what}", "{cell}: the event {kind} has no {what}"),
    "too_many_events": (
        "Välilehdellä {sheet} on enemmän kuin {n:~tapahtuma/tapahtumaa}, enemmän kuin tämän syötteen suunnitelmassa voi olla; "
        "onko se toisen syötteen suunnitelma?",
        "Sheet {sheet} holds more than {n:~event/events}, more than any plan of this roster has; is it the plan of "
        "another roster?",
    ),
    "window_too_long": (
        "{cell}: aloitusikkuna {start}–{end} on yli {days:~päivä/päivää}; sovi ryhmälle lyhyempi ikkuna",
        "{cell}: the start window {start}–{end} is longer than {days:~day/days}; agree a shorter window for the group",
    ),
    "horizon_too_long": (
        "{cell}: suunnittelujakso {start}–{end} on yli {years:~vuosi/vuotta} tai päättyy vuoden {last} jälkeen; "
        "aloita suunnittelu lähempänä ryhmien aloituksia tai anna aikaisempi päättymispäivä",
        "{cell}: the plan {start}–{end} is longer than {years:~year/years} or ends after {last}; start the plan "
        "nearer the groups' starts or give an earlier end",
    ),
    "duplicate_sheet": (
        "Välilehdet {first} ja {second} ovat sama välilehti kahdesti; jätä toinen pois",
        "Sheets {first} and {second} are the same sheet twice; keep one of them",
    ),
    "duplicate_setting": (
        "{cell}: asetus '{value}' on annettu jo solussa {other}; jätä toinen pois",
        "{cell}: the setting '{value}' is given already in {other}; keep one of them",
    ),
    "previous_unknown_staff": (
        "{cell} (edellinen suunnitelma): tapahtuman on tehnyt {staff}, jota ei ole Henkilöstö-välilehdellä; lisää "
        "hänet takaisin (poissaolona suunnittelun alusta), jotta tehty tapahtuma säilyy",
        "{cell} (previous plan): the event was done by {staff}, who is not on the Staff sheet; add them back "
        "(with an absence from the plan's start) so that the event done is kept",
    ),
    "foreign_client": ("{cell}: asiakasta '{value}' ei ole syötteessä", "{cell}: client '{value}' is not in the roster"),
    "foreign_group": ("{cell}: ryhmää '{value}' ei ole syötteessä", "{cell}: group '{value}' is not in the roster"),
    "foreign_staff": ("{cell}: työntekijää '{value}' ei ole syötteessä", "{cell}: staff member '{value}' is not in "
                      "the roster"),
    "hetu_more_rows": ("… ja {n} lisää", "… and {n} more"),
    "plan_foreign": (
        "Suunnitelma ei kuulu tähän syötteeseen: sen {of} asiakkaasta {clients} puuttuu syötteestä, samoin "
        "{groups:~ryhmä/ryhmää} ja {staff:~työntekijä/työntekijää}, ja syötteen {roster} asiakkaasta {missing} puuttuu "
        "suunnitelmasta. Tarkista, että syöte ja suunnitelma ovat samaa versiota.",
        "The plan does not belong to this roster: {clients} of its {of:~client/clients} are not in the roster, nor "
        "are {groups:~group/groups} and {staff} staff members, and {missing} of the roster's {roster:~client/clients} are not "
        "in the plan. Check that the roster and the plan are of one version.",
    ),
    "plan_missing_clients": (
        "Suunnitelmassa ei ole tapahtumia {n} asiakkaalle syötteen {of} asiakkaasta: {ids}",
        "The plan has no events for {n} of the roster's {of:~client/clients}: {ids}",
    ),
    "what_output": ("tulostiedosto", "the output file"),
    "bad_output_name": (
        "Tiedoston nimi {path} ei kelpaa: enintään {limit} merkkiä eikä ohjausmerkkejä tai merkkejä <>:\"/\\|?*",
        "The file name {path} is not allowed: at most {limit} characters, no control characters and none of "
        "<>:\"/\\|?*",
    ),
    "bad_output_suffix": (
        "Tulostiedoston {path} pääte ei ole {suffix}; anna nimi, joka päättyy {suffix}",
        "The output {path} does not end in {suffix}; give a name that does",
    ),
    "not_a_folder": ("{path} ei ole kansio", "{path} is not a folder"),
    "no_folder": ("Kansiota {path} ei ole; luo se tai anna toinen paikka", "There is no folder {path}; create it or "
                  "give another place"),
    "not_a_regular_output": (
        "{path} on olemassa, mutta se ei ole tavallinen tiedosto (kansio, laite tai linkki); anna toinen nimi",
        "{path} exists but is not a regular file (a folder, a device or a link); give another name",
    ),
    "output_busy": (
        "Toinen optimize-ajo kirjoittaa parhaillaan tiedostoon {path}; odota sen loppumista tai anna toinen "
        "nimi (-o). Mitään ei kirjoitettu.",
        "Another optimize run is writing {path} right now; wait for it to finish or give another name (-o). "
        "Nothing was written.",
    ),
    "output_twice": ("Tiedosto {path} kirjoitettaisiin kahdesti samassa ajossa", "The file {path} would be "
                     "written twice in one run"),
    "bad_id_length": (
        "{cell}: tunnuksessa on {n:~merkki/merkkiä}, enintään {limit} ('{value}')",
        "{cell}: the id has {n} characters, at most {limit} ('{value}')",
    ),
    "bad_id_chars": (
        "{cell}: tunnuksessa ei saa olla pilkkua, rivinvaihtoa eikä ohjaus- tai näkymättömiä merkkejä",
        "{cell}: an id cannot hold a comma, a line break, or control or invisible characters",
    ),
    "date_range": (
        "{cell}: '{value}' on vuosien {first}–{last} ulkopuolella",
        "{cell}: '{value}' is outside the years {first}–{last}",
    ),
    "service_model_name": (
        "{cell}: palvelukuvaus '{value}' nimetään tiedostonimellä (esim. taito-2021, tai .toml-tiedosto "
        "syötteen kansiossa); muualla oleva tiedosto annetaan komentorivillä (--service-model)",
        "{cell}: the service model '{value}' is named by its file name (e.g. taito-2021, or a .toml file in "
        "the roster's folder); a file elsewhere is given on the command line (--service-model)",
    ),
    "service_model_missing": (
        "{cell}: palvelukuvausta '{value}' ei löydy työkalun malleista eikä syötteen kansiosta",
        "{cell}: no service model '{value}' among the tool's models or in the roster's folder",
    ),
    "check_ok": (
        "Kaikki pakolliset säännöt pitävät ({n:~tarkistus/tarkistusta}).",
        "Every hard rule holds ({n:~check/checks}).",
    ),
    "check_broken": (
        "Rikottuja sääntöjä: {n}",
        "Broken rules: {n}",
    ),
    # --- why no plan exists (exit 3) --------------------------------------------------------
    "no_start_option": (
        "Ryhmän {group} aloitusjaksolle ei löydy kolmea peräkkäistä viikkoa ikkunassa {first}–{last}, "
        "joilla ohjaajat ovat töissä ja 4 arkipäivää on vapaana (R-START-2, R-GROUP-4)",
        "Group {group}'s start period finds no three consecutive weeks in {first}–{last} with its "
        "leaders at work and 4 free weekdays (R-START-2, R-GROUP-4)",
    ),
    "precheck_leader_discussions_final": (
        "Ryhmänohjaaja {staff} ohjaa ryhmän {group} jokaisen päätösjakson päivän ja on {count} ryhmän "
        "asiakkaan omaohjaaja ({clients}; {cells}), mutta ehtii ryhmäpäivän ohella {per_day} "
        "loppukeskustelua päivässä, {days} päivässä enintään {most} (R-STAFF-2, R-FINAL-2). "
        "Anna osalle näistä asiakkaista toinen omaohjaaja tai jätä omaohjaaja tyhjäksi, jolloin "
        "työkalu valitsee sen.",
        "Group leader {staff} runs every day of group {group}'s final period and is the case manager "
        "of {count} of its clients ({clients}; {cells}), but has time besides the group day for "
        "{per_day:~final discussion/final discussions} a day, at most {most} in {days:~day/days} (R-STAFF-2, R-FINAL-2). "
        "Give some of these clients another case manager, or leave the case manager empty for the "
        "tool to choose.",
    ),
    "precheck_agreed_start": (
        "Asiakkaan {client} sovittua työharjoittelun alkua {day} ({cell}) ennen tarvitaan {visits} "
        "tsemppikäyntiä aloitusjakson jälkeen, mutta omaohjaaja {staff} on töissä (ja asiakas paikalla) "
        "vain {count} työpäivänä {first}–{last} (R-WP-1, R-READY-1, R-STAFF-1). Siirrä sovittua alkua "
        "tai anna asiakkaalle toinen omaohjaaja.",
        "Client {client}'s agreed work-practice start {day} ({cell}) needs {visits} getting-ready "
        "visits before it, after the start period, but case manager {staff} is at work (and the client "
        "there) on only {count:~working day/working days} {first}–{last} (R-WP-1, R-READY-1, R-STAFF-1). Move the "
        "agreed start or give the client another case manager.",
    ),
    # Issue 14: a postponement the coordinator asks for, part-time practice weekdays.
    "precheck_postpone_empty": (
        "Ryhmän {group} aloitus on pyydetty siirtämään ({cell}), mutta siirto on mahdollinen vain "
        "{months} kuukauden päähän varhaisimmasta päätöspäivästä {decision} eli {limit} asti, eikä se ole "
        "sovitun ikkunan viimeisen päivän {after} jälkeen (R-GROUP-2). Poista siirto tai tarkista ikkuna.",
        "Group {group}'s start is to be postponed ({cell}), but a postponement reaches only {months} "
        "months after the earliest decision date {decision}, to {limit}, which is not after the agreed "
        "window's last day {after} (R-GROUP-2). Drop the postponement or check the window.",
    ),
    "precheck_postpone_window": (
        "Ryhmän {group} aloitus on pyydetty siirtämään ({cell}), mutta siirtoikkunassa {first}–{last} "
        "(sovitun ikkunan jälkeen, enintään {months} kk varhaisimmasta päätöspäivästä {decision}) ei ole "
        "kolmea peräkkäistä viikkoa, joilla kullakin olisi 4 peräkkäistä arkipäivää ja {needed} ohjaajista "
        "{leaders} töissä (R-GROUP-2, R-START-2, R-GROUP-4, R-STAFF-1). Poissaolot: {absences}. Arkipyhät ja "
        "suljetut päivät: {days_off_fi}.",
        "Group {group}'s start is to be postponed ({cell}), but the postponement window {first}–{last} "
        "(after the agreed window, at most {months:~month/months} after the earliest decision date {decision}) "
        "holds no three consecutive weeks with 4 consecutive weekdays each and {needed} of the leaders "
        "{leaders} at work (R-GROUP-2, R-START-2, R-GROUP-4, R-STAFF-1). Absences: {absences}. Public holidays "
        "and closed days: {days_off_en}.",
    ),
    "precheck_part_time_days": (
        "Asiakas {client} harjoittelee osa-aikaisesti päivinä {weekdays_fi} ({cell}), mutta jaksolla "
        "{first}–{last}, jolle työharjoittelu voi osua, niistä vain {count} on työpäiviä, joina asiakas "
        "ei ole poissa; {visits:~työharjoittelukäynti/työharjoittelukäyntiä} tarvitsee kukin oman harjoittelupäivän (R-WP-2, "
        "R-WP-3; asiakkaan poissaolot: {absences}). Anna muut viikonpäivät tai tarkista poissaolot.",
        "Client {client} practises part-time on {weekdays_en} ({cell}), but between {first} and {last}, "
        "where the work practice can lie, only {count} of those days are working days the client is not "
        "away; the {visits:~work-practice visit/work-practice visits} need a practice day each (R-WP-2, R-WP-3; the client's "
        "absences: {absences}). Give other weekdays or check the absences.",
    ),
    "precheck_leader_discussions_deep": (
        "Ryhmänohjaaja {staff} ohjaa ryhmän {group} jokaisen syventävän jakson päivän ja on {count} "
        "selvän suunnitelman asiakkaan omaohjaaja ({clients}; {cells}), mutta ehtii ryhmäpäivän ohella "
        "{per_day:~loppukeskustelu/loppukeskustelua} päivässä, {days} päivässä enintään {most} (R-STAFF-2, R-DEEP-2). "
        "Anna osalle näistä asiakkaista toinen omaohjaaja tai jätä omaohjaaja tyhjäksi.",
        "Group leader {staff} runs every day of group {group}'s deepening period and is the case "
        "manager of {count} of its clear-plan clients ({clients}; {cells}), but has time besides the "
        "group day for {per_day:~final discussion/final discussions} a day, at most {most} in {days:~day/days} "
        "(R-STAFF-2, R-DEEP-2). Give some of these clients another case manager, or leave it empty.",
    ),
    "precheck_start_calendar": (
        "Ryhmän {group} aloitusikkunassa {first}–{last} ({cells}) ei ole kolmea peräkkäistä viikkoa, "
        "joilla kullakin olisi 4 peräkkäistä arkipäivää ryhmän viikonpäivillä (arkipyhät ja "
        "suljetut päivät huomioiden) (R-START-2). Laajenna ikkunaa tai muuta viikonpäiviä.",
        "Group {group}'s start window {first}–{last} ({cells}) holds no three consecutive weeks "
        "with 4 consecutive weekdays of the group's pattern each (public holidays and closed days "
        "counted) (R-START-2). Widen the window or change the weekdays.",
    ),
    "precheck_start_leaders": (
        "Ryhmän {group} aloitusjaksolle ei löydy aloitusikkunasta {first}–{last} ({cells}) kolmea "
        "peräkkäistä viikkoa, joiden jokaisena ryhmäpäivänä {needed} ohjaajista {leaders} olisi "
        "töissä (R-START-2, R-GROUP-4, R-STAFF-1). Poissaolot: {absences}. Arkipyhät ja suljetut päivät: "
        "{days_off_fi}.",
        "Group {group}'s start period finds in its start window {first}–{last} ({cells}) no three "
        "consecutive weeks with {needed} of its leaders {leaders} at work on every group day "
        "(R-START-2, R-GROUP-4, R-STAFF-1). Absences: {absences}. Public holidays and closed days: "
        "{days_off_en}.",
    ),
    "precheck_case_manager_away": (
        "Asiakkaan {client} omaohjaaja {staff} ({cell}) on töissä asiakkaan ollessa paikalla vain "
        "{count} päivänä välillä {first}–{last}, jolle työharjoittelu voi osua, mutta "
        "työpaikkakäyntejä tarvitaan {visits} ja ne tekee omaohjaaja (R-WP-3, R-STAFF-3, R-STAFF-1). "
        "Poissaolot: {absences}. Anna asiakkaalle toinen omaohjaaja.",
        "Client {client}'s case manager {staff} ({cell}) is at work while the client is available "
        "on only {count:~day/days} in {first}–{last}, where the work practice can lie, but {visits} "
        "work-practice visits are needed and the case manager makes them (R-WP-3, R-STAFF-3, "
        "R-STAFF-1). Absences: {absences}. Give the client another case manager.",
    ),
    "precheck_sessions": (
        "Asiakkaalle {client} ({cell}) tulee {count:~yksilökäynti/yksilökäyntiä} (starttikäynnit {start}, "
        "tsemppikäynnit {ready}, loppukeskustelu 1, seurantakäynnit {follow}); palvelukuvaus "
        "sallii {least}–{most} (R-TOTAL-1). Muuta käyntimääriä.",
        "Client {client} ({cell}) would have {count:~individual session/individual sessions} (start visits {start}, "
        "getting-ready visits {ready}, final discussion 1, follow-up visits {follow}); the service "
        "description allows {least}-{most} (R-TOTAL-1). Change the visit counts.",
    ),
    "precheck_rehab_days": (
        "Asiakkaalle {client} ({cell}) tulee vähintään {count:~kuntoutuspäivä/kuntoutuspäivää} (yksilökäynnit "
        "{sessions}, ryhmäpäivät {group}, harjoittelupäivät {practice}); enintään {most} "
        "(R-TOTAL-3). Vähennä harjoittelupäiviä tai käyntejä.",
        "Client {client} ({cell}) would have at least {count:~rehabilitation day/rehabilitation days} (individual "
        "sessions {sessions}, group days {group}, practice days {practice}); at most {most} "
        "(R-TOTAL-3). Reduce the practice days or visits.",
    ),
    "precheck_horizon": (
        "Ryhmä {group} ei ehdi suunnittelujakson loppuun {end} ({cell}) mennessä: aikaisintaan "
        "{start} alkaen työharjoittelut päättyvät aikaisintaan {wp_end}, ja syventävän jakson, "
        "päätösjakson (aikaisintaan {final}) ja seurantakäyntien jälkeen aika loppuu "
        "(R-CAL-0, R-DEEP-1, R-FINAL-1, R-FOLLOW-1). Siirrä suunnittelujakson loppua myöhemmäksi "
        "tai ryhmän aloitusikkunaa aiemmaksi.",
        "Group {group} cannot finish before the plan ends on {end} ({cell}): starting on {start} at "
        "the earliest, its work practice ends on {wp_end} at the earliest, and after the deepening "
        "period, the final period (ending {final} at the earliest) and the follow-up visits no time "
        "is left (R-CAL-0, R-DEEP-1, R-FINAL-1, R-FOLLOW-1). Move the plan end later or the "
        "group's start window earlier.",
    ),
    "precheck_horizon_wp": (
        "Ryhmä {group} ei ehdi suunnittelujakson loppuun {end} ({cell}) mennessä: aikaisintaan "
        "{start} alkaen työharjoittelu ei ehdi edes päättyä ennen sitä, saati syventävä jakso, "
        "päätösjakso ja seurantakäynnit (R-CAL-0, R-WP-2, R-DEEP-1, R-FINAL-1, R-FOLLOW-1). Siirrä "
        "suunnittelujakson loppua myöhemmäksi tai ryhmän aloitusikkunaa aiemmaksi.",
        "Group {group} cannot finish before the plan ends on {end} ({cell}): starting on {start} at "
        "the earliest, its work practice cannot even end by then, let alone the deepening and final "
        "periods and the follow-up visits (R-CAL-0, R-WP-2, R-DEEP-1, R-FINAL-1, R-FOLLOW-1). Move "
        "the plan end later or the group's start window earlier.",
    ),
    "precheck_no_caller_week": (
        "Työharjoittelu ({days:~päivä/päivää}; asiakas {client}) osuu välille {first}–{last}, mutta "
        "viikoilla {weeks} yksikään omaohjaaja ei ole töissä soittamaan viikkopuhelua, eikä "
        "harjoittelu mahdu niiden väliin (R-WP-4). Poissaolot: {absences}. Sovi, että joku "
        "omaohjaajista on töissä jollakin näistä viikoista.",
        "The work practice ({days:~day/days}; client {client}) must lie in {first}–{last}, but in the weeks "
        "{weeks} no case manager is at work to make the weekly call, and the work practice does "
        "not fit between them (R-WP-4). Absences: {absences}. Arrange for some case manager to be "
        "at work in one of these weeks.",
    ),
    "precheck_start_visit_minutes": (
        "Omaohjaajan {staff} starttikäynnit ({visits:~käynti/käyntiä}, {need} min; asiakkaat {clients}) "
        "on tehtävä välillä {first}–{last} ennen ryhmien alkua, mutta työaikaa on vain {have} min "
        "(R-START-1, R-STAFF-2, R-STAFF-3). Poissaolot: {absences}. Jaa asiakkaita muille "
        "omaohjaajille tai siirrä aloitusikkunaa.",
        "Case manager {staff}'s start visits ({visits:~visit/visits}, {need} min; clients {clients}) must "
        "fall in {first}–{last} before the groups start, but only {have} min of working time are "
        "there (R-START-1, R-STAFF-2, R-STAFF-3). Absences: {absences}. Give some clients to other "
        "case managers or move the start window.",
    ),
    "ics_written": ("Kirjoitettu {n:~kalenteritiedosto/kalenteritiedostoa} kansioon {path}", "{n:~calendar file/calendar files} written to {path}"),
    "ics_removed": (
        "Poistettu aiemman suunnitelman {n:~kalenteritiedosto/kalenteritiedostoa} henkilöiltä, joilla ei ole enää tapahtumia: {names}",
        "Removed {n:~calendar file/calendar files} of an earlier plan, of people with no events now: {names}",
    ),
    "replan_summary": (
        "Edellisen suunnitelman {n} tapahtumasta siirtyi {moved}, lisättiin {added}, poistettiin {removed} "
        "(Muutokset-välilehti).",
        "Of the previous plan's {n:~event/events} {moved} moved, {added} were added and {removed} removed "
        "(the Changes sheet).",
    ),
    "compare_no_plan": (
        "Vaihtoehdolle {path} ei löytynyt suunnitelmaa; aja `optimize {path}` nähdäksesi syyn.",
        "Variant {path} has no plan; run `optimize {path}` to see why.",
    ),
    "diff_summary": (
        "Muutoksia {n} (siirtyi {moved}, lisätty {added}, poistettu {removed}); kirjoitettu: {path}",
        "{n:~change/changes} ({moved} moved, {added} added, {removed} removed); written: {path}",
    ),
    # --- what changed, by client and by person (optimize diff, a re-plan) --------------------
    "diff_periods": ("Jaksot asiakkaittain:", "Periods by client:"),
    "diff_period": (
        "  {client} {phase} ({change}): {before} → {after}{shift}; kerro: {tell}",
        "  {client} {phase} ({change}): {before} → {after}{shift}; tell: {tell}",
    ),
    "diff_person": ("{staff}: saa {gains}, menettää {loses}, siirtyy {moves}",
                    "{staff}: gains {gains}, loses {loses}, moves {moves}"),
    "diff_tell": ("  kerro: {tell}", "  tell: {tell}"),
    "diff_postponed": (
        "Ryhmän {group} aloitus siirtyy nyt sovitun aloitusikkunan jälkeen (R-GROUP-2); kerro: Kela, ryhmän "
        "{group} asiakkaat",
        "Group {group}'s start is now postponed past the agreed start window (R-GROUP-2); tell: Kela, group "
        "{group}'s clients",
    ),
    "tell_client": ("asiakas {who}", "client {who}"),
    "tell_group": ("ryhmän {who} asiakkaat", "group {who}'s clients"),
    "tell_employer": ("asiakkaan {who} työnantaja", "client {who}'s employer"),
    "tell_kela": ("Kela", "Kela"),
    "template_written": ("Pohja kirjoitettu: {path}", "Template written: {path}"),
    "template_exists": (
        "{path} on jo olemassa; anna uusi tiedostonimi (olemassa olevaa ei korvata)",
        "{path} exists already; give a new file name (an existing file is never replaced)",
    ),
    # --- cost explanations (S-* rules): what each cost measures, and why -------------------
    "cost_group_start": ("ryhmä alkaa {units:~päivä/päivää} ikkunan alun jälkeen",
                         "the group starts {units:~day/days} after its window opens"),
    "cost_postponed": ("aloitus siirtyy ikkunan jälkeen (R-GROUP-2)", "the start is postponed past the window (R-GROUP-2)"),
    "cost_decision": ("ensimmäinen starttikäynti {units:~päivä/päivää} tavoitevälin (7-14 pv päätöksestä) jälkeen",
                      "the first start visit comes {units:~day/days} after its target (7-14 days from the decision)"),
    "cost_decision_early": ("ensimmäinen starttikäynti {units:~päivä/päivää} liian pian päätöksen jälkeen: asiakas ei "
                            "ehkä vielä tiedä päätöksestä",
                            "the first start visit comes {units:~day/days} too soon after the decision: the client may "
                            "not know of it yet"),
    "cost_ready_close": ("kaksi tsemppikäyntiä {units:~päivä/päivää} tavoiteväliä lähempänä toisiaan",
                         "two getting-ready visits {units:~day/days} closer together than the target"),
    "cost_start_close": ("kaksi starttikäyntiä {units:~päivä/päivää} tavoiteväliä lähempänä toisiaan",
                         "two start visits {units:~day/days} closer together than the target"),
    "cost_wp_week": ("työharjoittelu alkaa {units:~työpäivä/työpäivää} viikon ensimmäisen työpäivän jälkeen",
                     "work practice starts {units:~working day/working days} after the week's first working day"),
    "cost_first_visit_not_site": ("ensimmäinen työpaikkakäynti ei ole käynti työpaikalla työnantajan kanssa",
                                  "the first practice visit is not at the workplace with the employer"),
    "cost_first_site_late": ("ensimmäinen käynti työpaikalla {units:~työpäivä/työpäivää} tavoitetta myöhemmin",
                             "the first workplace visit comes {units:~working day/working days} after its target"),
    "cost_network_before_site": ("verkostoneuvottelu ennen ensimmäistä käyntiä työpaikalla",
                                 "the network meeting comes before the first workplace visit"),
    "cost_network_late": ("verkostoneuvottelu {units:~päivä/päivää} harjoittelun puolivälin jälkeen",
                          "the network meeting comes {units:~day/days} after the practice's midpoint"),
    "cost_last_visit_early": ("viimeinen työpaikkakäynti {units:~päivä/päivää} ennen kahta viimeistä viikkoa",
                              "the last practice visit comes {units:~day/days} before the last two weeks"),
    "cost_last_visit_without_employer": ("viimeinen työpaikkakäynti ilman työnantajaa: loppukeskustelu "
                                         "työnantajan kanssa jää pitämättä",
                                         "the last practice visit is without the employer: no wrap-up with "
                                         "the employer"),
    "cost_visit_gap": ("työpaikkakäyntien välissä {units:~työpäivä/työpäivää} yli 14 päivän",
                       "{units:~working day/working days} of a gap over 14 days between practice visits"),
    "cost_visit_close": ("kaksi työpaikkakäyntiä peräkkäisillä viikoilla {units:~päivä/päivää} tavoiteväliä lähempänä "
                         "toisiaan", "two practice visits in neighbouring weeks {units:~day/days} closer together than "
                         "the target"),
    "cost_substitute_voices": ("asiakkaalle soittaa {units:~sijainen/sijaista} enemmän kuin yksi",
                               "{units:~more substitute/more substitutes} than one call the client"),
    "cost_video_visit": ("käynti pidetään videona eikä toimistolla", "the visit is held by video, not at the office"),
    "cost_deep_wait": ("asiakas odottaa syventävää jaksoa {units:~päivä/päivää} tavoitetta kauemmin oman harjoittelunsa "
                       "jälkeen", "the client waits {units:~day/days} longer than the target for the deepening period "
                       "after their own practice"),
    "cause_held_back": ("ryhmän syventävä jakso odottaa asiakasta {client}, jonka harjoittelu päättyy {end} ({why})",
                        "the group's deepening period waits for client {client}, whose practice ends {end} ({why})"),
    "cause_others_waiting": ("ryhmän viimeinen harjoittelu, asiakkaan {client}, päättyy {end} ({why}); myöhempi "
                             "syventävä jakso pidentäisi niiden asiakkaiden odotusta, joiden harjoittelu päättyi "
                             "aiemmin",
                             "the group's last practice, client {client}'s, ends {end} ({why}); a later deepening "
                             "period would make the clients whose practices ended earlier wait longer"),
    # Counterfactual causes (optimizer/explain/counterfactual.py): the fact whose removal lowers a cost.
    "whatif_agreed_start": ("asiakkaan {client} sovittu harjoittelun aloitus {day}",
                          "client {client}'s agreed practice start {day}"),
    "whatif_part_time_client": ("asiakkaan {client} harjoittelupäivät {days}", "client {client}'s practice days {days}"),
    "whatif_absence": ("{person} {reason} {span}", "{person} {reason} {span}"),
    "whatif_part_time_staff": ("{person} töissä {days}", "{person} works {days}"),
    "whatif_weekday_pattern": ("ryhmän {group} viikonpäivät {days}", "group {group}'s weekdays {days}"),
    "cause_counterfactual": ("syy: {fact} ({cell}); ilman sitä tämä kustannus olisi arviolta {saving} pienempi",
                             "cause: {fact} ({cell}); without it this cost would be about {saving} less"),
    "cause_counterfactual_part": ("osasyy: {fact} ({cell}); ilman sitä tämä kustannus olisi arviolta {saving} pienempi",
                                  "partly: {fact} ({cell}); without it this cost would be about {saving} less"),
    "cause_counterfactual_deep": (
        "syy: {fact} ({cell}); ilman sitä syventävä jakso voisi alkaa {day} ja tämä kustannus olisi arviolta "
        "{saving} pienempi",
        "cause: {fact} ({cell}); without it the deepening period could begin {day} and this cost would be "
        "about {saving} less"),
    "why_cut": ("{why} (syiden etsintä katkaistiin {seconds} s jälkeen; tätä ei ehditty kokeilla)",
                "{why} (the search for causes was cut after {seconds} s before reaching this cost)"),
    "cause_pattern_window": ("ryhmän viikonpäivät {days}, mutta ikkuna alkaa {weekday} {day}",
                             "the group's weekdays are {days} but the window opens on a {weekday}, {day}"),
    "cause_start_soon": ("ryhmän {group} aloitusjakso alkaa {day}, {days:~päivä/päivää} päätöksen jälkeen: "
                         "starttikäynnit on pidettävä ennen sitä (R-START-1)",
                         "group {group}'s start period begins {day}, {days:~day/days} after the decision: the start "
                         "visits must come before it (R-START-1)"),
    "cause_agreed_start": ("sovittu aloitus {day}", "agreed start {day}"),
    "cause_public_holiday": ("arkipyhä {day} ({name})", "public holiday {day} ({name})"),
    # After a cause whose removal explains the cost, what else stands on the cost's days.
    "cause_also": ("samoina päivinä myös: {cause}", "also on those days: {cause}"),
    "cause_part_time": ("osa-aikainen harjoittelu", "part-time practice"),
    "cause_absences": ("poissa {days:~päivä/päivää} harjoittelun aikana", "absent {days:~day/days} during practice"),
    "cause_later_start": ("harjoittelu alkaa {day}", "practice starts {day}"),
    "cost_wp_gap": ("työharjoittelu alkaa {units:~päivä/päivää} tavoitetta myöhemmin viimeisestä tsemppikäynnistä",
                    "work practice starts {units:~day/days} later than the target after the last getting-ready visit"),
    "cost_ready_long": ("tsemppivaihe {units:~päivä/päivää} tavoitetta pidempi", "the getting-ready phase runs {units:~day/days} "
                        "past its target"),
    "cost_follow_up_1_early": ("1. seurantakäynti {units:~päivä/päivää} ennen tavoitekuukautta",
                               "follow-up visit 1 comes {units:~day/days} before its target month"),
    "cost_follow_up_1_late": ("1. seurantakäynti {units:~päivä/päivää} tavoiteajan jälkeen (se päättyy "
                              "{margin} päivää ennen määräaikaa, jotta peruttu käynti ehditään pitää)",
                              "follow-up visit 1 comes {units:~day/days} after its target time (which ends "
                              "{margin} days before the deadline, so that a cancelled visit can still be held)"),
    "cost_follow_up_2_early": ("2. seurantakäynti {units:~päivä/päivää} ennen tavoitekuukautta",
                               "follow-up visit 2 comes {units:~day/days} before its target month"),
    "cost_follow_up_2_late": ("2. seurantakäynti {units:~päivä/päivää} tavoiteajan jälkeen (se päättyy "
                              "{margin} päivää ennen määräaikaa, jotta peruttu käynti ehditään pitää)",
                              "follow-up visit 2 comes {units:~day/days} after its target time (which ends "
                              "{margin} days before the deadline, so that a cancelled visit can still be held)"),
    "cost_length": ("prosessi kestää {units} kk yli 15 kuukauden", "the process runs {units:~month/months} over 15 months"),
    "cost_missed_day": ("asiakas on poissa ryhmäpäivältä", "the client misses a group day"),
    "cost_spread": ("{units:~työpaikkakäynti/työpaikkakäyntiä} lisää samalla viikolla", "{units:~more workplace visit/more workplace visits} in one week"),
    "deadline_writer_away": ("{staff} ei ole töissä {due} ({why}); viimeinen työpäivä ennen sitä {last}",
                             "{staff} is not at work on {due} ({why}); their last working day before it is {last}"),
    "deadline_writer_none": ("{staff} ei ole töissä {first}–{due} ({why}): kirjoitettava {since} tai sovittava, "
                             "kuka kirjoittaa",
                             "{staff} has no working day {first}–{due} ({why}): write it on {since} or agree who "
                             "writes it"),
    "deadline_writer_none_at_all": ("{staff} ei ole töissä {since}–{due} ({why}): sovi, kuka kirjoittaa",
                                    "{staff} has no working day {since}–{due} ({why}): agree who writes it"),
    "cost_substitute_call": ("viikkopuhelun soittaa sijainen", "a substitute makes the weekly call"),
    "cost_deep_early": ("syventävä jakso {units:~päivä/päivää} liian pian työharjoittelun jälkeen",
                        "the deepening period comes {units:~day/days} too soon after work practice"),
    "cost_final_early": ("päätösjakso {units:~päivä/päivää} liian pian syventävän jakson jälkeen",
                         "the final period comes {units:~day/days} too soon after the deepening period"),
    "cost_final_late": ("päätösjakso {units:~päivä/päivää} tavoitetta myöhemmin syventävän jakson jälkeen",
                        "the final period comes {units:~day/days} later than the target after the deepening period"),
    "cost_moved_event": ("tapahtuma siirtyi edellisestä suunnitelmasta", "the event moved from the previous plan"),
    "cost_leader_changed": ("ryhmäpäivän ohjaaja vaihtui", "the group day's leader changed"),
    "cost_moved_period": ("ryhmäjakso siirtyi edellisestä suunnitelmasta (5 yksikköä)",
                          "the group period moved from the previous plan (5 units)"),
    "why_causes": ("{what}: {causes}", "{what}: {causes}"),
    "why_trade_off": (
        "{what}: ei poissaoloa, pyhää tai toista ryhmää tiellä; muiden pehmeiden sääntöjen painot "
        "tekivät tästä halvimman vaihtoehdon",
        "{what}: no absence, holiday or other group in the way; the weights of the other soft rules "
        "made this the cheapest choice",
    ),
    "why_load": ("kiireisin viikko {week}: {time} ({filled})", "busiest week {week}: {time} ({filled})"),
    "more_causes": ("; ja {n:~muu syy/muuta syytä}", "; and {n:~more cause/more causes}"),
    "cause_plan_end": ("suunnittelujakso päättyy {end}", "the plan ends on {end}"),
    "cost_row": ("kustannus {cost}: {why}", "cost {cost}: {why}"),
    "explain_header": (
        "Kustannukset sääntö kerrallaan (sääntö, kuka, milloin, kustannus, syy):",
        "Costs rule by rule (rule, who, when, cost, why):",
    ),
    "explain_none": ("Suunnitelmassa ei ole pehmeiden sääntöjen kustannuksia.", "The plan has no soft-rule costs."),
    # --- diagnosis: the collision and changes verified to give a plan ------------------------
    "diagnosing": (
        "Etsitään syytä ja muutosta, jolla suunnitelma löytyy (enintään {seconds} s)…",
        "Looking for the cause and for a change that gives a plan (at most {seconds} s)…",
    ),
    "diagnosis_core": (
        "Syy (ryhmä {groups}): nämä syötteen tiedot yhdessä estävät suunnitelman, vaikka kaikki muut "
        "poissaolot, ikkunat ja sovitut päivät jätettäisiin pois ({rules}):",
        "Cause (group {groups}): these input facts together leave no plan, even with every other "
        "absence, window and agreed date left out ({rules}):",
    ),
    "diagnosis_core_unproven": (
        "Todennäköinen syy (ryhmä {groups}; tarkistuksen aika loppui ennen todistusta) ({rules}):",
        "Likely cause (group {groups}; the check's time ran out before a proof) ({rules}):",
    ),
    "diagnosis_rules_alone": (
        "Ryhmälle {groups} ei löydy suunnitelmaa edes ilman poissaoloja, ikkunoita ja sovittuja "
        "päiviä: palvelukuvauksen säännöt ja ryhmän tiedot (koko, käyntimäärät, ohjaajat) eivät "
        "sovi yhteen. Säännöt, joista ilman suunnitelma löytyisi: {rules}.",
        "Group {groups} has no plan even without absences, windows and agreed dates: the service "
        "rules and the group's own data (size, visit counts, leaders) do not fit together. Rules "
        "without which a plan would exist: {rules}.",
    ),
    "diagnosis_undetermined": (
        "Ryhmän {groups} syytä ei saatu selville: suunnitelmaa ei löytynyt tarkistuksen ajassa edes "
        "ilman poissaoloja, ikkunoita ja sovittuja päiviä. Kokeile pidempää aikarajaa (--time-limit).",
        "The cause for group {groups} was not found: no plan turned up in a check's time even without "
        "absences, windows and agreed dates. Try a longer time limit (--time-limit).",
    ),
    "diagnosis_no_single_change": (
        "Yksikään näistä muutoksista yksin ei tuota ryhmälle {groups} suunnitelmaa; tarvitaan "
        "useampi muutos.",
        "No single one of these changes gives group {groups} a plan; several are needed.",
    ),
    "diagnosis_time_up": (
        "Syyn etsinnän aika ({seconds} s) loppui: selitys voi olla vajaa.",
        "The search for the cause ran out of time ({seconds} s): the explanation may be incomplete.",
    ),
    "verified_all": ("tarkistettu: koko suunnitelma löytyy", "verified: the whole plan exists"),
    "verified_group": (
        "tarkistettu ryhmälle {group} yksin; kaikkien ryhmien yhteistä suunnitelmaa tarkistus ei löytänyt",
        "verified for group {group} alone; the check found no plan for all groups together",
    ),
    "verified_collision": (
        "tarkistettu: poistaa tämän törmäyksen, mutta yksin ei riitä",
        "verified: resolves this collision, but not enough alone",
    ),
    "verified_in_set": ("osa yllä tarkistettua kokonaisuutta", "part of the set verified above"),
    "suggest_together": (
        "Korjaukset yhdessä ({verified}, kun kaikki seuraavat muutokset ({count}) tehdään yhdessä; kukin "
        "ryhmä tarkistettiin ensin yksin):",
        "Fixes together ({verified} when all {count} changes below are made together; each group was "
        "first verified alone):",
    ),
    "diagnosis_not_together": (
        "Yllä olevat muutokset tarkistettiin kukin vain oman ryhmänsä kanssa: yhdessä ne eivät tuota "
        "koko suunnitelmaa (kokeiltu {tried} yhdistelmää, yksi muutos kustakin ryhmästä).",
        "Each change above was verified for its own group alone: together they give no plan for the "
        "whole roster (tried {tried} sets, one change of each group).",
    ),
    "diagnosis_after_set": (
        "Kun kunkin ryhmän ensimmäinen yllä oleva muutos tehdään, koko suunnitelman esteeksi jää vielä:",
        "With the first change above of each group made, the whole roster is still held back by:",
    ),
    "verified_with_above": ("yhdessä yllä olevan kanssa {verified}", "together with the above, {verified}"),
    "diagnosis_next_core": (
        "Seuraava syy (ryhmä {groups}) ({rules}):",
        "Next cause (group {groups}) ({rules}):",
    ),
    "fact_window": (
        "  - ryhmän {who} aloitusikkuna {first}–{last} ({cell})",
        "  - group {who}'s start window {first}–{last} ({cell})",
    ),
    "fact_absence_staff": (
        "  - henkilön {who} poissaolo {first}–{last} ({cell})",
        "  - {who}'s absence {first}–{last} ({cell})",
    ),
    "fact_absence_client": (
        "  - asiakkaan {who} poissaolo {first}–{last} ({cell})",
        "  - client {who}'s absence {first}–{last} ({cell})",
    ),
    "fact_agreed_start": (
        "  - asiakkaan {who} sovittu työharjoittelun alku {first} ({cell})",
        "  - client {who}'s agreed work-practice start {first} ({cell})",
    ),
    "fact_case_manager": (
        "  - asiakkaan {who} nimetty omaohjaaja {staff} ({cell})",
        "  - client {who}'s named case manager {staff} ({cell})",
    ),
    "fact_pinned": (
        "  - lukittu tapahtuma {what} {who} {first} ({cell})",
        "  - pinned event {what} {who} {first} ({cell})",
    ),
    "fact_closed": (
        "  - suljettu {first}–{last} ({cell})",
        "  - closed {first}–{last} ({cell})",
    ),
    "fact_days_off": (
        "  - arkipyhät ja suljetut päivät välillä {first}–{last} (R-CAL-1, R-CAL-2): {days_off_fi}",
        "  - public holidays and closed days in {first}–{last} (R-CAL-1, R-CAL-2): {days_off_en}",
    ),
    "fact_horizon": (
        "  - suunnittelujakso päättyy {last} ({cell})",
        "  - the plan ends on {last} ({cell})",
    ),
    "suggest_absence_leader": (
        "Korjaus ({verified}): ohjaaja {who} töissä {at_first}–{at_last} "
        "poissaolon {first}–{last} ({cell}) sijaan, tai sijainen ohjaa ryhmän niinä päivinä.",
        "Fix ({verified}): leader {who} at work on {at_first}–{at_last} instead of "
        "the absence {first}–{last} ({cell}), or a substitute leads the group on those days.",
    ),
    "suggest_absence_staff": (
        "Korjaus ({verified}): {who} töissä {at_first}–{at_last} poissaolon "
        "{first}–{last} ({cell}) sijaan.",
        "Fix ({verified}): {who} at work on {at_first}–{at_last} instead of the "
        "absence {first}–{last} ({cell}).",
    ),
    "suggest_absence_client": (
        "Korjaus ({verified}): asiakas {who} käytettävissä {at_first}–{at_last} "
        "poissaolon {first}–{last} ({cell}) sijaan.",
        "Fix ({verified}): client {who} available on {at_first}–{at_last} instead of "
        "the absence {first}–{last} ({cell}).",
    ),
    "suggest_absence_dropped": (
        "Korjaus ({verified}): ilman henkilön {who} poissaoloa {first}–{last} "
        "({cell}).",
        "Fix ({verified}): without {who}'s absence {first}–{last} ({cell}).",
    ),
    "suggest_window": (
        "Korjaus ({verified}): ryhmän {who} aloitusikkuna {new_first}–{new_last} "
        "(nyt {first}–{last}, {cell}).",
        "Fix ({verified}): group {who}'s start window {new_first}–{new_last} (now "
        "{first}–{last}, {cell}).",
    ),
    "suggest_agreed_start": (
        "Korjaus ({verified}): asiakkaan {who} työharjoittelu alkaa {day} "
        "(sovittu nyt {first}, {cell}).",
        "Fix ({verified}): client {who}'s work practice starts on {day} (agreed now "
        "{first}, {cell}).",
    ),
    "suggest_agreed_start_dropped": (
        "Korjaus ({verified}): asiakkaan {who} sovittu alku {first} ({cell}) "
        "pois, työkalu valitsee alun.",
        "Fix ({verified}): drop client {who}'s agreed start {first} ({cell}) and let "
        "the tool choose.",
    ),
    "suggest_case_manager": (
        "Korjaus ({verified}): asiakkaan {who} omaohjaajaksi {other} "
        "({staff} sijaan, {cell}).",
        "Fix ({verified}): {other} as client {who}'s case manager (instead of "
        "{staff}, {cell}).",
    ),
    "suggest_case_manager_open": (
        "Korjaus ({verified}): asiakkaan {who} omaohjaaja ({staff}, {cell}) "
        "tyhjäksi, työkalu valitsee sen.",
        "Fix ({verified}): leave client {who}'s case manager ({staff}, {cell}) empty "
        "for the tool to choose.",
    ),
    "suggest_case_managers_open": (
        "Korjaus ({verified}): asiakkaiden {clients} omaohjaaja ({staff}; {cells}) tyhjäksi, "
        "työkalu valitsee heille omaohjaajat.",
        "Fix ({verified}): leave the case manager ({staff}; {cells}) of clients {clients} empty for "
        "the tool to choose.",
    ),
    "suggest_pinned": (
        "Korjaus ({verified}): lukittu tapahtuma {what} {who} {first} ({cell}) pois tai toiseen päivään.",
        "Fix ({verified}): unpin the event {what} {who} {first} ({cell}) or move it to another day.",
    ),
    "suggest_closed": (
        "Korjaus ({verified}): toimipiste auki {first}–{last} ({cell}).",
        "Fix ({verified}): the office open on {first}–{last} ({cell}).",
    ),
    "suggest_horizon": (
        "Korjaus ({verified}): suunnittelujakso päättyy {end} (nyt {last}, "
        "{cell}).",
        "Fix ({verified}): the plan ends on {end} (now {last}, {cell}).",
    ),
    "pinned_impossible": (
        "Lukittu tapahtuma {row} ({event}, {who}, {day}) ei mahdu mihinkään sääntöjen mukaiseen "
        "suunnitelmaan: päivä ei käy tälle tapahtumalle (pyhä, poissaolo, väärä tekijä tai vaihe) "
        "(R-CLIENT-3).",
        "Pinned event {row} ({event}, {who}, {day}) fits no plan that keeps the rules: the day "
        "cannot hold this event (a holiday, an absence, another person or phase) (R-CLIENT-3).",
    ),
    "no_deep_option": (
        "Ryhmän {group} syventävälle jaksolle ei löydy viikkoa väliltä {first}–{last} (R-DEEP-1)",
        "Group {group}'s deepening period finds no week in {first}–{last} (R-DEEP-1)",
    ),
    "no_final_option": (
        "Ryhmän {group} päätösjaksolle ei löydy viikkoa väliltä {first}–{last} (R-FINAL-1)",
        "Group {group}'s final period finds no week in {first}–{last} (R-FINAL-1)",
    ),
    "no_start_visit_days": (
        "Asiakkaan {client} starttikäynneille ei ole päiviä päätöspäivän ja ryhmän {group} alun "
        "välissä, kun omaohjaaja {staff} on töissä (R-START-1)",
        "Client {client} has no days for start visits between the decision date and group "
        "{group}'s start while case manager {staff} is at work (R-START-1)",
    ),
    "no_wp_option": (
        "Asiakkaan {client} työharjoittelulle ({days:~päivä/päivää}) ei löydy aloituspäivää {first} "
        "jälkeen (R-WP-1, R-WP-2)",
        "Client {client}'s work practice ({days:~day/days}) finds no first day after {first} "
        "(R-WP-1, R-WP-2)",
    ),
    "wp_start_not_working_day": (
        "Asiakkaan {client} sovittu työharjoittelun alku {day} ei ole asiakkaan työpäivä {why} "
        "(R-WP-1, R-CAL-1, R-CLIENT-1)",
        "Client {client}'s agreed work-practice start {day} is not a working day for the client "
        "{why} (R-WP-1, R-CAL-1, R-CLIENT-1)",
    ),
    "no_ready_visit_days": (
        "Asiakkaan {client} tsemppikäynneille ei ole päiviä, kun omaohjaaja {staff} on töissä "
        "(R-READY-1)",
        "Client {client} has no days for getting-ready visits while case manager {staff} is at "
        "work (R-READY-1)",
    ),
    "no_final_discussion_day": (
        "Asiakkaan {client} loppukeskustelulle ei ole ryhmän {group} ryhmäpäivää, jona omaohjaaja "
        "{staff} on töissä (R-DEEP-2, R-FINAL-2)",
        "Client {client}'s final discussion finds no group day of {group} with case manager "
        "{staff} at work (R-DEEP-2, R-FINAL-2)",
    ),
    "no_follow_up_day": (
        "Asiakkaan {client} {number}. seurantakäynnille ei ole päivää suunnittelujakson sisällä, "
        "kun omaohjaaja {staff} on töissä (R-FOLLOW-1, R-CAL-0)",
        "Client {client}'s follow-up visit {number} finds no day inside the plan with case "
        "manager {staff} at work (R-FOLLOW-1, R-CAL-0)",
    ),
    "no_case_managers": (
        "Henkilöstössä ei ole yhtään omaohjaajaa (R-STAFF-3)",
        "No staff member has the case_manager role (R-STAFF-3)",
    ),
    "no_case_manager_for": (
        "Asiakkaalle {client} (ryhmä {group}) ei löydy omaohjaajaa samasta toimipisteestä "
        "(R-STAFF-3)",
        "Client {client} (group {group}) finds no case manager at the group's site (R-STAFF-3)",
    ),
    "no_case_manager_assignment": (
        "Omaohjaajia ei voi jakaa niin, että kenenkään asiakasmäärä ei ylity (R-STAFF-4)",
        "Case managers cannot be assigned without someone exceeding max_clients (R-STAFF-4)",
    ),
    "model_infeasible": (
        "Kaikki säännöt yhdessä ovat mahdottomia: henkilöstön poissaolot, aloitusikkunat ja "
        "työajat eivät mahdu yhteen. Tarkista lomat ja ikkunat (R-STAFF-1, R-STAFF-2, R-GROUP-4).",
        "The rules together are impossible: staff absences, start windows and working time do "
        "not fit together. Check holidays and windows (R-STAFF-1, R-STAFF-2, R-GROUP-4).",
    ),
    # --- the validator's findings (optimizer/checks/validate.py), by rule ---------------------
    # Dates come written (1.3.2027 in both languages); {kind} is an event's code, {kind_fi} its words.
    "finding_outside_horizon": ("{kind_fi} suunnittelujakson {start}–{end} ulkopuolella",
                                "{kind} outside the planning horizon {start}–{end}"),
    "finding_not_working_day": ("{kind_fi} ei ole työpäivänä ({why})", "{kind} is not on a working day ({why})"),
    "finding_start_visits": ("{n:~starttikäynti/starttikäyntiä}, pitää olla {expected} ({least}–{most})",
                             "{n:~start visit/start visits}, expected {expected} ({least}–{most})"),
    "finding_start_visit_late": ("starttikäynti ei ole ennen ensimmäistä ryhmäpäivää {day}",
                                 "start visit is not before the first group day {day}"),
    "finding_start_visit_mode": ("tapa {mode}, pitää olla office/video", "mode {mode}, expected office/video"),
    "finding_block_days": ("{n:~päivä/päivää}, pitää olla {expected}", "{n:~day/days}, expected {expected}"),
    "finding_block_not_consecutive": ("päivät eivät ole peräkkäisiä arkipäiviä samalla viikolla",
                                      "days are not consecutive weekdays of one week"),
    "finding_block_weekend": ("jakso ulottuu viikonloppuun", "the block runs into a weekend"),
    "finding_block_weekdays": ("jakso ei ole ma–to tai ti–pe (tai ryhmän viikonpäivät)",
                               "the block is not Mon-Thu or Tue-Fri (or the group's weekdays)"),
    "finding_start_days_missing": ("aloitusjakson ryhmäpäivät puuttuvat", "start-period group days are missing"),
    "finding_start_weeks": ("{n:~viikko/viikkoa}, pitää olla {expected}", "{n:~week/weeks}, expected {expected}"),
    "finding_start_weeks_apart": ("jaksot eivät ole peräkkäisillä viikoilla", "blocks are not on consecutive weeks"),
    "finding_ready_visits": ("{n:~tsemppikäynti/tsemppikäyntiä}, pitää olla {expected}", "{n:~getting-ready visit/getting-ready visits}, expected {expected}"),
    "finding_ready_visit_early": ("käynti ennen aloitusjakson loppua", "visit before the start period ends"),
    "finding_ready_visit_late": ("käynti työharjoittelun alettua", "visit after work practice has started"),
    "finding_wp_missing": ("työharjoittelujakso puuttuu", "work practice is missing"),
    "finding_wp_gap": ("{n:~päivä/päivää} viimeisestä tsemppikäynnistä (enintään {most})",
                       "{n:~day/days} after the last getting-ready visit (at most {most})"),
    "finding_wp_agreed_start": ("sovittu alku on {day}", "the agreed start is {day}"),
    "finding_wp_span": ("jakso {n:~päivä/päivää}, enintään {most}", "span of {n:~day/days}, at most {most}"),
    "finding_wp_ends": ("ensimmäinen tai viimeinen päivä ei ole harjoittelupäivä", "first or last day is not a practice day"),
    "finding_wp_days_row": ("Jaksot-rivin päivät {days}, laskettu {n}", "Periods row says {days:~day/days}, counted {n}"),
    "finding_wp_days": ("{n:~harjoittelupäivä/harjoittelupäivää}, pitää olla {expected}", "{n:~practice day/practice days}, expected {expected}"),
    "finding_wp_visits": ("{n:~käynti/käyntiä}, pitää olla {expected}", "{n:~visit/visits}, expected {expected}"),
    "finding_wp_site_visits": ("{n:~käynti/käyntiä} työpaikalla, vähintään {least}", "{n:~visit/visits} at the workplace, at least {least}"),
    "finding_wp_employer_visits": ("työnantaja mukana {n:~kerta/kertaa}, vähintään {least}", "employer met {n:~time/times}, at least {least}"),
    "finding_wp_network_meetings": ("{n:~verkostoneuvottelu/verkostoneuvottelua}, pitää olla {expected}", "{n:~network meeting/network meetings}, expected {expected}"),
    "finding_wp_visit_mode": ("tapa {mode}: käynti työpaikalla tai kuvapuheluna",
                              "mode {mode}: visits are at the workplace or by video"),
    "finding_wp_visit_day": ("käynti ei ole harjoittelupäivänä", "visit is not on a practice day"),
    "finding_call_day": ("puhelu ei ole työharjoittelun työpäivänä", "call is not on a working day of the work practice"),
    "finding_call_substitute": ("sijainen soittaa, vaikka omaohjaaja on töissä tai sijainen ei ole omaohjaaja",
                                "a substitute calls while the case manager is at work, or is no case manager"),
    "finding_calls_in_week": ("viikolla {week}/{year} {n:~puhelu/puhelua}, vähintään {least}",
                              "{n:~call/calls} in week {week}/{year}, at least {least}"),
    "finding_no_lunch": ("ruokailujärjestely puuttuu", "no lunch arrangement"),
    "finding_absences": ("{n:~sairauspoissaolo/sairauspoissaoloa}, pisin {longest:~työpäivä/työpäivää}: ota yhteys Kelaan",
                         "{n:~illness absence/illness absences}, longest {longest:~working day/working days}: contact Kela"),
    "finding_period_missing": ("ryhmäjakso puuttuu", "group period is missing"),
    "finding_period_early": ("alkaa ennen kuin edellinen vaihe päättyy {day}", "begins before the previous phase ends {day}"),
    "finding_final_discussion": ("loppukeskustelu pitää olla kerran ryhmän {phase}-jakson ryhmäpäivänä ({n} kpl)",
                                 "one final discussion on a {phase}-period group day expected ({n} found)"),
    "finding_report_due": ("kuntoutuspalautteen määräpäivä pitää olla {day} jälkeen, enintään {most:~päivä/päivää}",
                           "the report must be due after {day}, within {most:~day/days}"),
    "finding_follow_up_visits": ("{n:~seurantakäynti/seurantakäyntiä}, pitää olla {expected}", "{n:~follow-up visit/follow-up visits}, expected {expected}"),
    "finding_follow_up_day": ("{number}. seurantakäynti pitää olla {after} jälkeen ja viimeistään {latest}",
                              "follow-up {number} must be after {after} and by {latest}"),
    "finding_follow_up_mode": ("tapa {mode}", "mode {mode}"),
    "finding_follow_up_report_due": ("seurantapalautteen määräpäivä pitää olla {day} jälkeen, enintään {most:~päivä/päivää}",
                                     "the follow-up report must be due after {day}, within {most:~day/days}"),
    "finding_report_writer_away": ("omaohjaaja {staff} ei ole töissä {first}–{due}, kun palaute pitää kirjoittaa: "
                                   "kirjoitettava {since} tai sovittava, kuka kirjoittaa",
                                   "the case manager {staff} is not at work {first}–{due}, when the report must be "
                                   "written: write it on {since} or agree who writes it"),
    "finding_report_writer_away_at_all": ("omaohjaaja {staff} ei ole töissä {since}–{due}, kun palaute pitää "
                                          "kirjoittaa: sovi, kuka sen kirjoittaa",
                                          "the case manager {staff} is not at work {since}–{due}, when the report "
                                          "must be written: agree who writes it"),
    "finding_sessions": ("{n:~yksilökäynti/yksilökäyntiä}, pitää olla {least}–{most}", "{n:~individual session/individual sessions}, expected {least}-{most}"),
    "finding_group_days": ("{n:~ryhmäpäivä/ryhmäpäivää}, pitää olla {least}–{most}", "{n:~group day/group days}, expected {least}-{most}"),
    "finding_rehab_days": ("{n:~kuntoutuspäivä/kuntoutuspäivää}, enintään {most}", "{n:~rehabilitation day/rehabilitation days}, at most {most}"),
    "finding_process_long": ("prosessi kestää yli {months:~kuukausi/kuukautta} ({first}–{last})",
                             "the process runs over {months:~month/months} ({first}-{last})"),
    "finding_certificate_due": ("osallistumistodistuksen päivä pitää olla {first}–{last}",
                                "the certificate date must be {first}-{last}"),
    "finding_periods_missing": ("Jaksot-välilehdeltä puuttuu: {phases}", "Periods sheet lacks: {phases}"),
    "finding_period_row": ("Jaksot-rivi {phase} {start}–{end} ei vastaa tapahtumia {first}–{last}",
                           "Periods row {phase} {start}-{end} does not match the events {first}-{last}"),
    "finding_group_size": ("{n:~asiakas/asiakasta}, enimmäiskoko {most}", "{n:~client/clients}, maximum size {most}"),
    "finding_group_postponed": ("aloitus siirtyy ({n} < vähimmäiskoko {least}): ilmoita Kelalle ja asiakkaille",
                                "start postponed ({n} < minimum {least}): tell Kela and the clients"),
    "finding_group_start_outside": ("aloitus {day} ei ole ikkunassa {first}–{last}",
                                    "start {day} is outside the window {first}-{last}"),
    "finding_language": ("kieli {language}, ryhmän {group_language}", "language {language}, the group's {group_language}"),
    "finding_other_group": ("tapahtuma ryhmässä {group}, asiakas on ryhmässä {own}",
                            "event in group {group}, the client is in group {own}"),
    "finding_unknown_group": ("tuntematon ryhmä", "unknown group"),
    "finding_leaders": ("ohjaajat {staff}; tarvitaan {needed} ryhmän ohjaajista {leaders}",
                        "leaders {staff}; {needed} of {leaders} needed"),
    "finding_leader_twice": ("ohjaa samana päivänä ryhmiä {groups}", "leads groups {groups} on one day"),
    "finding_room_twice": ("tila {room} kahdelle ryhmälle", "room {room} holds two groups"),
    "finding_not_at_work": ("{staff} ei ole töissä ({n:~tapahtuma/tapahtumaa})", "{staff} is not at work ({n:~event/events})"),
    "finding_day_minutes": ("{n} min työtä, enintään {most}", "{n} min of work, at most {most}"),
    "finding_visit_by_other": ("{kind_fi}: tekijä {staff}, omaohjaaja {case_manager}",
                               "{kind}: done by {staff}, case manager {case_manager}"),
    "finding_not_case_manager": ("{staff} ei ole omaohjaaja", "{staff} is not a case manager"),
    "finding_max_clients": ("{n:~asiakas/asiakasta} yhtä aikaa, enintään {most}", "{n:~client/clients} at once, at most {most}"),
    "finding_before_decision": ("{kind_fi} ennen päätöspäivää {day}", "{kind} before the decision date {day}"),
    "finding_client_absent": ("{kind_fi} asiakkaan poissaolopäivänä", "{kind} on the client's absence day"),
    "finding_misses_group_day": ("asiakas poissa ryhmäpäivältä", "client misses a group day"),
    "finding_on_group_day": ("{kind_fi} ryhmäpäivänä", "{kind} on a group day"),
    "finding_events_one_day": ("{n:~yksilötapahtuma/yksilötapahtumaa} samana päivänä", "{n:~individual event/individual events} on one day"),
    "finding_pin_missing": ("lukittu {kind_fi} ({row}) puuttuu tai on muuttunut", "pinned {kind} ({row}) is missing or changed"),
    # Issue 14: the freedoms the rules allow, with their notices, and pinned marks kept exactly.
    "finding_wp_agreed_late": (
        "työharjoittelu alkaa {day}, {n:~päivä/päivää} viimeisen tsemppikäynnin jälkeen (yli {most}), koska alku on "
        "sovittu työnantajan kanssa ({cell}): kirjaa sopimus asiakkaan asiakirjoihin ja vahvista päivä "
        "työnantajalle (R-WP-1)",
        "work practice starts on {day}, {n:~day/days} after the last getting-ready visit (over {most}), because the "
        "start is agreed with the employer ({cell}): record the agreement in the client's records and confirm "
        "the date with the employer (R-WP-1)",
    ),
    "finding_wp_short": (
        "työharjoittelu {n:~päivä/päivää} (alle {least}): kirjaa perustelu asiakkaan asiakirjoihin ({reason}); tästä "
        "ei ilmoiteta Kelalle (R-WP-2)",
        "work practice of {n:~day/days} (under {least}): document the reason in the client's records ({reason}); "
        "this is not a notice to Kela (R-WP-2)",
    ),
    "wp_short_part_time": (
        "osa-aikainen harjoittelu päivinä {weekdays_fi}: enempää päiviä ei mahdu 3,5 kuukauteen",
        "part-time practice on {weekdays_en}: no more days fit in 3.5 months",
    ),
    "finding_final_row_not_attending": (
        "selvän suunnitelman asiakas ei osallistu päätösjaksoon (päätösjaksolle ei), mutta Jaksot-välilehdellä on "
        "päätösjakson rivi",
        "a clear-plan client who does not attend the final period (attends_final no) has a final Periods row",
    ),
    "finding_final_row_missing": (
        "asiakas osallistuu päätösjaksoon (päätösjaksolle kyllä), mutta Jaksot-välilehdeltä puuttuu sen rivi",
        "the client attends the final period (attends_final yes) but the Periods sheet has no final row",
    ),
    "finding_final_row_days": (
        "päätösjakson rivin päivät {days}; ryhmän päätösjaksossa on {n:~päivä/päivää}, joista asiakas on mukana {attended}",
        "the final row says {days:~day/days}; the group's final period has {n}, of which the client attends {attended}",
    ),
    "finding_final_row_missed": (
        "päätösjakson rivin huomautuksesta puuttuvat poissaolopäivät {days}",
        "the final row's note does not name the days missed {days}",
    ),
    "finding_group_not_postponed": (
        "aloitusta pyydettiin siirtämään ({cell}), mutta ryhmä alkaa {day} sovitussa ikkunassa {first}–{last}",
        "the start was to be postponed ({cell}), but the group starts on {day} inside the agreed window "
        "{first}-{last}",
    ),
    "finding_group_postponed_too_late": (
        "siirretty aloitus {day} on myöhemmin kuin {months} kk varhaisimmasta päätöspäivästä {decision} ({limit})",
        "the postponed start {day} is later than {months:~month/months} after the earliest decision date {decision} "
        "({limit})",
    ),
    "finding_group_postponed_asked": (
        "aloitus siirtyy, kuten koordinaattori pyysi ({cell}; {n} < vähimmäiskoko {least}): ilmoita Kelan "
        "viranomaislinjalle ja asiakkaille",
        "start postponed as the coordinator asked ({cell}; {n} < minimum {least}): tell Kela's authority line "
        "and the clients",
    ),
    "finding_pin_changed": (
        "lukittu {kind_fi} ({row}) on suunnitelmassa muuttunut: {field_fi} {planned}, lukittu {pinned}",
        "pinned {kind} ({row}) is changed in the plan: {field} {planned}, pinned {pinned}",
    ),
    "finding_decision_lead": (
        "ensimmäinen starttikäynti {day} on vain {n:~päivä/päivää} päätöspäivän {decision} jälkeen (tavoite vähintään "
        "{least}; ryhmän aloitusikkuna ei jätä myöhempää päivää): ota yhteyttä asiakkaaseen ennen käyntiä",
        "the first start visit on {day} comes only {n:~day/days} after the decision date {decision} (target at least "
        "{least}; the group's start window leaves no later day): contact the client before the visit",
    ),
    # --- the plan workbook's sheets, the staff rosters, the chart ----------------------------
    "summary_title": ("Taito-suunnitelma", "Taito plan"),
    "legend": ("selite", "legend"),
    "to_kela_clients": ("Kela, asiakkaat", "Kela, clients"),
    "to_coordinator": ("koordinaattori", "coordinator"),
    # Issue 14: who a validator's notice is for (Finding.to).
    "to_kela": ("Kela", "Kela"),
    "to_clients": ("asiakkaat", "clients"),
    "to_employer_records": ("työnantaja, asiakkaan asiakirjat", "employer, client's records"),
    "to_records": ("asiakkaan asiakirjat", "client's records"),
    # Issue 15: the Notices sheet's rows for the employers, and a re-plan's changes.
    "to_employer": ("työnantaja", "employer"),
    "notice_practice": ("työharjoittelu {span} ({days:~harjoittelupäivä/harjoittelupäivää}); käynnit työpaikalla työnantajan kanssa: "
                        "{visits}", "work practice {span} ({days:~practice day/practice days}); visits at the workplace with the "
                        "employer: {visits}"),
    "notice_period_change": ("{phase} siirtyi: {before} → {after}", "{phase} moved: {before} → {after}"),
    "notice_practice_meeting": ("; verkostoneuvottelu {day}", "; network meeting {day}"),
    "notice_change": ("{what}: {change} ({before} → {after})", "{what}: {change} ({before} → {after})"),
    "wp_short_absences": ("asiakkaan poissaolot", "the client's absences"),
    "certificate_coming": ("tulossa", "coming"),
    "certificate_days_note": (
        "Eri päivät, joina asiakas osallistuu. Ryhmäpäivänä pidetty käynti (päätöskeskustelu) ei lisää "
        "päiviä, joten yhteensä voi olla pienempi kuin käynti- ja ryhmäpäivien summa.",
        "The distinct days the client takes part. A visit held on a group day (the final discussion) "
        "adds no day, so the total can be less than visit days plus group days."),
    "certificate_begun": ("alkanut", "begun"),
    "roster_sheet": ("Viikot {staff}", "Weeks {staff}"),
    "roster_week": ("viikko", "week"),
    "iso_week": ("vko {week}/{year}", "wk {week}/{year}"),
    "comparison_sheet": ("Vertailu", "Comparison"),
    "chart_holidays": ("arkipyhä / suljettu", "public holiday / closed"),
    "chart_holiday_weeks": ("lomaviikko (puolet poissa)", "holiday week (half away)"),
    "chart_title": ("Ryhmät ja asiakkaiden jaksot", "Groups and their clients' phases"),
    "chart_title_cut": ("{title} ({n:~ensimmäinen rivi/ensimmäistä riviä})", "{title} ({n} first rows)"),
    "works_on": ("töissä {days}", "works {days}"),
    # --- the quality view (optimizer/checks/quality.py: the Summary sheet, optimize check) ----
    "quality_title": ("Suunnitelman laatu", "Plan quality"),
    "quality_decision_median": ("päätöksestä 1. starttikäyntiin, mediaani (pv)",
                                "decision to first start visit, median (days)"),
    "quality_decision_min": ("päätöksestä 1. starttikäyntiin, lyhin (pv)", "decision to first start visit, shortest (days)"),
    "quality_decision_soon": ("asiakkaita, joiden 1. starttikäynti on {soon} päivän sisällä päätöksestä",
                              "clients whose first start visit is within {soon:~day/days} of the decision"),
    "quality_start_next_day": ("starttikäyntipareja peräkkäisinä työpäivinä",
                               "start visit pairs on consecutive working days"),
    "quality_ready_gap_min": ("tsemppikäyntien väli, lyhin (pv)", "gap between getting-ready visits, shortest (days)"),
    "quality_ready_gap_median": ("tsemppikäyntien väli, mediaani (pv)",
                                 "gap between getting-ready visits, median (days)"),
    "quality_ready_next_day": ("tsemppikäyntipareja peräkkäisinä työpäivinä",
                               "getting-ready visit pairs on consecutive working days"),
    "quality_wp_week_start": ("työharjoittelut, jotka alkavat viikon ensimmäisenä työpäivänä (ei sovittua alkua)",
                              "practices that start on the week's first working day (no agreed start)"),
    "quality_first_site_median": ("1. työpaikkakäynti, monesko harjoittelupäivä, mediaani",
                                  "first workplace visit, practice day, median"),
    "quality_first_site_max": ("1. työpaikkakäynti, monesko harjoittelupäivä, myöhäisin",
                               "first workplace visit, practice day, latest"),
    "quality_first_employer": ("työnantaja tavattu työpaikalla {within} harjoittelupäivän sisällä",
                               "employer met at the workplace within {within:~practice day/practice days}"),
    "quality_network_before_site": ("verkostoneuvotteluja ennen 1. työpaikkakäyntiä",
                                    "network meetings before the first workplace visit"),
    "quality_wp_gap_max": ("pisin väli kahden työpaikkakäynnin välillä (pv)",
                           "longest gap between two practice visits (days)"),
    "quality_wp_gap_max_at_work": ("pisin käyntiväli, jonka aikana omaohjaaja ei ollut poissa (pv)",
                                   "longest gap between practice visits with the case manager at work throughout (days)"),
    "quality_no_double_week": ("asiakkaat, joiden työpaikkakäynnit ovat kaikki eri viikoilla",
                               "clients whose practice visits all fall in different weeks"),
    "quality_double_weeks": ("viikkoja, joilla kaksi työpaikkakäyntiä", "weeks with two practice visits"),
    "quality_wp_next_day": ("työpaikkakäyntipareja peräkkäisinä työpäivinä",
                            "practice visit pairs on consecutive working days"),
    "quality_calls_next_to_visit": ("viikkopuheluita käyntiä edeltävänä tai seuraavana työpäivänä",
                                    "weekly calls on the working day before or after a visit"),
    "quality_call_next_day": ("viikkopuhelupareja peräkkäisinä työpäivinä", "weekly call pairs on consecutive working days"),
    "quality_substitute_calls": ("sijaisen puheluita", "calls by a substitute"),
    "quality_several_substitutes": ("asiakkaita, joille soitti useampi kuin yksi sijainen",
                                    "clients called by more than one substitute"),
    "quality_idle_median": ("odotus työharjoittelun lopusta syventävään jaksoon, mediaani (pv)",
                            "wait from practice end to the deepening period, median (days)"),
    "quality_idle_max": ("odotus työharjoittelun lopusta syventävään jaksoon, pisin (pv)",
                         "wait from practice end to the deepening period, longest (days)"),
    "quality_months_median": ("kesto 1. starttikäynnistä viimeiseen seurantaan, mediaani (kk)",
                              "first start visit to last follow-up, median (months)"),
    "quality_months_max": ("kesto 1. starttikäynnistä viimeiseen seurantaan, pisin (kk)",
                           "first start visit to last follow-up, longest (months)"),
    # --- the input template (optimize template) ----------------------------------------------
    "template_instructions_sheet": ("Ohjeet", "Instructions"),
    "template_choices_sheet": ("Valinnat", "Choices"),
    "template_bad_value": ("Arvo ei kelpaa {what}", "Value not allowed {what}"),
    "template_bad_date": ("Anna päivämäärä, esim. 1.3.2027", "Enter a date, e.g. 1.3.2027"),
    "template_bad_id": ("Tunnusta ei ole välilehdellä {sheet}", "The id is not on the {sheet} sheet"),
    "template_columns_title": ("Sarakkeet", "Columns"),
    "template_display_help": ("Edellinen sarake suomeksi; ohjelma ei lue tätä saraketta.",
                              "The column before in words; the tool does not read this column."),
    "template_instructions": (  # one line a row
        "Taito-suunnittelun syötetyökirja\n"
        "\n"
        "Täytä välilehdet Asetukset, Henkilöstö, Ryhmät ja Asiakkaat; Poissaolot, Suljettu ja Painotukset "
        "ovat vapaaehtoisia. Lihavoidut ja alleviivatut sarakkeet ovat pakollisia. Esimerkkirivit voi "
        "korvata omilla.\n"
        "Aja sitten: optimize tiedosto.xlsx  (suunnitelma kirjoitetaan tiedostoon tiedosto-plan.xlsx).\n"
        "\n"
        "Asetukset: suunnittelu_alkaa (päivämäärä), suunnittelu_päättyy (tyhjä = viimeisin aloitus + 18 kk), "
        "aikaraja_s (sekuntia), palvelukuvaus (toinen palvelukuvaustiedosto).\n"
        "Henkilöstö: tunnus, nimi (vain henkilön omaan viikkolistaan), roolit (omaohjaaja, ryhmänohjaaja), "
        "työpäivät (esim. ma-pe, ma-ke), asiakkaita_max, minuutit_päivässä (tyhjä = 450), toimipiste.\n"
        "Ryhmät: ryhmä, enimmäiskoko (6–10), aloitusikkuna aloitus_aikaisintaan–aloitus_viimeistään, "
        "viikonpäivät (ma-to, ti-pe tai tyhjä), ohjaajat (tunnukset pilkuin), ohjaajia_vähintään, kieli, tila, "
        "siirrä (kyllä: aloitus siirretään sovitun ikkunan jälkeen; vain vähimmäiskokoa pienempi ryhmä).\n"
        "Asiakkaat: asiakas (pseudonyymi, ei henkilötunnusta eikä nimeä), ryhmä, päätöspäivä, omaohjaaja "
        "(tyhjä = työkalu valitsee), selvä_suunnitelma (kyllä/ei), käyntimäärät, th_alkaa (työnantajan "
        "kanssa sovittu alku), ruokailu, th_lyhennys_syy, th_viikonpäivät (osa-aikainen harjoittelu, esim. ma-to; "
        "tyhjä = ma-pe), päätösjaksolle (selvän suunnitelman asiakas osallistuu päätösjaksoon: kyllä/ei), kieli.\n"
        "Poissaolot: henkilö (henkilöstön tai asiakkaan tunnus), alkaa, päättyy, syy (loma, koulutus, sairaus).\n"
        "Suljettu: päivät, joina palveluntuottaja on kiinni arkipyhien lisäksi.\n"
        "Painotukset: pehmeiden sääntöjen painot (S-…); muuta arvoa, jos haluat painottaa toisin tässä ajossa.\n"
        "Lukitut: jo pidetyt tai sovitut tapahtumat suunnitelman Tapahtumat-välilehden sarakkein (rivin voi "
        "kopioida suunnitelmasta); jokainen suunnitelma pitää ne sellaisinaan.\n"
        "\n"
        "Henkilötunnukset hylätään kaikkialla työkirjassa. Päivämäärät: päivämääräsolu, 1.3.2027 tai 2027-03-01.",
        "Taito planning input workbook\n"
        "\n"
        "Fill in Settings, Staff, Groups and Clients; Absences, ClosedDays and Weights are optional. Bold "
        "underlined columns are required. Replace the example rows with your own.\n"
        "Then run: optimize file.xlsx  (the plan is written to file-plan.xlsx).\n"
        "\n"
        "Settings: plan_start (a date), plan_end (empty = latest start + 18 months), time_limit_s (seconds), "
        "service_model (another service model file).\n"
        "Staff: staff_id, name (only in the person's own weekly roster), roles (case_manager, group_leader), "
        "work_days (e.g. Mon-Fri, Mon-Wed), max_clients, day_minutes (empty = 450), site.\n"
        "Groups: group_id, max_size (6–10), start window start_earliest–start_latest, weekdays (Mon-Thu, "
        "Tue-Fri or empty), leaders (ids, comma separated), leaders_needed, language, room, postpone (yes: the "
        "start is postponed past the agreed window; only a group below its minimum size).\n"
        "Clients: client_id (a pseudonym, never an identity code or a name), group_id, decision_date, "
        "case_manager (empty = the tool chooses), clear_plan (yes/no), visit counts, wp_start (agreed with the "
        "employer), lunch, wp_short_reason, wp_weekdays (part-time practice, e.g. Mon-Thu; empty = Mon-Fri), "
        "attends_final (a clear-plan client joins the final period: yes/no), language.\n"
        "Absences: person (a staff or client id), start, end, reason (holiday, training, sick leave).\n"
        "ClosedDays: days the provider is closed besides public holidays.\n"
        "Weights: the soft rules' weights (S-…); change a value to weigh differently in this run.\n"
        "Fixed: events done or agreed, in the plan's Events columns (a plan's row can be copied here); every "
        "plan keeps them as they are.\n"
        "\n"
        "Personal identity codes are refused anywhere in the workbook. Dates: a date cell, 2027-03-01 or 1.3.2027.",
    ),
}

# Event kinds of the plan (English codes) in plain words: (Finnish, English).
KIND_WORDS = {
    "group_day": ("ryhmäpäivä", "group day"), "start_visit": ("starttikäynti", "start visit"),
    "ready_visit": ("tsemppikäynti", "getting-ready visit"), "wp_visit": ("työpaikkakäynti", "workplace visit"),
    "phone_call": ("puhelu", "phone call"), "final_discussion": ("loppukeskustelu", "final discussion"),
    "follow_up_visit": ("seurantakäynti", "follow-up visit"),
    "certificate_due": ("osallistumistodistus", "participation certificate"),
    "report_due": ("kuntoutuspalaute", "rehabilitation report"),
    "follow_up_report_due": ("seurantapalaute", "follow-up report"),
}

# Plain words (Finnish, English) for the codes of the Events and Periods sheets.
PHASE_WORDS = {"start": ("aloitusjakso", "start period"), "ready": ("tsemppivaihe", "getting-ready phase"),
               "work_practice": ("työharjoittelu", "work practice"), "deep": ("syventävä jakso", "deepening period"),
               "final": ("päätösjakso", "final period"), "follow_up": ("seurantavaihe", "follow-up")}
PHASE_FI = {phase: fi for phase, (fi, _) in PHASE_WORDS.items()}
MODE_WORDS = {"office": ("toimipisteessä", "at the office"), "site": ("työpaikalla", "at the workplace"),
              "video": ("kuvapuhelu", "video call"), "phone": ("puhelin", "by phone")}
# Where an event takes place, as a calendar file's LOCATION says it when the roster names no
# room or site (optimizer/output/ics.py).
LOCATION_WORDS = {"office": ("toimipiste", "office"), "site": ("työpaikka", "workplace"),
                  "video": ("kuvapuhelu", "video call"), "phone": ("puhelin", "phone")}
FLAG_WORDS = {"with_employer": ("työnantaja mukana", "employer present"),
              "network_meeting": ("verkostoneuvottelu", "network meeting"), "substitute": ("sijainen", "substitute")}
# The Events columns a pinned event keeps (R-CLIENT-3), as a finding names them: the Finnish
# header and the English one (optimizer/workbook/labels.py is the contract's; the validator does
# not read the workbook layer).
EVENT_FIELD_WORDS = {"staff_ids": ("työntekijä", "staff_id"), "mode": ("tapa", "mode"),
                     "with_employer": ("työnantaja", "with_employer"),
                     "network_meeting": ("verkostoneuvottelu", "network_meeting"), "substitute": ("sijainen", "substitute")}


# Column headers of the sheets beyond the workbook contract's (optimizer/workbook/labels.py holds
# those of the input, Events and Periods): sheet -> [(Finnish, English)], left to right.
COLUMN_WORDS: dict[str, list[tuple[str, str]]] = {
    "checks": [("sääntö", "rule"), ("merkitys", "meaning"), ("tila", "status"), ("kuka", "who"), ("milloin", "when"), ("miksi", "why")],
    "soft_rules": [("pehmeä sääntö", "soft rule"), ("paino", "weight"), ("kustannus", "cost"), ("yksikkö", "unit"),
                   ("kuvaus", "description")],
    "notices": [("sääntö", "rule"), ("kenelle", "to"), ("kuka", "who"), ("milloin", "when"), ("ilmoitus", "notice")],
    "groups": [("ryhmä", "group"), ("jakso", "phase"), ("alkaa", "start"), ("päättyy", "end"), ("päivät", "days"),
               ("koko", "size"), ("vähimmäiskoko", "minimum size"), ("siirretty", "postponed"),
               ("ohjaajat", "leaders")],
    "timelines": [("asiakas", "client"), ("ryhmä", "group"), ("omaohjaaja", "case manager"),
                  ("päätöspäivä", "decision"), ("selvä suunnitelma", "clear plan"), ("aloitus alkaa", "start begins"),
                  ("tsemppi alkaa", "ready begins"), ("työharjoittelu alkaa", "work practice begins"),
                  ("työharjoittelu päättyy", "work practice ends"), ("th-päivät", "practice days"),
                  ("syventävä", "deepening"), ("päätösjakso", "final period"), ("1. seuranta", "follow-up 1"),
                  ("2. seuranta", "follow-up 2"), ("todistus", "certificate"), ("kuntoutuspalaute", "report due"),
                  ("seurantapalaute", "follow-up report due"), ("kesto (kk)", "length (months)"),
                  ("ruokailu", "lunch")],
    "certificates": [("asiakas", "client"), ("ryhmä", "group"), ("todistuksen päivä", "certificate date"),
                     ("jakso", "period"), ("alkaa", "start"), ("päättyy", "end"), ("käyntipäiviä", "visit days"),
                     ("ryhmäpäiviä", "group days"), ("harjoittelupäiviä", "practice days"),
                     ("päiviä yhteensä", "days in all"), ("tila", "status")],
    "weights": [("sääntö", "rule"), ("paino", "weight"), ("kuvaus", "description")],
    "deadlines": [("päivä", "date"), ("asiakirja", "document"), ("asiakas", "client"), ("ryhmä", "group"),
                  ("omaohjaaja", "case manager"), ("sääntö", "rule"), ("tapahtuma", "kind"), ("huomio", "note")],
    # The Load sheet: the week, its Monday, then each staff id with these three words.
    "load": [("viikko", "week"), ("maanantai", "Monday"), ("minuutit", "minutes"), ("kapasiteetti", "capacity"),
             ("kuormitus", "load")],
    "changes": [("henkilö", "staff"), ("muutos", "change"), ("muutos sanoin", "change in words"),
                ("tapahtuma", "event"), ("asiakas", "client"), ("ryhmä", "group"), ("ennen", "before"),
                ("jälkeen", "after"), ("päivää", "days"), ("tekijä ennen", "staff before"),
                ("tekijä jälkeen", "staff after"), ("ajanjakso ennen", "span before"),
                ("ajanjakso jälkeen", "span after"), ("henkilölle", "for the person"),
                ("kerrottava", "tell")],
    # The compared variants' names come between "who" and "difference".
    "comparison": [("mitä", "what"), ("kuka", "who"), ("ero", "difference")],
}
# The Summary sheet's figures (the keys of the run's info); English is the key in words.
SUMMARY_WORDS = {
    "status": ("tila", "status"), "objective": ("tavoitefunktio", "objective"), "bound": ("alaraja", "bound"),
    "gap": ("ero", "gap"), "seconds": ("aika (s)", "seconds"), "groups": ("ryhmiä", "groups"),
    "clients": ("asiakkaita", "clients"), "staff": ("työntekijöitä", "staff"), "events": ("tapahtumia", "events"),
    "broken": ("rikottuja sääntöjä", "broken"), "postponed": ("siirretyt aloitukset", "postponed"),
    "variables": ("mallin muuttujia", "variables"), "constraints": ("mallin rajoitteita", "constraints"),
    "input": ("syöte", "input"), "plan_start": ("suunnittelu alkaa", "plan start"),
    "plan_end": ("suunnittelu päättyy", "plan end"), "service_model": ("palvelukuvaus", "service model"),
    "service_model_checksum": ("palvelukuvauksen tarkiste", "service model checksum"),
    "tool_version": ("työkalun versio", "tool version"), "ortools_version": ("OR-Tools-versio", "ortools version"),
    "seed": ("siemen", "seed"), "time_limit": ("aikaraja (s)", "time limit"), "written": ("kirjoitettu", "written"),
    "input_checksum": ("syötteen tarkiste", "input checksum"), "deterministic": ("toistettava ajo", "deterministic"),
    "exported_from": ("viety suunnitelmasta", "exported from"), "bound_source": ("alarajan lähde", "bound from"),
}
# Where the Summary's bound comes from (Result.bound_source, optimizer/search/solve.py).
BOUND_SOURCE_WORDS = {
    "solver": ("ratkaisija, koko malli", "the solver, whole model"),
    "periods": ("ryhmäjaksot ja työharjoittelut ilman yksilökäyntejä, ryhmä kerrallaan",
                "group periods and work practices without individual visits, group by group"),
    "joint": ("ryhmäjaksot ja työharjoittelut ilman yksilökäyntejä, kaikki ryhmät yhdessä",
              "group periods and work practices without individual visits, all groups together"),
}
# The Checks sheet's statuses, explained in its legend.
CHECK_STATUS_WORDS = {
    "ok": ("kaikki kunnossa", "rule holds"), "broken": ("rikottu", "broken"), "relaxed": ("joustettu", "relaxed"),
    "notice": ("huomio", "notice"), "cost": ("pehmeän säännön kustannus", "soft-rule cost"), "cause": ("syy", "cause"),
    "fix": ("korjaus", "fix"),
}
# Each rule id in one line, beside the id in the Checks sheet (issue 15): every rule the validator
# checks and every soft rule (tests/test_messages.py). No numbers: those are the service model's.
RULE_WORDS = {
    "R-CAL-0": ("kaikki suunnittelujakson sisällä", "everything between the plan's start and end"),
    "R-CAL-1": ("vain arkipäivinä: ei viikonloppuna, arkipyhänä eikä suljettuna päivänä",
                "working days only: no weekend, public holiday or closed day"),
    "R-CAL-2": ("arkipyhät ylläpidetystä kalenterikirjastosta", "public holidays from a maintained calendar library"),
    "R-START-1": ("starttikäynnit ennen ensimmäistä ryhmäpäivää", "start visits before the first group day"),
    "R-START-2": ("aloitusjakson ryhmäpäivät jaksoina peräkkäisillä viikoilla",
                  "start-period group days in blocks on consecutive weeks"),
    "R-READY-1": ("tsemppikäynnit aloitusjakson jälkeen, ennen työharjoittelua",
                  "getting-ready visits after the start period, before work practice"),
    "R-WP-1": ("työharjoittelu alkaa pian viimeisen tsemppikäynnin jälkeen tai sovittuna päivänä",
               "work practice starts soon after the last getting-ready visit, or on the agreed day"),
    "R-WP-2": ("harjoittelupäivien määrä ja harjoittelun enimmäiskesto",
               "the number of practice days and the practice's longest span"),
    "R-WP-3": ("työharjoittelun käynnit: osa työpaikalla työnantajan kanssa, yksi verkostoneuvottelu",
               "practice visits: some at the workplace with the employer, one network meeting"),
    "R-WP-4": ("puhelu asiakkaalle joka harjoitteluviikko", "a phone call to the client every practice week"),
    "R-WP-5": ("ruokailu järjestetty työharjoittelun ajaksi", "lunch arranged during work practice"),
    "R-WP-6": ("toistuvat tai pitkät sairauspoissaolot: yhteys Kelaan", "repeated or long illness absences: contact Kela"),
    "R-DEEP-1": ("syventävä jakso yhdellä viikolla, kun kaikkien työharjoittelu on päättynyt",
                 "deepening period in one week, after everyone's work practice"),
    "R-DEEP-2": ("selvän suunnitelman asiakkaan loppukeskustelu syventävällä jaksolla",
                 "a clear-plan client's final discussion in the deepening period"),
    "R-FINAL-1": ("päätösjakso yhdellä viikolla syventävän jakson jälkeen",
                  "final period in one week, after the deepening period"),
    "R-FINAL-2": ("muiden asiakkaiden loppukeskustelu päätösjaksolla",
                  "the other clients' final discussion in the final period"),
    "R-REPORT-1": ("kuntoutuspalaute määräajassa kuntoutuksen päätyttyä",
                   "rehabilitation report due soon after rehabilitation ends"),
    "R-FOLLOW-1": ("seurantakäynnit määräajoissa päätösjakson jälkeen",
                   "follow-up visits within their months after the final period"),
    "R-FOLLOW-2": ("seurantapalaute viimeisen seurantakäynnin jälkeen", "follow-up report after the last follow-up visit"),
    "R-TOTAL-1": ("yksilötapaamisten määrä kaikkiaan", "the number of individual sessions in all"),
    "R-TOTAL-2": ("ryhmäpäivien määrä kaikkiaan", "the number of group days in all"),
    "R-TOTAL-3": ("kuntoutuspäivien enimmäismäärä asiakasta kohden", "the most rehabilitation days per client"),
    "R-TOTAL-4": ("prosessin kokonaiskesto", "the length of the whole process"),
    "R-CERT-1": ("osallistumistodistus: jokainen jakso päivineen", "participation certificate: every period with its days"),
    "R-GROUP-1": ("ryhmän enimmäiskoko", "a group's maximum size"),
    "R-GROUP-2": ("ryhmä alkaa sovitussa ikkunassa; alle vähimmäiskoon aloitusta voi siirtää",
                  "a group starts in its agreed window; below its minimum size the start may be postponed"),
    "R-GROUP-3": ("ryhmän asiakkailla samat ryhmäpäivät ja kieli", "a group's clients share its group days and language"),
    "R-GROUP-4": ("ryhmäpäivät vetävät ryhmän omat ohjaajat, töissä ja muulta ryhmältä vapaina",
                  "group days are run by the group's leaders, at work and not leading another group"),
    "R-GROUP-5": ("tilassa yksi ryhmä päivässä", "a room holds one group a day"),
    "R-STAFF-1": ("ei työtä poissaolo- eikä vapaapäivinä", "no work on absence days or days off"),
    "R-STAFF-2": ("päivän työ mahtuu henkilön päivän minuutteihin", "a day's work fits the person's minutes a day"),
    "R-STAFF-3": ("omaohjaaja tekee asiakkaan käynnit; sijainen vain puhelut",
                  "the case manager makes the client's visits; a substitute only calls"),
    "R-STAFF-4": ("omaohjaajalla enintään asiakkaita_max asiakasta kerrallaan",
                  "a case manager has at most max_clients clients at once"),
    "R-CLIENT-1": ("ei yksilötapahtumia ennen päätöspäivää eikä asiakkaan poissaolopäivinä",
                   "nothing individual before the decision date or on the client's absence days"),
    "R-CLIENT-2": ("asiakkaalla enintään yksi yksilötapahtuma päivässä, ei ryhmäpäivinä",
                   "at most one individual event a day per client, none on group days"),
    "R-CLIENT-3": ("lukitut tapahtumat pysyvät ennallaan", "pinned events stay exactly as they are"),
    "S-CHANGE": ("uudelleensuunnittelu siirtää mahdollisimman vähän", "a re-plan moves as little as possible"),
    "S-GROUP-START": ("ryhmä alkaa aloitusikkunansa alussa", "a group starts early in its window"),
    "S-DECISION": ("ensimmäinen starttikäynti pian päätöksen jälkeen, ei liian pian",
                   "the first start visit soon after the decision, not too soon"),
    "S-WP-GAP": ("työharjoittelu alkaa pian viimeisen tsemppikäynnin jälkeen",
                 "work practice starts soon after the last getting-ready visit"),
    "S-READY": ("tsemppikäyntien väliin aikaa löytää työpaikka", "getting-ready visits far enough apart to find a workplace"),
    "S-START": ("starttikäyntien väliin muutama päivä aikaa miettiä", "start visits a few days apart, with time to think between them"),
    "S-WP-WEEK": ("työharjoittelu alkaa viikon ensimmäisenä työpäivänä", "work practice starts on a week's first working day"),
    "S-WP-ORDER": ("ensimmäinen käynti työpaikalla pian, verkostoneuvottelu alkupuolella, viimeinen lopussa "
                   "työnantajan kanssa",
                   "first workplace visit soon, network meeting in the first half, last visit near the end with "
                   "the employer"),
    "S-SPREAD": ("työpaikkakäynnit tasaisesti harjoitteluviikoille", "practice visits spread over the practice weeks"),
    "S-OWN-CM": ("oma omaohjaaja soittaa; sijaisena aina sama", "the client's own case manager calls; one substitute if any"),
    "S-RHYTHM": ("jaksojen rytmi: tsemppivaihe, syventävä, päätös ja seurannat ajallaan",
                 "the phases' rhythm: getting-ready, deepening, final and follow-ups on time"),
    "S-LENGTH": ("prosessi ei veny yli tavoitekeston", "no process longer than its target length"),
    "S-MISSED-DAY": ("asiakas ei menetä ryhmäpäiviä poissaolon vuoksi", "no group days lost to a client's absence"),
    "S-OFFICE": ("käynnit toimipisteessä mieluummin kuin kuvapuheluna", "visits at the office rather than by video"),
    "S-LOAD": ("kunkin työntekijän kiireisin viikko mahdollisimman kevyt", "each person's busiest week as light as possible"),
}
# Why a staff member's day holds no work, in the weekly rosters and their legend.
DAY_OFF_WORDS = {
    "holiday": ("arkipyhä", "public holiday"), "closed": ("suljettu", "closed"),
    "absent": ("poissa", "away"), "day_off": ("ei työpäivä", "day off"),
}
WEEKDAY_WORDS = [("maanantai", "Monday"), ("tiistai", "Tuesday"), ("keskiviikko", "Wednesday"),
                 ("torstai", "Thursday"), ("perjantai", "Friday"), ("lauantai", "Saturday"), ("sunnuntai", "Sunday")]
# A group's weekday pattern (Groups `weekdays`, R-START-2) in words.
PATTERN_WORDS = {"mon-thu": ("ma–to", "Mon–Thu"), "tue-fri": ("ti–pe", "Tue–Fri")}
WEEKDAY_SHORT = [("ma", "Mon"), ("ti", "Tue"), ("ke", "Wed"), ("to", "Thu"), ("pe", "Fri"), ("la", "Sat"),
                 ("su", "Sun")]
# What happened to an event between two plans (optimize diff, the Changes sheet).
CHANGE_WORDS = {"moved": ("siirtyi", "moved"), "added": ("lisätty", "added"), "removed": ("poistettu", "removed"),
                "reassigned": ("tekijä vaihtui", "reassigned")}
# What a change is for one person on it (optimize diff, the Changes sheet): a call handed from
# S05 to S03 is S05's loss and S03's gain.
CHANGE_ROLE_WORDS = {"gains": ("saa", "gains"), "loses": ("menettää", "loses"), "moves": ("siirtyy", "moves")}
# The figures of optimize compare; English is the key in words.
COMPARE_WORDS = {"group_start": ("ryhmä alkaa", "group start"),
                 "process_months": ("prosessin kesto (kk)", "process months"),
                 "busiest_week_hours": ("kiireisin viikko (h)", "busiest week hours"), "cost": ("kustannus", "cost")}
# Phases in the chart's legend: shorter than PHASE_WORDS.
CHART_PHASE_WORDS = {
    "start": ("aloitus", "start"), "ready": ("tsemppi", "getting ready"),
    "work_practice": ("työharjoittelu", "work practice"), "deep": ("syventävä", "deepening"),
    "final": ("päätös", "final"), "follow_up": ("seuranta", "follow-up"),
}
# The input template's drop-down choices: (Finnish, English) spellings, both of which the reader accepts.
CHOICE_WORDS = {
    "roles": (["omaohjaaja", "ryhmänohjaaja", "ryhmänohjaaja, omaohjaaja"],
              ["case_manager", "group_leader", "group_leader, case_manager"]),
    "work_days": (["ma-pe", "ma-to", "ti-pe", "ma-ke", "ke-pe"],
                  ["Mon-Fri", "Mon-Thu", "Tue-Fri", "Mon-Wed", "Wed-Fri"]),
    "weekdays": (["ma-to", "ti-pe"], ["Mon-Thu", "Tue-Fri"]),
    "wp_weekdays": (["ma-pe", "ma-to", "ti-pe", "ma-ke"], ["Mon-Fri", "Mon-Thu", "Tue-Fri", "Mon-Wed"]),
    "yes_no": (["kyllä", "ei"], ["yes", "no"]),
    "language": (["fi", "sv"], ["fi", "sv"]),
    "absence_reason": (["loma", "sairaus", "koulutus"], ["holiday", "illness", "training"]),
}
# The template's choice lists by name: the Choices sheet's headers.
CHOICE_TITLES = {"roles": ("roolit", "roles"), "work_days": ("työpäivät", "work days"),
                 "weekdays": ("ryhmän viikonpäivät", "group weekdays"),
                 "wp_weekdays": ("harjoittelun viikonpäivät", "practice weekdays"), "yes_no": ("kyllä/ei", "yes/no"),
                 "language": ("kieli", "language"), "absence_reason": ("poissaolon syy", "absence reason")}
# One line on every column of the input (and of the Fixed sheet, the Events columns): the
# template's instructions and the input message on each header cell. (sheet key, column key) ->
# (Finnish, English); an input message holds at most 255 characters.
COLUMN_HELP: dict[tuple[str, str], tuple[str, str]] = {
    ("settings", "key"): ("Asetuksen nimi: suunnittelu_alkaa, suunnittelu_päättyy, aikaraja_s tai palvelukuvaus.",
                          "The setting's name: plan_start, plan_end, time_limit_s or service_model."),
    ("settings", "value"): ("Asetuksen arvo: päivämäärä, sekunnit tai palvelukuvaustiedoston nimi.",
                            "The setting's value: a date, seconds or the service model file's name."),
    ("staff", "staff_id"): ("Työntekijän lyhyt tunnus, esim. S01. Näkyy suunnitelmassa nimen sijaan.",
                            "The staff member's short id, e.g. S01. The plan shows it instead of the name."),
    ("staff", "name"): ("Nimi, vain omaa viikkolistaa varten (vapaaehtoinen).",
                        "Name, only for the person's own weekly roster (optional)."),
    ("staff", "roles"): ("omaohjaaja, ryhmänohjaaja tai molemmat pilkulla eroteltuina.",
                         "case_manager, group_leader or both, comma-separated."),
    ("staff", "work_days"): ("Viikonpäivät, joina henkilö on töissä, esim. ma-pe tai ma, ke, pe. Tyhjä = ma-pe.",
                             "The weekdays the person works, e.g. Mon-Fri or Mon, Wed, Fri. Empty = Mon-Fri."),
    ("staff", "max_clients"): ("Montako asiakasta hänellä voi olla omaohjaajana yhtä aikaa. Tyhjä = ei rajaa.",
                               "How many clients the person may case-manage at once. Empty = no limit."),
    ("staff", "day_minutes"): ("Työminuutit päivässä (esim. 450 = 7,5 h). Tyhjä = palvelukuvauksen oletus.",
                               "Working minutes a day (e.g. 450 = 7.5 h). Empty = the service model's default."),
    ("staff", "site"): ("Toimipiste, jossa henkilö työskentelee (vapaaehtoinen).",
                        "The site where the person works (optional)."),
    ("groups", "group_id"): ("Ryhmän lyhyt tunnus, esim. T27-1.", "The group's short id, e.g. T27-1."),
    ("groups", "max_size"): ("Enintään näin monta asiakasta (6–10). Tyhjä = 10.",
                             "At most this many clients (6-10). Empty = 10."),
    ("groups", "start_earliest"): ("Ensimmäinen päivä, jona aloitusjakson ryhmäpäivät voivat alkaa.",
                                   "The first day the start period's group days may begin."),
    ("groups", "start_latest"): ("Viimeinen päivä, jona ryhmä voi alkaa. Tyhjä = 4 viikkoa aikaisimmasta.",
                                 "The last day the group may start. Empty = 4 weeks after the earliest."),
    ("groups", "weekdays"): ("Ryhmäpäivät ma-to tai ti-pe; tyhjä = kumpi tahansa.",
                             "Group days Mon-Thu or Tue-Fri; empty = either."),
    ("groups", "leaders"): ("Ryhmänohjaajien tunnukset Henkilöstö-välilehdeltä, pilkuin eroteltuina.",
                            "The group leaders' ids from the Staff sheet, comma-separated."),
    ("groups", "leaders_needed"): ("Montako ohjaajista on oltava paikalla joka ryhmäpäivä. Tyhjä = kaikki.",
                                   "How many of the leaders must run each group day. Empty = all of them."),
    ("groups", "language"): ("Ryhmän kieli: fi tai sv. Tyhjä = fi.", "The group's language: fi or sv. Empty = fi."),
    ("groups", "room"): ("Ryhmätila. Ryhmät, joilla on sama tila, eivät kokoonnu samana päivänä.",
                         "The group room. Groups with the same room never meet on the same day."),
    ("groups", "postpone"): ("kyllä = aloitus siirretään ikkunan jälkeen (vain vähimmäiskokoa pienempi ryhmä).",
                             "yes = postpone the start past the window (only a group below its minimum size)."),
    ("groups", "site"): ("Toimipiste, jossa ryhmä kokoontuu (vapaaehtoinen).",
                         "The site where the group meets (optional)."),
    ("clients", "client_id"): ("Asiakkaan pseudonyymi, esim. A101. Ei nimeä eikä henkilötunnusta.",
                               "The client's pseudonym, e.g. A101. No name, no identity code."),
    ("clients", "group_id"): ("Asiakkaan ryhmä Ryhmät-välilehdeltä (valitse listasta).",
                              "The client's group from the Groups sheet (pick from the list)."),
    ("clients", "decision_date"): ("Kelan päätöksen päivä.", "The date of Kela's decision."),
    ("clients", "case_manager"): ("Omaohjaajan tunnus Henkilöstö-välilehdeltä. Tyhjä = työkalu valitsee.",
                                  "The case manager's id from the Staff sheet. Empty = the tool chooses."),
    ("clients", "clear_plan"): ("kyllä, jos asiakkaalla on selvä suunnitelma (lyhyempi polku, R-DEEP-2).",
                                "yes if the client has a clear plan (a shorter path, R-DEEP-2)."),
    ("clients", "start_visits"): ("Starttikäyntien määrä (1–5). Tyhjä = oletus.",
                                  "Number of start visits (1-5). Empty = the default."),
    ("clients", "ready_visits"): ("Tsemppikäyntien määrä (3–7). Tyhjä = oletus.",
                                  "Number of getting-ready visits (3-7). Empty = the default."),
    ("clients", "wp_visits"): ("Työharjoittelun aikaisten käyntien määrä (8–12). Tyhjä = oletus.",
                               "Number of work-practice visits (8-12). Empty = the default."),
    ("clients", "wp_days"): ("Työharjoittelupäivien määrä (50–70). Tyhjä = oletus.",
                             "Number of work-practice days (50-70). Empty = the default."),
    ("clients", "follow_up_visits"): ("Seurantakäyntien määrä (1–2). Tyhjä = 2.",
                                      "Number of follow-up visits (1-2). Empty = 2."),
    ("clients", "wp_start"): ("Työnantajan kanssa sovittu harjoittelun alkupäivä. Tyhjä = työkalu valitsee.",
                              "The practice start agreed with the employer. Empty = the tool chooses."),
    ("clients", "lunch"): ("Miten asiakkaan ruokailu harjoittelussa järjestetään (R-WP-5), esim. työpaikan ruokala.",
                           "How the client's lunch is arranged during practice (R-WP-5), e.g. the staff canteen."),
    ("clients", "wp_short_reason"): ("Peruste, jos harjoittelu on alle 50 päivää (R-WP-2).",
                                     "The reason if the practice is under 50 days (R-WP-2)."),
    ("clients", "wp_weekdays"): ("Osa-aikaisen harjoittelun päivät, esim. ma-to. Tyhjä = ma-pe.",
                                 "Part-time practice weekdays, e.g. Mon-Thu. Empty = Mon-Fri."),
    ("clients", "attends_final"): ("kyllä = selvän suunnitelman asiakas tulee päätösjaksolle (R-DEEP-2).",
                                   "yes = a clear-plan client joins the final period (R-DEEP-2)."),
    ("clients", "language"): ("Asiakkaan kieli: fi tai sv. Tyhjä = ryhmän kieli.",
                              "The client's language: fi or sv. Empty = the group's."),
    ("absences", "person"): ("Työntekijän tai asiakkaan tunnus (valitse listasta tai kirjoita).",
                             "A staff member's or a client's id (pick from the list or type it)."),
    ("absences", "start"): ("Poissaolon ensimmäinen päivä, tai koko väli: 1.7.2027–31.7.2027.",
                            "The absence's first day, or the whole range: 1.7.2027–31.7.2027."),
    ("absences", "end"): ("Poissaolon viimeinen päivä (mukaan lukien). Tyhjä, jos alkaa-solussa on väli.",
                          "The absence's last day (included). Empty if the start cell holds a range."),
    ("absences", "reason"): ("Syy, esim. loma, sairaus, koulutus. Asiakkaan sairaus lasketaan (R-WP-6).",
                             "The reason, e.g. holiday, illness, training. A client's illness counts (R-WP-6)."),
    ("closed", "date"): ("Päivä, jona olette kiinni, tai väli: 27.12.2027–31.12.2027. Arkipyhät tulevat itse.",
                         "A day you are closed, or a range: 27.12.2027–31.12.2027. Public holidays come by themselves."),
    ("closed", "reason"): ("Miksi kiinni, esim. joulu.", "Why closed, e.g. Christmas."),
    ("weights", "rule"): ("Pehmeän säännön tunnus, esim. S-WP-GAP.", "A soft rule's id, e.g. S-WP-GAP."),
    ("weights", "weight"): ("Säännön paino tässä ajossa (kokonaisluku ≥ 0; 0 = ei merkitystä).",
                            "The rule's weight in this run (a whole number ≥ 0; 0 = does not matter)."),
    ("fixed", "date"): ("Tapahtuman päivä.", "The event's day."),
    ("fixed", "kind"): ("Tapahtuman koodi, esim. start_visit, wp_visit, group_day (kuten Tapahtumat-välilehdellä).",
                        "The event's code, e.g. start_visit, wp_visit, group_day (as on the Events sheet)."),
    ("fixed", "phase"): ("Jakson koodi: start, ready, work_practice, deep, final tai follow_up.",
                         "The phase code: start, ready, work_practice, deep, final or follow_up."),
    ("fixed", "group_id"): ("Ryhmän tunnus.", "The group's id."),
    ("fixed", "client_id"): ("Asiakkaan tunnus; tyhjä ryhmäpäivällä.", "The client's id; empty on a group day."),
    ("fixed", "staff_id"): ("Kuka tapahtuman tekee (ryhmäpäivänä ohjaajat pilkuin).",
                            "Who does it (on a group day the leaders, comma-separated)."),
    ("fixed", "mode"): ("Tapa: office, site, video, phone tai tyhjä.", "Mode: office, site, video, phone or empty."),
    ("fixed", "with_employer"): ("yes, jos työnantaja tavataan samalla.", "yes if the employer is met as well."),
    ("fixed", "network_meeting"): ("yes, jos käynti on verkostoneuvottelu.", "yes if the visit is the network meeting."),
    ("fixed", "substitute"): ("yes, jos tekijä on sijainen.", "yes if a substitute does it."),
    ("fixed", "note"): ("Vapaa huomautus.", "A free note."),
}
# `optimize --help` in the user's language (issue 15): "command" or "command --option" -> (Finnish,
# English); "optimize" is the tool itself, the "help_*" entries click's own words.
HELP_WORDS: dict[str, tuple[str, str]] = {
    "help_usage": ("Käyttö:", "Usage:"), "help_options": ("Valinnat", "Options"),
    "help_commands": ("Komennot", "Commands"), "help_options_metavar": ("[VALINNAT]", "[OPTIONS]"),
    "help_subcommand_metavar": ("KOMENTO [ARGUMENTIT]...", "COMMAND [ARGS]..."),
    "help_help": ("Näytä tämä ohje ja lopeta.", "Show this message and exit."),
    "optimize": ("Suunnittele Kelan Taito-kuntoutuksen kurssit: optimize ROSTER.xlsx [-o PLAN.xlsx]. Kieli: --lang "
                 "tai ympäristömuuttuja TAITO_LANG (fi tai en; oletus fi).",
                 "Plan Kela Taito rehabilitation courses: optimize ROSTER.xlsx [-o PLAN.xlsx]. Language: --lang or "
                 "the environment variable TAITO_LANG (fi or en; default fi)."),
    "optimize --version": ("Näytä versio ja palvelukuvaus ja lopeta.", "Show the version and the service model, then exit."),
    "plan": ("Suunnittele ROSTERin jokainen ryhmä ja asiakas ja kirjoita suunnitelmatyökirja.",
             "Plan every group and client of ROSTER and write the plan workbook."),
    "plan --output": ("Mihin suunnitelma kirjoitetaan (oletus: ROSTER-plan.xlsx syötteen viereen).",
                      "Where to write the plan (default: ROSTER-plan.xlsx beside the input)."),
    "plan --time-limit": ("Montako sekuntia ratkaisija saa etsiä (1–86400; oletus Asetukset-välilehdeltä tai 60).",
                          "Seconds the solver may search (1-86400; default from the Settings sheet or 60)."),
    "plan --lang": ("Suunnitelman ja viestien kieli (oletus fi tai TAITO_LANG).",
                    "Language of the plan and the messages (default fi, or TAITO_LANG)."),
    "plan --service-model": ("Palvelukuvaustiedosto (oletus: Asetukset-välilehden palvelukuvaus tai "
                             "models/taito-2021.toml).",
                             "Service model file (default: Settings service_model or models/taito-2021.toml)."),
    "plan --seed": ("Ratkaisijan satunnaissiemen (oletus {default}).", "Solver random seed (default {default})."),
    "plan --workers": ("Ratkaisijan säikeet (oletus {default}).", "Solver threads (default {default})."),
    "plan --log": ("Näytä ratkaisijan hakuloki.", "Show the solver's search log."),
    "plan --previous": ("Aiempi suunnitelma: suunnittele uudelleen siirtäen sen tapahtumia mahdollisimman vähän "
                        "(S-CHANGE), ja luettele siirtyneet Muutokset-välilehdellä.",
                        "The plan made before: re-plan moving as few of its events as possible (S-CHANGE), and "
                        "list what moved in a Changes sheet."),
    "plan --ics": ("Kirjoita myös kalenteritiedosto (iCalendar) jokaiselle työntekijälle tähän kansioon.",
                   "Also write one iCalendar file per staff member into this directory."),
    "plan --explain": ("Luettele suunnitelman jokainen pehmeän säännön kustannus: kuka, milloin, paljonko ja miksi "
                       "(myös Tarkistukset-välilehdellä).",
                       "List every soft-rule cost of the plan with who, when, how much and why (also in Checks)."),
    "plan --deterministic": ("Sama syöte ja siemen, sama suunnitelma joka ajolla: säikeet vuorotellen, aikaraja "
                             "ratkaisijan omina työyksikköinä (paranee hitaammin; ks. README).",
                             "Same input and seed, same plan in every run: solver threads in fixed turns, the time "
                             "limit counted in the solver's own work units (slower to improve; see the README)."),
    "diff": ("Luettele jokainen tapahtuma, joka siirtyi, lisättiin, poistettiin tai vaihtoi tekijää suunnitelmasta "
             "OLD suunnitelmaan NEW, työntekijöittäin, ja kirjoita sama Muutokset-työkirjaksi.",
             "List every event that moved, was added, removed or reassigned from plan OLD to plan NEW, grouped by "
             "staff member, and write the same as a Changes workbook."),
    "diff --output": ("Mihin Muutokset-työkirja kirjoitetaan (oletus: NEW-changes.xlsx NEW:n viereen).",
                      "Where to write the Changes workbook (default: NEW-changes.xlsx beside NEW)."),
    "diff --lang": ("Kieli (oletus fi tai TAITO_LANG).", "Language (default fi, or TAITO_LANG)."),
    "compare": ("Suunnittele kaksi syötteen vaihtoehtoa (esim. kaksi lomajärjestelyä) ja vertaa niitä rinnakkain: "
                "ryhmien aloitukset, prosessien kestot, kunkin kiireisin viikko ja pehmeiden sääntöjen kustannukset.",
                "Plan two input variants (e.g. two holiday arrangements) and compare them side by side: group "
                "starts, process lengths, each person's busiest week and each soft rule's cost."),
    "compare --output": ("Mihin vertailu kirjoitetaan (oletus: A-vs-B.xlsx A:n viereen).",
                         "Where to write the comparison (default: A-vs-B.xlsx beside A)."),
    "compare --time-limit": ("Montako sekuntia ratkaisija saa etsiä kummallekin vaihtoehdolle.",
                             "Seconds the solver may search, per variant."),
    "compare --lang": ("Kieli (oletus fi tai TAITO_LANG).", "Language (default fi, or TAITO_LANG)."),
    "compare --seed": ("Ratkaisijan satunnaissiemen (oletus {default}).", "Solver random seed (default {default})."),
    "template": ("Kirjoita tyhjä syötetyökirja (ohjeet, otsikot, pudotusvalikot, esimerkkirivi) polkuun PATH.",
                 "Write a blank input workbook (instructions, headers, drop-downs, an example row) to PATH."),
    "template --lang": ("Pohjan kieli (oletus fi tai TAITO_LANG).", "Language of the template (default fi, or "
                        "TAITO_LANG)."),
    "template --example": ("Täytä pohja esimerkkisyötteellä.", "Fill the template with the example roster."),
    "export": ("Kirjoita olemassa oleva suunnitelma PLAN uudelleen suunnittelematta: koko työkirja (kumpi kieli "
               "tahansa) ja kalenteritiedostot tapahtuma tapahtumalta, tarkistettuna ensin.",
               "Write an existing PLAN of ROSTER again, without planning again: the whole workbook (either "
               "language) and calendar files, event for event, checked first."),
    "export --output": ("Mihin työkirja kirjoitetaan (oletus: PLAN-KIELI.xlsx PLANin viereen, esim. "
                        "roster-plan-en.xlsx).",
                        "Where to write the workbook (default: PLAN-LANG.xlsx beside PLAN, e.g. roster-plan-en.xlsx)."),
    "export --lang": ("Työkirjan ja viestien kieli (oletus fi tai TAITO_LANG).",
                      "Language of the workbook and the messages (default fi, or TAITO_LANG)."),
    "export --service-model": ("Palvelukuvaustiedosto.", "Service model file."),
    "export --ics": ("Kirjoita myös kalenteritiedosto (iCalendar) jokaiselle työntekijälle tähän kansioon.",
                     "Also write one iCalendar file per staff member into this directory."),
    "check": ("Tarkista suunnitelma PLAN (optimoijan tai käsin tehty) jokaista ROSTERin sääntöä vasten.",
              "Check PLAN (the optimizer's or one made by hand) against every rule for ROSTER."),
    "check --lang": ("Kieli (oletus fi tai TAITO_LANG).", "Language (default fi, or TAITO_LANG)."),
    "check --service-model": ("Palvelukuvaustiedosto.", "Service model file."),
    "check --previous": ("Suunnitelma, josta PLAN suunniteltiin uudelleen: sen tapahtumat ennen suunnitelman alkua "
                         "ovat tehtyjä (lukittuja).",
                         "The plan PLAN was re-planned from: its events before the plan's start are done (pinned)."),
}
# The template's example rows' other words: an absence's and a closed day's reason.
EXAMPLE_WORDS = {"holiday": ("loma", "holiday"), "Christmas": ("joulu", "Christmas")}


def weekday_names(days: frozenset[int] | set[int]) -> dict[str, str]:
    """Weekdays (0 = Monday) as a message's values `weekdays_fi` ("ma, ti, ke") and
    `weekdays_en` ("Mon, Tue, Wed"): a part-time client's practice days (R-WP-2)."""
    ordered = sorted(days)
    return {"weekdays_fi": ", ".join(WEEKDAY_SHORT[d][0] for d in ordered),
            "weekdays_en": ", ".join(WEEKDAY_SHORT[d][1] for d in ordered)}


def pick(pair: tuple[T, T], lang: str) -> T:
    """The Finnish or the English one of a (Finnish, English) pair of a word table."""
    return pair[0] if lang == "fi" else pair[1]


def columns(sheet: str, lang: str) -> list[str]:
    """The column headers of `sheet` (a key of COLUMN_WORDS) in `lang`."""
    return [pick(pair, lang) for pair in COLUMN_WORDS[sheet]]


# The words of each coded column of the plan (Events, Periods, Checks): code -> (Finnish, English).
CODE_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "kind": KIND_WORDS, "phase": PHASE_WORDS, "mode": MODE_WORDS, "status": CHECK_STATUS_WORDS,
    "yes_no": {"yes": ("kyllä", "yes"), "no": ("ei", "no")},
}


def code_word(column: str, code: object, lang: str) -> str:
    """A code of the plan's column `column` (a key of CODE_WORDS) in words; "" for an empty cell."""
    if code is None or code == "":
        return ""
    return pick(CODE_WORDS[column].get(str(code), (str(code), str(code))), lang)


def yes_no(flag: bool, lang: str = "en") -> str:
    if lang == "fi":
        return "kyllä" if flag else "ei"
    return "yes" if flag else "no"


def describe(e: Event, lang: str) -> str:
    """An event in plain words, e.g. "A012 työpaikkakäynti, työpaikalla, työnantaja mukana"."""
    k = 0 if lang == "fi" else 1
    words = KIND_WORDS.get(e.kind, (e.kind, e.kind))[k]
    extra = [] if e.kind == "phone_call" else [MODE_WORDS.get(e.mode or "", ("", ""))[k]]  # a call is by phone
    if e.kind == "group_day":
        extra.append(PHASE_WORDS.get(e.phase, (e.phase, e.phase))[k])
    extra += [pair[k] for flag, pair in FLAG_WORDS.items() if getattr(e, flag)]
    if e.kind in DUE_KINDS:  # a deadline in the roster of the person who writes it
        extra.append(("määräpäivä", "due")[k])
    details = ", ".join(x for x in extra if x)
    return f"{e.client_id or e.group_id} {words}" + (f", {details}" if details else "")


STATUS_WORDS = {
    "optimal": ("optimaalinen", "optimal"),
    "feasible": ("käypä", "feasible"),
    "infeasible": ("mahdoton", "infeasible"),
    "broken": ("rikkoo sääntöjä", "breaks rules"),  # an exported plan (optimize export)
    "unknown": ("ei suunnitelmaa aikarajassa", "no plan within the time limit"),
}


class Msg(NamedTuple):
    """A message not yet written in a language: its catalogue key and the values it names.

    The one shape of every reason, finding and diagnosis line that is said later in the user's
    language: why no plan exists (pre-checks, the model's construction), a diagnosis and its
    suggested changes, a cost's cause. A Msg among another message's values is written in the
    same language as that message."""

    key: str
    info: dict[str, object]

    def text(self, lang: str = "fi") -> str:
        return t(self.key, lang, **self.info)


def count(n: object, one: str, many: str) -> str:
    """A count with its noun in the right number: "1 päivä", "2 päivää", "1 day", "2 days".

    The one place where counts meet nouns: catalogue messages say it as `{n:~päivä/päivää}`
    (`t` fills it in through this function), code that builds a count itself calls it."""
    number = n if isinstance(n, int) else int(n) if isinstance(n, str) and n.strip().lstrip("-").isdigit() else None
    return f"{n} {one if number in (1, -1) else many}"


class _Formatter(string.Formatter):
    """str.format with one more spec: `{n:~one/many}` is `count(n, "one", "many")`."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("~"):
            one, _, many = format_spec[1:].partition("/")
            return count(value, one, many or one)
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def t(key: str, lang: str = "fi", **kwargs: object) -> str:
    """The message `key` in `lang`, with dates written the Finnish way in Finnish and counts
    with their nouns in the right number (`{n:~päivä/päivää}`, see `count`)."""
    fi, en = _MESSAGES[key]
    template = fi if lang == "fi" else en

    def shown(k: str, v: object) -> object:
        if isinstance(v, Msg):
            return t(v.key, lang, **v.info)
        if k == "value" and isinstance(v, str) and len(v) > MAX_SHOWN:  # a cell's 32,767 characters
            return v[:MAX_SHOWN - 1] + "…"
        return fmt_date(v, lang) if isinstance(v, date) else v

    return _FORMATTER.vformat(template, (), {k: shown(k, v) for k, v in kwargs.items()})


MAX_SHOWN = 80  # characters of a cell's value repeated in a message


def fmt_date(d: date, lang: str = "fi") -> str:
    return f"{d.day}.{d.month}.{d.year}" if lang == "fi" else d.isoformat()


def fmt_number(x: float, lang: str = "fi", digits: int = 1) -> str:
    """A number rounded to `digits` decimals, with no trailing zero decimals: "9,5" in Finnish
    (decimal comma), "9.5" in English; 9.0 is "9"."""
    text = f"{round(x, digits):.{digits}f}".rstrip("0").rstrip(".") if digits else f"{round(x):d}"
    text = "0" if text == "-0" else text
    return text.replace(".", ",") if lang == "fi" else text


def fmt_span(a: date, b: date, lang: str = "fi") -> str:
    """Dates a..b in short: "14.6.–9.7.2027", "1.1.2027–31.12.2029" across years (English:
    "2027-06-14–2027-07-09"); one day as a date."""
    if a == b:
        return fmt_date(a, lang)
    if lang != "fi":
        return f"{a.isoformat()}–{b.isoformat()}"
    return f"{a.day}.{a.month}.–{fmt_date(b, lang)}" if a.year == b.year else f"{fmt_date(a, lang)}–{fmt_date(b, lang)}"


def fmt_percent(share: float | None, lang: str = "fi") -> str:
    """A share as per cent with one decimal, "61,8 %" in Finnish; "-" when there is none."""
    return f"{fmt_number(100 * share, lang, 1)} %" if share is not None else "-"


def fmt_gap(gap: float | None, lang: str = "fi") -> str:
    """A gap to the bound, (objective - bound) / objective, as per cent rounded up to one decimal:
    the best plan may be that much cheaper at most, so 1.526 % is "1,6 %", never "1,5 %". The
    same figure everywhere the run shows it (console, Summary, verdict); "-" when there is none."""
    if gap is None:
        return "-"
    return f"{fmt_number(math.ceil(round(1000 * gap, 6)) / 10, lang, 1)} %"


def status_word(status: str, lang: str) -> str:
    fi, en = STATUS_WORDS.get(status, (status, status))
    return fi if lang == "fi" else en
