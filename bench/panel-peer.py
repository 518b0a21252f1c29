#!/usr/bin/env python3
"""The straightforward peer of dyad's panel: the same dyad-year panel computed row by row with Python's
standard library only, from the same normalised tables (exported by bench/panel.ts as CSV).

usage: panel-peer.py TABLE_DIR OUT.csv
Prints one JSON line: rows, seconds, peak RSS in MiB.
"""
import csv
import itertools
import json
import resource
import sys
import time
from collections import defaultdict


def rows(folder, name):
    with open(f"{folder}/{name}.csv", newline="") as f:
        yield from csv.DictReader(f)


def num(v):
    return None if v in ("", None) else float(v)


def main(folder, out):
    t0 = time.time()
    countries = {r["code"] for r in rows(folder, "entities") if r["kind"] == "country"}
    present, spans = set(), []

    # UN agreement: per roll call, every pair of members that voted.
    rc_year = {r["rcid"]: int(r["year"]) for r in rows(folder, "un_roll_calls")}
    spans.append((min(rc_year.values()), max(rc_year.values())))
    by_rc = defaultdict(list)
    for r in rows(folder, "un_votes"):
        by_rc[r["rcid"]].append((r["country"], r["vote"]))
        present.add(r["country"])
    both, agreed = defaultdict(int), defaultdict(int)
    for rcid, votes in by_rc.items():
        y = rc_year[rcid]
        for (ca, va), (cb, vb) in itertools.combinations(votes, 2):
            both[(ca, cb, y)] += 1
            both[(cb, ca, y)] += 1
            if va == vb:
                agreed[(ca, cb, y)] += 1
                agreed[(cb, ca, y)] += 1

    ideal, ip_years = {}, []
    for r in rows(folder, "un_ideal_points"):
        ideal[(r["country"], int(r["year"]))] = num(r["ideal_point"])
        present.add(r["country"])
        ip_years.append(int(r["year"]))
    spans.append((min(ip_years), max(ip_years)))

    tiv, tiv_in, arms_years = defaultdict(float), defaultdict(float), []
    for r in rows(folder, "arms_transfers"):
        y, v = int(r["year"]), num(r["tiv"]) or 0.0
        arms_years.append(y)
        if r["recipient"]:
            tiv_in[(r["recipient"], y)] += v
            if r["supplier"]:
                tiv[(r["supplier"], r["recipient"], y)] += v
        for side in ("supplier", "recipient"):
            if r[f"{side}_kind"] == "country":
                present.add(r[side])
    arms_lo, arms_hi = min(arms_years), max(arms_years)
    spans.append((arms_lo, arms_hi))

    fuels = ["pipeline_gas", "lng", "oil", "coal"]
    cell, total, exporters, importers, e_years = defaultdict(float), defaultdict(float), set(), set(), []
    for r in rows(folder, "energy_trade"):
        if not r["exporter"] or not r["importer"]:
            continue
        f = "oil" if r["fuel"].startswith("oil_") else r["fuel"]
        y, v = int(r["year"]), float(r["value"])
        e_years.append(y)
        cell[(f, r["exporter"], r["importer"], y)] += v
        if r["exporter"] == "WLD" and r["importer"] != "WLD":
            total[(f, r["importer"], y)] += v
        if r["exporter"] != "WLD":
            exporters.add((f, r["exporter"], y))
        if r["importer"] != "WLD":
            importers.add((f, r["importer"], y))
        for side in ("exporter", "importer"):
            if r[f"{side}_kind"] == "country":
                present.add(r[side])
    spans.append((min(e_years), max(e_years)))

    pc, pop = {}, {}
    for r in rows(folder, "wdi_values"):
        key = (r["country"], int(r["year"]))
        (pc if r["series"] == "NY.GDP.PCAP.CD" else pop)[key] = float(r["value"])
        present.add(r["country"])
    spans.append((min(y for _, y in pc), max(y for _, y in pc)))
    gdp = {k: v * pop[k] for k, v in pc.items() if k in pop}

    geo = {}
    for r in rows(folder, "geo_dyads"):
        geo[(r["a"], r["b"])] = (num(r["dist"]), num(r["contig"]))
        present.add(r["a"])

    codes = sorted(countries & present)
    lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
    n = 0
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            ["a", "b", "year", "un_agreement", "un_roll_calls_both_voted", "un_idealpoint_distance", "arms_tiv",
             "arms_supplier_share"]
            + [c for fu in fuels for c in (f"energy_{fu}", f"energy_{fu}_share")]
            + ["macro_gdp_a", "macro_gdp_b", "geo_distance", "geo_contiguity"]
        )
        for a in codes:
            for b in codes:
                if a == b:
                    continue
                dist, contig = geo.get((a, b), (None, None))
                for y in range(lo, hi + 1):
                    bv = both.get((a, b, y))
                    ia, ib = ideal.get((a, y)), ideal.get((b, y))
                    t_in = tiv_in.get((b, y))
                    t = tiv.get((a, b, y), 0.0)
                    energy = []
                    for fu in fuels:
                        if (fu, a, y) in exporters and (fu, b, y) in importers:
                            v = cell.get((fu, a, b, y), 0.0)
                            tot = total.get((fu, b, y))
                            energy += [v, v / tot if tot else None]
                        else:
                            energy += [None, None]
                    w.writerow(
                        [a, b, y,
                         agreed.get((a, b, y), 0) / bv if bv else None, bv,
                         abs(ia - ib) if ia is not None and ib is not None else None,
                         t if arms_lo <= y <= arms_hi else None,
                         t / t_in if t_in else None]
                        + energy
                        + [gdp.get((a, y)), gdp.get((b, y)), dist, contig]
                    )
                    n += 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": n, "seconds": round(time.time() - t0, 2), "peak_mib": round(peak)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
