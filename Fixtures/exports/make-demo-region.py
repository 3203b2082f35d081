#!/usr/bin/env python3
"""Writes demo-region.xml and the who-is-who tables of README.md from the lists below.

The demo region is small enough to check by hand: every household and advert is listed here
with the facts that matter for eligibility and ranking. Rerun after editing:
    python3 Fixtures/exports/make-demo-region.py
"""
import gzip, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
PEILDATUM = "2026-11-25"
MUNI = {"0344": "Utrecht", "0356": "Nieuwegein", "0321": "Houten"}

# Dwellings: id, gemeente, corporatie, rooms, rekenhuur, brutohuur, doelgroep, label, criteria
# criteria: (soort, toepassing, lower, upper)
DWELLINGS = [
    ("E01", "0344", "MIT", 1, "478.20", "531.00", "JON", "DAE", [("LEE", "SEL", None, "23")]),
    ("E02", "0344", "MIT", 2, "612.50", "668.10", None, "DAE", []),
    ("E03", "0344", "POR", 3, "701.30", "759.90", None, "DAE", []),
    ("E04", "0344", "POR", 4, "781.60", "842.00", "GEZ", "DAE", [("PER", "SEL", "3", None)]),
    ("E05", "0344", "POR", 2, "655.00", "712.40", "SEN", "DAE", [("LEE", "SEL", "65", None)]),
    ("E06", "0344", "MIT", 3, "690.75", "741.00", None, "DAE", []),
    ("E07", "0344", "MIT", 2, "598.00", "640.00", None, "DAE", []),
    ("E08", "0356", "JUT", 3, "720.40", "780.15", None, "DAE", []),
    ("E09", "0356", "JUT", 4, "759.00", "815.00", "GEZ", "DAE", [("PER", "SEL", "3", None)]),
    ("E10", "0356", "JUT", 2, "640.10", "699.00", "SEN", "DAE", [("LEE", "SEL", "55", None)]),
    ("E11", "0356", "JUT", 3, "1045.00", "1110.00", None, "NDA", []),
    ("E12", "0356", "JUT", 2, "585.30", "630.00", None, "DAE", []),
    ("E13", "0321", "VIV", 3, "695.00", "748.00", None, "DAE", []),
    ("E14", "0321", "VIV", 2, "620.00", "671.50", None, "DAE", []),
    ("E15", "0321", "VIV", 4, "812.90", "870.00", "GEZ", "DAE", [("PER", "SEL", "4", None)]),
    ("E16", "0321", "VIV", 3, "705.00", "760.00", None, "DAE", []),
]

# Where each dwelling lies: CBS wijk and buurt of its municipality, and its complex (VERA's
# cluster of soort MAR). Utrecht's E02, E05 and E07 share a buurt, as do all five of Nieuwegein's
# and all four of Houten's: a spreading cap per buurt (spreiding-per-buurt.toml) bites there.
AREAS = {
    "E01": ("WK034401", "BU03440101", "LOM-1"),
    "E02": ("WK034403", "BU03440301", "KAN-2"),
    "E03": ("WK034403", "BU03440302", "KAN-7"),
    "E04": ("WK034403", "BU03440302", "KAN-7"),
    "E05": ("WK034403", "BU03440301", "KAN-3"),
    "E06": ("WK034403", "BU03440302", "KAN-9"),
    "E07": ("WK034403", "BU03440301", "KAN-2"),
    "E08": ("WK035601", "BU03560102", "BAT-1"),
    "E09": ("WK035601", "BU03560102", "BAT-1"),
    "E10": ("WK035601", "BU03560102", "BAT-4"),
    "E11": ("WK035601", "BU03560102", "BAT-5"),
    "E12": ("WK035601", "BU03560102", "BAT-4"),
    "E13": ("WK032102", "BU03210201", "CAS-1"),
    "E14": ("WK032102", "BU03210201", "CAS-1"),
    "E15": ("WK032102", "BU03210201", "CAS-2"),
    "E16": ("WK032102", "BU03210201", "CAS-2"),
}

