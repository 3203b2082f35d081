"""Checks Thuis's time to housing against lifelines, an independent Kaplan-Meier implementation.

For each simulated year folder given (written by `thuis simulate`), it refits every area and group
of time-to-housing.csv from the households in households.csv with lifelines' KaplanMeierFitter
(late entry, censoring) and compares the 25%, 50% and 75% quantiles, their 95% log-log intervals
(lifelines' exponential Greenwood band, inverted) and the restricted mean to the stated horizon.
Exit status 1 on any difference.
"""
import sys

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter


def days(q, curve):
    """The first time lifelines' curve (or band) is at most q, as Thuis writes it (empty: never).

    lifelines' own qth_survival_times compares exactly, and its survival is a sum of logarithms
    exponentiated: a step that is 3/4 exactly comes out as 0.7500000000000001 and misses q = 0.75.
    Both sides therefore compare to within 1e-9.
    """
    values = curve.iloc[:, 0].to_numpy()
    reached = np.nonzero(values <= q + 1e-9)[0]
    return int(round(curve.index[reached[0]])) if len(reached) else None


def cell(value):
    return None if pd.isna(value) else int(value)


def restricted_mean(curve, horizon):
    """The area under lifelines' curve from 0 to the horizon.

    lifelines' restricted_mean_survival_time integrates from the first time in its timeline, which
    is not 0 when no one entered at 0 (the area before it, where S = 1, is left out); the
    restricted mean is the area from 0, so the curve is read from 0 here.
    """
    times = [0.0] + [t for t in curve.index if t <= horizon] + [float(horizon)]
    values = [1.0] + [float(v) for t, v in zip(curve.index, curve.iloc[:, 0]) if t <= horizon]
    return sum((b - a) * v for a, b, v in zip(times, times[1:], values))


def check(folder):
    households = pd.read_csv(f"{folder}/households.csv", dtype={"municipality": str})
    households["group_list"] = households["groups"].str.split(";")
    table = pd.read_csv(f"{folder}/time-to-housing.csv", dtype={"municipality": str})
    problems, compared = [], 0
    for row in table.itertuples():
        chosen = households[households["group_list"].apply(lambda groups: row.group in groups)]
        if row.municipality != "region":
            chosen = chosen[chosen["municipality"] == row.municipality]
        # The curve is identified up to its first gap (after some exit no one is at risk, yet
        # others enter later): fit lifelines on the households observed up to there.
        entries, exits = np.sort(chosen["entry_days"].to_numpy()), np.sort(chosen["exit_days"].to_numpy())
        times = sorted(set(chosen["exit_days"]))
        gaps = [t for t in times[:-1] if np.searchsorted(entries, t, side="right") == np.searchsorted(exits, t, side="right")]
        end = gaps[0] if gaps else times[-1]
        compared += 1
        if end != row.identified_until_days:
            problems.append(f"{folder}: {row.municipality} {row.group}: identified until {row.identified_until_days} days, lifelines' data {end}")
            continue
        observed = chosen[chosen["entry_days"] < end].copy()
        observed.loc[observed["exit_days"] > end, "housed"] = 0
        observed["exit_days"] = observed["exit_days"].clip(upper=end)
        kmf = KaplanMeierFitter()
        kmf.fit(observed["exit_days"], event_observed=observed["housed"], entry=observed["entry_days"])
        expected = {"households": len(chosen), "housed": int(chosen["housed"].sum())}
        for name, p in [("p25", 0.25), ("median", 0.5), ("p75", 0.75)]:
            expected[f"{name}_days"] = days(1 - p, kmf.survival_function_)
            expected[f"{name}_low"] = days(1 - p, kmf.confidence_interval_.iloc[:, [0]])
            expected[f"{name}_high"] = days(1 - p, kmf.confidence_interval_.iloc[:, [1]])
        rmst = restricted_mean(kmf.survival_function_, row.horizon_days) if not gaps or row.horizon_days <= end else None
        for key, value in expected.items():
            got = cell(getattr(row, key))
            if got != value:
                problems.append(f"{folder}: {row.municipality} {row.group} {key}: thuis {got}, lifelines {value}")
        if (rmst is None) != pd.isna(row.restricted_mean_days) or (rmst is not None and abs(rmst - row.restricted_mean_days) > 0.006):
            problems.append(f"{folder}: {row.municipality} {row.group} restricted mean: thuis {row.restricted_mean_days}, lifelines {rmst}")
    return problems, compared


def main():
    problems, compared = [], 0
    for folder in sys.argv[1:]:
        found, n = check(folder)
        problems += found
        compared += n
    for p in problems[:50]:
        print(p)
    print(f"survival check: {compared} curves in {len(sys.argv) - 1} simulated year(s), {len(problems)} difference(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
