#!/usr/bin/env python3
"""What does a 30% floor for aandachtsgroepen do to regular seekers? From a compare folder.

Reads the tidy measures.csv that `thuis compare` writes (one row per scenario, market, seed,
group and measure), averages each market over its lottery seeds, and gives the mean over the
markets with a 95% Student-t interval: the same figures as the folder's groups.csv.

    thuis compare --profile region --markets 5 --seeds 5 \\
        --policy Fixtures/policies/wachttijd-zonder-quotum.toml \\
        --policy Fixtures/policies/wachttijd-met-quotum.toml --out compare-30
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pandas scipy
    /tmp/venv/bin/python Documentation/examples/thirty-percent.py compare-30
"""
import sys

import pandas as pd
from scipy import stats


def summarise(folder):
    measures = pd.read_csv(f"{folder}/measures.csv", dtype={"municipality": str})
    # The region's rows (measures.csv also has each municipality's and corporation's).
    measures = measures[(measures["municipality"] == "region") & (measures["corporation"] == "all")]
    # Each market's mean over its seeds: the market is the replication.
    per_market = measures.groupby(["scenario", "group", "measure", "market"], sort=False)["value"].mean().reset_index()
    rows = []
    for (scenario, group, measure), values in per_market.groupby(["scenario", "group", "measure"], sort=False)["value"]:
        n = len(values)
        mean = values.mean()
        half = stats.t.ppf(0.975, n - 1) * values.std(ddof=1) / n ** 0.5 if n > 1 else 0.0
        low, high = mean - half, mean + half
        if measure in ("share", "success_rate"):
            low, high = max(0.0, low), min(1.0, high)
        rows.append(dict(scenario=scenario, group=group, measure=measure, n=n, mean=mean, low=max(0.0, low), high=high))
    return pd.DataFrame(rows)


def main(folder):
    table = summarise(folder)
    scenarios = list(dict.fromkeys(table["scenario"]))
    pick = lambda s, g, m: table[(table.scenario == s) & (table.group == g) & (table.measure == m)].iloc[0]
    for label, group, measure in [("share of lettings to aandachtsgroepen", "aandachtsgroepen", "share"),
                                  ("success rate of aandachtsgroepen", "aandachtsgroepen", "success_rate"),
                                  ("success rate of regular seekers", "regular", "success_rate")]:
        cells = []
        for s in scenarios:
            r = pick(s, group, measure)
            cells.append(f"{s}: {r['mean']:.2%} ({r['low']:.2%}-{r['high']:.2%}, n = {r['n']})")
        print(f"{label}: " + "  ->  ".join(cells))
    a, b = (pick(s, "regular", "lettings")["mean"] for s in scenarios)
    print(f"lettings to regular seekers: {a:,.1f} -> {b:,.1f} ({b - a:+,.1f})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "compare-30")