# Adverts: id, dwelling, model, begindatum, einddatum, extra (relatie for DIS, reservering)
ADVERTS = [
    ("P01", "E01", "AAN", "2026-11-04", "2026-11-18", {}),
    ("P02", "E02", "AAN", "2026-11-04", "2026-11-18", {}),
    ("P03", "E03", "AAN", "2026-11-05", "2026-11-19", {"reservering": "aandachtsgroepen"}),
    ("P04", "E04", "AAN", "2026-11-05", "2026-11-19", {}),
    ("P05", "E05", "AAN", "2026-11-06", "2026-11-20", {}),
    ("P06", "E06", "AAN", "2026-11-06", "2026-11-20", {}),
    ("P07", "E07", "LOT", "2026-11-07", "2026-11-21", {}),
    ("P08", "E08", "AAN", "2026-11-04", "2026-11-18", {}),
    ("P09", "E09", "AAN", "2026-11-05", "2026-11-19", {"reservering": "aandachtsgroepen"}),
    ("P10", "E10", "AAN", "2026-11-06", "2026-11-20", {}),
    ("P11", "E11", "AAN", "2026-11-06", "2026-11-20", {}),
    ("P12", "E12", "AAN", "2026-11-07", "2026-11-21", {}),
    ("P13", "E13", "AAN", "2026-11-04", "2026-11-18", {}),
    ("P14", "E14", "AAN", "2026-11-05", "2026-11-19", {}),
    ("P15", "E15", "AAN", "2026-11-06", "2026-11-20", {}),
    ("P16", "E16", "DIS", "2026-11-07", "2026-11-21", {"relatie": "H48"}),
]

