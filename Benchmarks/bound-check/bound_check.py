#!/usr/bin/env python3
"""Cross-checks the `bound` column of a Thuis quota-report.csv against OR-Tools.

For every floor row with a shortfall, rebuilds from the output folder's own files the graph
Thuis's FloorBound solves: the group's households (eligible reactions, `groups` column of
candidates.csv) against the scope's open adverts (allocations.csv `how` ranking, lottery or
unlet), households housed by a direct allocation left out, caps relaxed. OR-Tools solves it
independently: SimpleMaxFlow for a floor counted in households, SimpleMinCostFlow (maximum
weight) for one counted in persons. The bound is the period's earlier lettings to the group
(summary.json yearToDate) plus the direct lettings to it in scope plus that optimum.

    bound_check.py OUT        exit 0 when every bound agrees, 1 otherwise
"""
import csv
import json
import sys
from collections import defaultdict

from ortools.graph.python import max_flow, min_cost_flow


def scope_of(row, scope):
    return scope == "region" or scope == f"municipality {row['municipality']}" or scope == f"corporation {row['corporation']}"


def main(out):
    with open(f"{out}/allocations.csv", newline="") as f:
        adverts = list(csv.DictReader(f))
    with open(f"{out}/quota-report.csv", newline="") as f:
        quotas = list(csv.DictReader(f))
    with open(f"{out}/summary.json") as f:
        summary = json.load(f)
    housed_directly = {a["household_id"] for a in adverts if a["how"] == "direct"}
    by_id = {a["advert_id"]: a for a in adverts}
    reactions = defaultdict(list)  # advert -> (household, groups, persons)
    with open(f"{out}/candidates.csv", newline="") as f:
        for c in csv.DictReader(f):
            if c["eligible"] == "true":
                reactions[c["advert_id"]].append((c["household_id"], set(filter(None, c["groups"].split(";"))), int(c["persons"])))

    failures = 0
    rows = [q for q in quotas if q["kind"] == "floor" and int(q["shortfall"]) > 0]
    for q in rows:
        group, scope, persons = q["group"], q["scope"], q["unit"] == "persons"
        value = scope.split(" ", 1)[1] if " " in scope else scope
        so_far = next((r["group"] for r in (summary.get("yearToDate") or {}).get(q["quota"], []) if r["scope"] == value), 0)
        direct = sum(int(a["persons"]) if persons else 1 for a in adverts
                     if a["how"] == "direct" and scope_of(a, scope) and group in a["groups"].split(";"))
        open_adverts = [a["advert_id"] for a in adverts if a["how"] in ("ranking", "lottery", "unlet") and scope_of(a, scope)]
        households, weight, edges = {}, {}, []
        for advert in open_adverts:
            for household, groups, size in reactions[advert]:
                if group in groups and household not in housed_directly:
                    households.setdefault(household, len(households))
                    weight[household] = size if persons else 1
                    edges.append((household, advert))
        column = {a: i for i, a in enumerate(open_adverts)}
        source, sink = len(households) + len(open_adverts), len(households) + len(open_adverts) + 1
        h_node = lambda h: households[h]
        a_node = lambda a: len(households) + column[a]
        if persons:
            flow = min_cost_flow.SimpleMinCostFlow()
            for h, i in households.items():
                flow.add_arc_with_capacity_and_unit_cost(source, i, 1, -weight[h])
            for h, a in edges:
                flow.add_arc_with_capacity_and_unit_cost(h_node(h), a_node(a), 1, 0)
            for a in open_adverts:
                flow.add_arc_with_capacity_and_unit_cost(a_node(a), sink, 1, 0)
            # Any number of households may stay unmatched: a free arc from source to sink.
            n = len(households)
            flow.add_arc_with_capacity_and_unit_cost(source, sink, n, 0)
            flow.set_node_supply(source, n)
            flow.set_node_supply(sink, -n)
            assert flow.solve() == flow.OPTIMAL
            optimum = -flow.optimal_cost()
        else:
            flow = max_flow.SimpleMaxFlow()
            for h, i in households.items():
                flow.add_arc_with_capacity(source, i, 1)
            for h, a in edges:
                flow.add_arc_with_capacity(h_node(h), a_node(a), 1)
            for a in open_adverts:
                flow.add_arc_with_capacity(a_node(a), sink, 1)
            assert flow.solve(source, sink) == flow.OPTIMAL
            optimum = flow.optimal_flow()
        expected = so_far + direct + optimum
        ok = q["bound"] != "" and int(q["bound"]) == expected
        failures += not ok
        print(f"{q['quota']:<24} {scope:<22} target {q['target']:>6} achieved {q['achieved']:>6} "
              f"bound {q['bound'] or '-':>6} OR-Tools {expected:>6} "
              f"({len(households)} households, {len(open_adverts)} adverts, {len(edges)} reactions) {'ok' if ok else 'DIFFERS'}")
    print(f"{len(rows) - failures} of {len(rows)} bounds agree with OR-Tools")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
