"""Deferred acceptance in Thuis against the Python `matching` library (HospitalResident).

Reads what `thuis-matching-comparison` wrote: preferences.json (households' adverts, most wanted
first; adverts' households, best placed first; capacity 1 each) and thuis-matching.json (advert
-> household, Thuis's household-proposing deferred acceptance without caps). Solves the same
game resident-optimally with `matching`, checks that both give the same matching, and prints
the time of the library's solve (the median of RUNS) beside Thuis's.

    python compare.py OUTDIR THUIS_SECONDS [RUNS]
"""
import json
import statistics
import sys
import threading
import time

from matching.games import HospitalResident


def main() -> int:
    folder, thuis_seconds = sys.argv[1], float(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    with open(f"{folder}/preferences.json") as f:
        lists = json.load(f)
    with open(f"{folder}/thuis-matching.json") as f:
        thuis = json.load(f)

    solve_times, build_times, found = [], [], None
    for _ in range(runs):
        started = time.perf_counter()
        game = HospitalResident.create_from_dictionaries(lists["residents"], lists["hospitals"], lists["capacities"])
        built = time.perf_counter()
        solution = game.solve(optimal="resident")
        solved = time.perf_counter()
        build_times.append(built - started)
        solve_times.append(solved - built)
        found = {str(h): str(rs[0]) for h, rs in solution.items() if rs}

    same = found == thuis
    python_seconds = statistics.median(solve_times)
    households = len(lists["residents"])
    adverts = len(lists["hospitals"])
    reactions = sum(len(v) for v in lists["residents"].values())
    print(f"market: {households} households, {adverts} adverts, {reactions} eligible reactions; "
          f"matched: thuis {len(thuis)}, matching {len(found)}")
    print(f"matching {game.__class__.__name__}.solve(optimal='resident'): median {python_seconds:.3f} s "
          f"of {runs} (building the game: {statistics.median(build_times):.3f} s more)")
    print(f"thuis deferred acceptance: {thuis_seconds * 1000:.3f} ms")
    print(f"same matching: {'yes' if same else 'NO'}")
    if not same:
        differing = sorted(a for a in set(found) | set(thuis) if found.get(a) != thuis.get(a))
        print(f"  {len(differing)} adverts differ, e.g. {differing[:5]}")
    print(f"da_ratio {python_seconds / thuis_seconds:.0f}")
    return 0 if same else 1


if __name__ == "__main__":
    # The library deep-copies its graph of players (each holds the others it ranks): that
    # recursion needs a deep stack on a market of thousands of households.
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 29)
    result = []
    worker = threading.Thread(target=lambda: result.append(main()))
    worker.start()
    worker.join()
    sys.exit(result[0] if result else 2)