# Households: id, gemeente, registration, members [(birth, income)], priorities
# priority: (id, soort, detailSoort, begindatum, einddatum or None, [scope gemeenten])
H = [
    ("H01", "0344", "2012-03-14", [("1958-02-11", "31200.00")], []),
    ("H02", "0344", "2016-09-01", [("1990-07-23", "38900.00"), ("1992-01-05", "21500.00")], []),
    ("H03", "0344", "2019-05-20", [("2004-10-02", "14800.00")], []),
    ("H04", "0344", "2021-01-11", [("2005-06-30", "9600.00")], []),
    ("H05", "0344", "2014-11-30", [("1984-04-17", "27300.00"), ("1986-08-08", "0.00"), ("2015-03-03", None), ("2018-12-12", None)], []),
    ("H06", "0344", "2010-06-15", [("1952-09-19", "24100.00"), ("1955-01-27", "8300.00")], []),
    ("H07", "0344", "2023-02-01", [("1979-12-01", "22000.00"), ("2010-05-05", None), ("2013-07-07", None)],
        [("V07", "URG", "STA", "2026-06-01", "2027-06-01", [])]),
    ("H08", "0344", "2018-08-08", [("1995-03-15", "52400.00")], []),
    ("H09", "0344", "2020-04-04", [("1988-11-11", "19800.00"), ("2016-01-20", None)],
        [("V09", "URG", "SOC", "2026-03-10", "2027-03-10", [])]),
    ("H10", "0344", "2013-07-19", [("1961-05-05", "41200.00"), ("1963-02-14", "17800.00")], []),
    ("H11", "0344", "2024-10-10", [("1998-06-06", "0.00")],
        [("V11", "URG", "DAK", "2026-08-01", None, ["0344"])]),
    ("H12", "0344", "2017-12-12", [("1975-10-10", "33000.00"), ("1977-03-03", "25000.00"), ("2008-08-08", None), ("2011-11-11", None), ("2014-04-14", None)], []),
    ("H13", "0344", "2022-06-06", [("2003-02-02", "16500.00")], []),
    ("H14", "0344", "2011-01-03", [("1949-04-04", "19500.00")],
        [("V14", "URG", "MED", "2025-12-01", "2026-12-01", [])]),
    ("H15", "0344", "2015-05-05", [("1982-09-09", "46000.00"), ("1983-10-10", "14000.00"), ("2012-12-12", None)], []),
    ("H16", "0344", "2025-03-03", [("2000-01-01", "12000.00")],
        [("V16", "URG", "UIT", "2026-09-15", "2027-03-15", [])]),
    ("H17", "0344", "2019-09-19", [("1993-08-18", "29400.00")], []),
    ("H18", "0344", "2012-12-01", [("1968-07-07", "36100.00"), ("1970-06-06", "0.00"), ("2006-06-06", "4000.00")], []),
    ("H19", "0344", "2026-01-15", [("1985-05-15", "18000.00"), ("1987-07-17", "0.00"), ("2019-09-09", None), ("2021-10-10", None)],
        [("V19", "URG", "STA", "2026-04-01", "2027-04-01", [])]),
    ("H20", "0344", "2014-04-01", [("1957-03-30", "58000.00")], []),
    ("H21", "0356", "2013-02-20", [("1959-08-08", "23900.00")], []),
    ("H22", "0356", "2016-03-03", [("1987-02-02", "35500.00"), ("1989-09-29", "18700.00"), ("2017-07-01", None)], []),
    ("H23", "0356", "2020-10-10", [("1999-12-24", "26100.00")], []),
    ("H24", "0356", "2012-05-05", [("1950-01-15", "21000.00"), ("1951-11-11", "9000.00")],
        [("V24", "URG", "MED", "2026-02-01", "2027-02-01", ["0356"])]),
    ("H25", "0356", "2018-01-18", [("1981-06-16", "31800.00"), ("1983-03-13", "12400.00"), ("2009-09-09", None), ("2012-02-12", None)], []),
    ("H26", "0356", "2022-11-22", [("1996-04-04", "0.00")],
        [("V26", "URG", "DAK", "2026-05-01", "2026-10-31", [])]),
    ("H27", "0356", "2015-08-15", [("1972-02-22", "44800.00"), ("1974-04-24", "19000.00"), ("2007-07-07", "6000.00"), ("2010-10-10", None)], []),
    ("H28", "0356", "2011-11-11", [("1955-05-25", "26700.00")], []),
    ("H29", "0356", "2021-07-07", [("1994-09-09", "21200.00"), ("2020-02-20", None)],
        [("V29", "URG", "SOC", "2026-07-01", "2027-07-01", [])]),
    ("H30", "0356", "2017-04-17", [("1990-10-30", "49800.00"), ("1991-12-31", "12500.00")], []),
    ("H31", "0356", "2024-02-29", [("1978-08-28", "15500.00"), ("1980-03-18", "0.00"), ("2009-04-04", None), ("2012-06-06", None), ("2016-08-08", None)],
        [("V31", "URG", "STA", "2026-01-10", "2027-01-10", [])]),
    ("H32", "0356", "2019-03-03", [("2002-05-05", "17900.00")], []),
    ("H33", "0356", "2010-10-01", [("1946-06-06", "22800.00"), ("1948-08-18", "7100.00")], []),
    ("H34", "0321", "2014-09-09", [("1966-06-16", "39900.00"), ("1968-12-08", "21000.00")], []),
    ("H35", "0321", "2018-06-18", [("1992-11-21", "28800.00")], []),
    ("H36", "0321", "2016-02-16", [("1985-01-31", "30500.00"), ("1986-02-28", "15500.00"), ("2014-05-15", None), ("2016-06-16", None)], []),
    ("H37", "0321", "2023-05-05", [("2001-07-07", "13900.00")],
        [("V37", "URG", "UIT", "2026-10-01", "2027-04-01", ["0321"])]),
    ("H38", "0321", "2012-08-28", [("1960-10-10", "27500.00")], []),
    ("H39", "0321", "2020-12-20", [("1997-03-27", "33800.00"), ("1998-05-25", "31000.00")], []),
    ("H40", "0321", "2013-03-13", [("1953-03-03", "20500.00")],
        [("V40", "URG", "MED", "2026-12-15", "2027-12-15", [])]),
    ("H41", "0321", "2021-09-21", [("1989-09-09", "24600.00"), ("2018-08-18", None), ("2020-10-20", None), ("2022-12-22", None)], []),
    ("H42", "0321", "2017-07-27", [("1979-07-17", "54900.00"), ("1980-08-08", "11000.00"), ("2011-01-11", None), ("2013-03-23", None)], []),
    ("H43", "0344", "2025-06-01", [("2006-01-09", "8200.00")], []),
    ("H44", "0344", "2013-10-13", [("1971-01-01", "26300.00"), ("2005-05-05", "7200.00")], []),
    ("H45", "0356", "2019-11-19", [("1983-04-04", "36400.00"), ("1984-05-05", "9800.00"), ("2015-07-07", None)], []),
    ("H46", "0344", "2024-04-24", [("1991-02-19", "0.00"), ("1993-06-23", "0.00"), ("2021-01-01", None)],
        [("V46", "URG", "STA", "2026-09-01", "2027-09-01", [])]),
    ("H47", "0321", "2011-05-05", [("1962-12-12", "30900.00")], []),
    ("H48", "0321", "2009-04-01", [("1964-04-04", "25500.00"), ("1966-06-06", "13000.00")],
        [("V48", "URG", "HUI", "2026-06-01", "2027-06-01", ["0321"])]),
]

