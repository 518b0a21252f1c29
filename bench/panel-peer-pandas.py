#!/usr/bin/env python3
"""The vectorised peer of dyad's panel: the same columns as bench/panel-peer.py, computed with numpy and
pandas as a careful analyst writes them. Every country gets an integer position (codes sorted) and every
year an offset, so each source's figures are placed into preallocated arrays by integer position (no
merges on string keys); UN agreement comes from per-year vote matrices multiplied out, not a self-join.

usage: panel-peer-pandas.py TABLE_DIR OUT.csv|-
Reads the normalised tables bench/panel.ts exports as CSV. With OUT "-" the frame is built but not
written. Prints one JSON line: rows, seconds (build, write), CPU seconds (the build's also as user and system time:
the system part is the kernel's page faults for the arrays, which varies several-fold on a busy machine), peak
RSS in MiB.
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

FUELS = ["pipeline_gas", "lng", "oil", "coal"]


def cpu_split():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


def main(folder, out):
    t0, c0, (u0, s0) = time.time(), time.process_time(), cpu_split()
    read = lambda name, **kw: pd.read_csv(f"{folder}/{name}.csv", keep_default_na=False, na_values=[""], **kw)
    entities = read("entities", usecols=["code", "kind"])
    votes = read("un_votes", usecols=["rcid", "country", "vote"])
    calls = read("un_roll_calls", usecols=["rcid", "year"])
    ideal = read("un_ideal_points", usecols=["country", "year", "ideal_point"])
    arms = read("arms_transfers", usecols=["supplier", "recipient", "supplier_kind", "recipient_kind", "year", "tiv"])
    energy = read("energy_trade", usecols=["exporter", "importer", "exporter_kind", "importer_kind", "fuel", "year", "value"])
    wdi = read("wdi_values", usecols=["country", "series", "year", "value"])
    geo = read("geo_dyads", usecols=["a", "b", "dist", "contig"])

    energy = energy[energy.exporter.notna() & energy.importer.notna()]
    present = pd.concat([
        votes.country, ideal.country, wdi.country, geo.a,
        arms.supplier[arms.supplier_kind == "country"], arms.recipient[arms.recipient_kind == "country"],
        energy.exporter[energy.exporter_kind == "country"], energy.importer[energy.importer_kind == "country"],
    ]).unique()
    codes = np.sort(np.intersect1d(entities.code[entities.kind == "country"].to_numpy(dtype=str), present.astype(str)))
    n = len(codes)
    pos = pd.Series(np.arange(n), index=codes)
    spans = [(calls.year.min(), calls.year.max()), (ideal.year.min(), ideal.year.max()),
             (arms.year.min(), arms.year.max()), (energy.year.min(), energy.year.max())]
    pc = wdi[wdi.series == "NY.GDP.PCAP.CD"]
    spans.append((pc.year.min(), pc.year.max()))
    lo, hi = int(min(s[0] for s in spans)), int(max(s[1] for s in spans))
    ny = hi - lo + 1
    cells = n * n * ny

    def at(codes_series):
        return pos.reindex(codes_series.to_numpy()).to_numpy()

    def flat(ia, ib, y):
        return (ia * n + ib) * ny + (y - lo)

    col = {}
    # UN: per year, a country × roll-call matrix of votes; agreement and both-voted by matrix products.
    v = votes.merge(calls, on="rcid")
    v["c"] = at(v.country)
    v = v[~np.isnan(v.c)]
    both = np.zeros(cells)
    agreed = np.zeros(cells)
    for year, g in v.groupby("year"):
        rc = pd.factorize(g.rcid)[0]
        m = np.full((n, rc.max() + 1), np.nan)
        m[g.c.to_numpy(int), rc] = g.vote.to_numpy(float)
        voted = (~np.isnan(m)).astype(np.float32)
        b = voted @ voted.T
        a = np.zeros((n, n), dtype=np.float32)
        for value in np.unique(g.vote):
            e = (m == value).astype(np.float32)
            a += e @ e.T
        np.fill_diagonal(b, 0)
        both.reshape(n, n, ny)[:, :, year - lo] = b
        agreed.reshape(n, n, ny)[:, :, year - lo] = a
    with np.errstate(invalid="ignore", divide="ignore"):
        col["un_agreement"] = np.where(both > 0, agreed / both, np.nan)
    col["un_roll_calls_both_voted"] = np.where(both > 0, both, np.nan)

    ip = np.full((n, ny), np.nan)
    i = at(ideal.country)
    ok = ~np.isnan(i)
    ip[i[ok].astype(int), ideal.year.to_numpy()[ok] - lo] = ideal.ideal_point.to_numpy(float)[ok]
    col["un_idealpoint_distance"] = np.abs(ip[:, None, :] - ip[None, :, :]).ravel()

    # Arms: TIV summed per supplier, recipient and year; the recipient's total from every supplier.
    arms = arms.assign(tiv=arms.tiv.fillna(0.0))
    r = arms[arms.recipient.notna()]
    ir = at(r.recipient)
    tin = np.zeros((n, ny))
    ok = ~np.isnan(ir)
    np.add.at(tin, (ir[ok].astype(int), r.year.to_numpy()[ok] - lo), r.tiv.to_numpy()[ok])
    tin_any = np.zeros((n, ny), dtype=bool)
    tin_any[ir[ok].astype(int), r.year.to_numpy()[ok] - lo] = True
    s = r[r.supplier.notna()]
    ia, ib = at(s.supplier), at(s.recipient)
    ok = ~np.isnan(ia) & ~np.isnan(ib)
    tiv = np.zeros(cells)
    np.add.at(tiv, flat(ia[ok].astype(int), ib[ok].astype(int), s.year.to_numpy()[ok]), s.tiv.to_numpy()[ok])
    years = np.arange(lo, hi + 1)
    in_span = np.broadcast_to((years >= arms.year.min()) & (years <= arms.year.max()), (n, n, ny)).ravel()
    col["arms_tiv"] = np.where(in_span, tiv, np.nan)
    t_in = np.broadcast_to(np.where(tin_any & (tin != 0), tin, np.nan)[None, :, :], (n, n, ny)).ravel()
    col["arms_supplier_share"] = tiv / t_in

    # Energy: volume from A to B per fuel, and its share of B's imports of that fuel from the World.
    energy = energy.assign(f=np.where(energy.fuel.str.startswith("oil_"), "oil", energy.fuel))
    for fuel in FUELS:
        e = energy[energy.f == fuel]
        ex, im, y = at(e.exporter), at(e.importer), e.year.to_numpy() - lo
        exp_ok = np.zeros((n, ny), dtype=bool)
        k = (e.exporter != "WLD").to_numpy() & ~np.isnan(ex)
        exp_ok[ex[k].astype(int), y[k]] = True
        imp_ok = np.zeros((n, ny), dtype=bool)
        k = (e.importer != "WLD").to_numpy() & ~np.isnan(im)
        imp_ok[im[k].astype(int), y[k]] = True
        total = np.zeros((n, ny))
        k = (e.exporter == "WLD").to_numpy() & (e.importer != "WLD").to_numpy() & ~np.isnan(im)
        np.add.at(total, (im[k].astype(int), y[k]), e.value.to_numpy()[k])
        vol = np.zeros(cells)
        k = ~np.isnan(ex) & ~np.isnan(im)
        np.add.at(vol, flat(ex[k].astype(int), im[k].astype(int), e.year.to_numpy()[k]), e.value.to_numpy()[k])
        has = (exp_ok[:, None, :] & imp_ok[None, :, :]).ravel()
        tot = np.broadcast_to(np.where(total != 0, total, np.nan)[None, :, :], (n, n, ny)).ravel()
        col[f"energy_{fuel}"] = np.where(has, vol, np.nan)
        col[f"energy_{fuel}_share"] = np.where(has, vol / tot, np.nan)

    # GDP = GDP per capita × population, per country and year; joined for A and for B.
    w = wdi.pivot_table(index=["country", "year"], columns="series", values="value", aggfunc="first").reset_index()
    w = w[w["NY.GDP.PCAP.CD"].notna() & w["population_total"].notna()]
    g = np.full((n, ny), np.nan)
    i = at(w.country)
    ok = ~np.isnan(i) & (w.year >= lo).to_numpy() & (w.year <= hi).to_numpy()
    g[i[ok].astype(int), w.year.to_numpy()[ok] - lo] = (w["NY.GDP.PCAP.CD"] * w["population_total"]).to_numpy()[ok]
    col["macro_gdp_a"] = np.broadcast_to(g[:, None, :], (n, n, ny)).ravel()
    col["macro_gdp_b"] = np.broadcast_to(g[None, :, :], (n, n, ny)).ravel()

    # Geography: time-invariant, per ordered pair.
    dist = np.full((n, n), np.nan)
    contig = np.full((n, n), np.nan)
    ia, ib = at(geo.a), at(geo.b)
    ok = ~np.isnan(ia) & ~np.isnan(ib)
    dist[ia[ok].astype(int), ib[ok].astype(int)] = geo.dist.to_numpy(float)[ok]
    contig[ia[ok].astype(int), ib[ok].astype(int)] = geo.contig.to_numpy(float)[ok]
    col["geo_distance"] = np.repeat(dist.ravel(), ny)
    col["geo_contiguity"] = np.repeat(contig.ravel(), ny)

    # The frame: every ordered pair of distinct countries × every year, in (a, b, year) order already. The
    # rows are taken by integer position (a boolean mask over 4 M rows costs ~20× as much per column), into
    # one column-major block that pandas adopts as it is (a frame built from a dict of columns copies them
    # all once more to consolidate them).
    rows = np.flatnonzero(np.repeat((~np.eye(n, dtype=bool)).ravel(), ny))
    block = np.empty((len(rows), len(col)), order="F")
    for j, c in enumerate(col.values()):
        np.take(c, rows, out=block[:, j])
    frame = pd.DataFrame(block, columns=list(col), copy=False)
    frame.insert(0, "a", pd.Categorical.from_codes(rows // (n * ny), codes))
    frame.insert(1, "b", pd.Categorical.from_codes(rows // ny % n, codes))
    frame.insert(2, "year", years[rows % ny])
    built, built_cpu, (u1, s1) = time.time() - t0, time.process_time() - c0, cpu_split()
    if out != "-":
        frame.to_csv(out, index=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "rows": len(frame), "columns": len(frame.columns), "build_seconds": round(built, 2),
        "build_cpu": round(built_cpu, 2), "build_user": round(u1 - u0, 2), "build_sys": round(s1 - s0, 2),
        "seconds": round(time.time() - t0, 2),
        "cpu": round(time.process_time() - c0, 2), "peak_mib": round(peak),
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