# Reactions: household -> adverts in preference order (voorkeur 1, 2, ...)
REACTIONS = {
    "H01": ["P05", "P10", "P02"], "H02": ["P03", "P06", "P08", "P13"], "H03": ["P01", "P07", "P12"],
    "H04": ["P01", "P07"], "H05": ["P04", "P09", "P03", "P06"], "H06": ["P05", "P10", "P14"],
    "H07": ["P04", "P03", "P09", "P06", "P08"], "H08": ["P02", "P07", "P03"], "H09": ["P02", "P07", "P12", "P03"],
    "H10": ["P05", "P10", "P06"], "H11": ["P07", "P02", "P01", "P12"], "H12": ["P04", "P09", "P15"],
    "H13": ["P01", "P07", "P02"], "H14": ["P05", "P10", "P02"], "H15": ["P06", "P03", "P08", "P16"],
    "H16": ["P01", "P07", "P12", "P02"], "H17": ["P02", "P07", "P12", "P14"], "H18": ["P04", "P06", "P03", "P09"],
    "H19": ["P04", "P09", "P15", "P03"], "H20": ["P05", "P02", "P10"], "H21": ["P10", "P12", "P05"],
    "H22": ["P08", "P09", "P03", "P13"], "H23": ["P12", "P07", "P08"], "H24": ["P10", "P05", "P14"],
    "H25": ["P09", "P04", "P15", "P08"], "H26": ["P12", "P07", "P02"], "H27": ["P09", "P15", "P04"],
    "H28": ["P10", "P12", "P14"], "H29": ["P08", "P12", "P03", "P13"], "H30": ["P11", "P08", "P13"],
    "H31": ["P09", "P04", "P15", "P08"], "H32": ["P12", "P07", "P01"], "H33": ["P10", "P05", "P14"],
    "H34": ["P13", "P16", "P14", "P11"], "H35": ["P14", "P13", "P07"], "H36": ["P15", "P09", "P13", "P04"],
    "H37": ["P14", "P13", "P12"], "H38": ["P14", "P10", "P13"], "H39": ["P13", "P11", "P14"],
    "H40": ["P14", "P05", "P10"], "H41": ["P15", "P13", "P09"], "H42": ["P15", "P11", "P13"],
    "H43": ["P01", "P07"], "H44": ["P06", "P03", "P08", "P13"], "H45": ["P08", "P13", "P03", "P16"],
    "H46": ["P03", "P06", "P13", "P08"], "H47": ["P14", "P10", "P13"], "H48": ["P16"],
}

def reaction_dates(advert_start, hid, i):
    # Deterministic, within the window: a few days after opening.
    rnd = random.Random(f"{hid}-{i}")
    y, m, d = map(int, advert_start.split("-"))
    return f"{y:04d}-{m:02d}-{d + rnd.randint(0, 9):02d}"

def crit_xml(c):
    soort, toep, lo, hi = c
    attrs = f'soort="{soort}" toepassing="{toep}"'
    if lo: attrs += f' aantalOndergrens="{lo}"'
    if hi: attrs += f' aantalBovengrens="{hi}"'
    return f"<Eenheidcriterium {attrs}/>"

def main():
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<Woonruimteverdeling versie="1.0" peildatum="{PEILDATUM}" regio="Demo Utrecht-Zuid">',
           "  <Eenheden>"]
    for i, (eid, g, corp, rooms, rent, gross, dg, label, crits) in enumerate(DWELLINGS):
        if i % 4 == 3:
            # Child-element style, with {code, naam} pairs as VERA carries them.
            out.append("    <Eenheid>")
            out.append(f"      <id>{eid}</id>")
            out.append(f'      <gemeente code="{g}" naam="{MUNI[g]}"/>')
            out.append(f"      <corporatie>{corp}</corporatie>")
            out.append(f"      <kamersAantal>{rooms}</kamersAantal>")
            out.append(f"      <rekenhuur>{rent}</rekenhuur>")
            out.append(f"      <brutohuur>{gross}</brutohuur>")
            if dg: out.append(f'      <doelgroep code="{dg}"/>')
            out.append(f'      <maatschappelijkLabel code="{label}"/>')
            wijk, buurt, cluster = AREAS[eid]
            out.append(f'      <wijk code="{wijk}"/>')
            out.append(f'      <buurt code="{buurt}"/>')
            out.append(f"      <cluster>{cluster}</cluster>")
            for c in crits: out.append("      " + crit_xml(c))
            out.append("    </Eenheid>")
        else:
            dga = f' doelgroep="{dg}"' if dg else ""
            head = (f'    <Eenheid id="{eid}" gemeente="{g}" corporatie="{corp}" kamersAantal="{rooms}" '
                    f'rekenhuur="{rent}" brutohuur="{gross}"{dga} maatschappelijkLabel="{label}" '
                    f'wijk="{AREAS[eid][0]}" buurt="{AREAS[eid][1]}" cluster="{AREAS[eid][2]}"')
            if crits:
                out.append(head + ">")
                for c in crits: out.append("      " + crit_xml(c))
                out.append("    </Eenheid>")
            else:
                out.append(head + "/>")
    out.append("  </Eenheden>")
    out.append("  <Publicaties>")
    for pid, eid, model, b, e, extra in ADVERTS:
        ex = "".join(f' {k}="{v}"' for k, v in extra.items())
        out.append(f'    <Publicatie id="{pid}" model="{model}" begindatum="{b}" einddatum="{e}" eenheid="{eid}"{ex}/>')
    out.append("  </Publicaties>")
    out.append("  <Relaties>")
    for hid, g, reg, members, prios in H:
        out.append(f'    <Relatie id="{hid}" gemeente="{g}">')
        out.append(f'      <Inschrijving begindatum="{reg}"/>')
        for birth, income in members:
            if income is None:
                out.append(f'      <Lid geboortedatum="{birth}"/>')
            else:
                out.append(f'      <Lid geboortedatum="{birth}"><Inkomen soort="BRU" bedrag="{income}" jaar="2025"/></Lid>')
        for vid, soort, detail, b, e, scope in prios:
            ea = f' einddatum="{e}"' if e else ""
            if scope:
                out.append(f'      <Voorrangsregeling id="{vid}" soort="{soort}" detailSoort="{detail}" begindatum="{b}"{ea}>')
                for s in scope: out.append(f"        <gemeente>{s}</gemeente>")
                out.append("      </Voorrangsregeling>")
            else:
                out.append(f'      <Voorrangsregeling id="{vid}" soort="{soort}" detailSoort="{detail}" begindatum="{b}"{ea}/>')
        out.append("    </Relatie>")
    out.append("  </Relaties>")
    out.append("  <Reacties>")
    starts = {a[0]: a[3] for a in ADVERTS}
    count = 0
    for hid, prefs in REACTIONS.items():
        for i, pid in enumerate(prefs):
            out.append(f'    <Reactie relatie="{hid}" publicatie="{pid}" datum="{reaction_dates(starts[pid], hid, i)}" voorkeur="{i + 1}"/>')
            count += 1
    out.append("  </Reacties>")
    out.append("</Woonruimteverdeling>")
    text = ("\n".join(out) + "\n").encode("utf-8")
    with open(os.path.join(HERE, "demo-region.xml"), "wb") as f:
        f.write(text)
    # The same export compressed, as corporations often ship it (mtime 0: same bytes every run).
    with open(os.path.join(HERE, "demo-region.xml.gz"), "wb") as f:
        f.write(gzip.compress(text, compresslevel=9, mtime=0))
    print(f"{len(DWELLINGS)} dwellings, {len(ADVERTS)} adverts, {len(H)} households, {count} reactions")

def age(birth, on=PEILDATUM):
    by, bm, bd = map(int, birth.split("-")); y, m, d = map(int, on.split("-"))
    return y - by - ((m, d) < (bm, bd))

def readme():
    """Who is who: the facts a reader needs to follow the allocation by hand."""
    o = ["# The demo region", "",
         "`demo-region.xml` is a small, realistic batch for three municipalities south of Utrecht, made",
         "to be followed by hand: every household and advert is listed below with what eligibility and",
         "ranking look at. It is written by `make-demo-region.py` (which also writes this page and the",
         "gzip copy); edit the lists there and rerun it rather than editing the XML.", "",
         "Its VERA JSON twin, `Fixtures/vera/demo-region/`, is the same batch as the pages of VERA's",
         "list endpoints (`thuis convert --export demo-region.xml --vera-out ...` writes it; a test checks",
         "that it is current and that both allocate byte-identically).", "",
         f"Peildatum (reference date) {PEILDATUM}. Municipalities: " + ", ".join(f"{k} {v}" for k, v in MUNI.items()) + ".",
         "Corporations: MIT and POR (Utrecht), JUT (Nieuwegein), VIV (Houten).",
         "Every dwelling names its CBS wijk and buurt and its complex (`cluster`); no stadsdelen.",
         "Some dwellings are written with child elements and `{code, naam}` pairs instead of",
         "attributes (E04, E08, E12, E16), as real exports mix both styles.", "",
         "## Adverts and dwellings", "",
         "| advert | model | window | dwelling | gemeente | buurt | corp. | complex | rooms | rekenhuur | doelgroep | label | rules | notes |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    dw = {d[0]: d for d in DWELLINGS}
    for pid, eid, model, b, e, extra in ADVERTS:
        d = dw[eid]
        rules = ", ".join(f"{c[0]} {c[1]} " + (f">= {c[2]}" if c[2] else "") + (f"<= {c[3]}" if c[3] else "") for c in d[8]) or "-"
        notes = "; ".join(f"{k} {v}" for k, v in extra.items()) or ""
        o.append(f"| {pid} | {model} | {b[5:]}..{e[5:]} | {eid} | {MUNI[d[1]]} | {AREAS[eid][1]} | {d[2]} | {AREAS[eid][2]} | {d[3]} | {d[4]} | {d[6] or '-'} | {d[7]} | {rules} | {notes} |")
    o += ["", "## Households", "",
          "Ages are on the peildatum; income is the adults' 2025 gross income added up (children's",
          "incomes do not count; a member of 18 or over is an adult).", "",
          "| household | gemeente | registered | persons | adults | ages | income | priority (validity, scope) | reacts to, most wanted first |",
          "|---|---|---|---|---|---|---|---|---|"]
    for hid, g, reg, members, prios in H:
        ages = [age(b) for b, _ in members]
        adults = [m for m in members if age(m[0]) >= 18]
        income = sum(float(i or 0) for _, i in adults)
        pr = "; ".join(f"{v[1]}/{v[2]} {v[3]}..{v[4] or 'open'}" + (f" in {','.join(MUNI[x] for x in v[5])}" if v[5] else "") for v in prios) or "-"
        o.append(f"| {hid} | {MUNI[g]} | {reg} | {len(members)} | {len(adults)} | {', '.join(map(str, ages))} | {income:,.2f} | {pr} | {' '.join(REACTIONS.get(hid, []))} |")
    o += ["", "Things to notice:", "",
          "- V26 (H26, homeless) ended on 2026-10-31 and V40 (H40, medical) starts on 2026-12-15: neither is",
          "  valid on the peildatum. V11 holds in Utrecht only, V24 in Nieuwegein only, V37 and V48 in Houten only.",
          "- H08 (52,400), H20 (58,000), H30 and H42 earn above the 2026 DAEB limits (51,537 single, 56,910",
          "  multi-person); several low-income households react to dwellings above the aftoppingsgrens.",
          "- P07 is a lottery advert; P16 is a direct allocation to H48 (rehousing for renovation), though",
          "  three other households react to it too; P03 and P09 carry the reserve label `aandachtsgroepen`.",
          "- E11 (P11) is a non-DAEB dwelling at 1,045.00, above the 2026 rent ceiling.", ""]
    # Everything from the marker on is written by hand (the worked allocation): keep it.
    path = os.path.join(HERE, "README.md")
    kept = ""
    if os.path.exists(path):
        text = open(path).read()
        if MARKER in text:
            kept = text[text.index(MARKER):]
    with open(path, "w") as f:
        f.write("\n".join(o) + ("\n" + kept if kept else ""))

MARKER = "<!-- Written by hand from here on; make-demo-region.py keeps it. -->"

if __name__ == "__main__":
    main()
    readme()
