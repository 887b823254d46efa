#!/usr/bin/env python3
"""Sanity checks for the narcosim world data files (data/*.csv).

Usage: python3 tools/check_data.py [DATA_DIR] [--baseline PATH]

Checks: exact headers; file encoding/line endings/trailing spaces; node ids and
kinds (a coast names the country it belongs to); edge endpoints, modes and numeric ranges; edge graph connected and every
country reachable from COL; required (node, substance, figure) rows with exact
units; no duplicates; finite non-negative values (prices > 0, fractions <= 1);
every figure has a source ('assumption...' or a citation); rows copied from
baseline-data.csv rows marked `recalled` carry the 'recalled (unverified): '
prefix; DTO references, territories cover every country and XEU, and DTO
workers by home roughly match drug_trade_workers. Exit status 1 on failure.
"""
import csv
import math
import os
import re
import sys
from collections import defaultdict, deque

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(os.path.dirname(HERE), "data")
BASELINE = "/work/shared/data/baseline-data.csv"

args = [a for a in sys.argv[1:]]
if "--baseline" in args:
    i = args.index("--baseline")
    BASELINE = args[i + 1]
    del args[i:i + 2]
if args:
    DATA = args[0]

HEADERS = {
    "nodes.csv": ["id", "kind", "country", "name", "region", "lat", "lon", "source"],
    "edges.csv": ["from", "to", "mode", "distance_km", "cost_usd_per_kg", "transit_days", "source"],
    "figures.csv": ["node", "substance", "figure", "value", "unit", "source"],
    "dtos.csv": ["id", "name", "home", "territories", "substances", "workers", "capital_usd", "source"],
    "targets.csv": ["indicator", "country", "year", "value", "unit", "source"],
}
COUNTRIES = ["BLZ", "BOL", "BRA", "CAN", "COL", "CRI", "CUB", "DOM", "ECU", "SLV", "GTM", "HND",
             "JAM", "MEX", "NIC", "PAN", "PER", "USA", "URY", "VEN"]
CORRIDORS = ["eastern_pacific", "western_caribbean", "eastern_caribbean", "air_bridge", "atlantic",
             "west_africa"]
# Landfall coasts and territorial waters, each in its country's jurisdiction.
COASTS = {
    "COL_pacific": "COL", "COL_caribbean": "COL", "ECU_pacific": "ECU", "PER_pacific": "PER",
    "VEN_caribbean": "VEN", "PAN_pacific": "PAN", "PAN_caribbean": "PAN", "CRI_pacific": "CRI",
    "CRI_caribbean": "CRI", "NIC_pacific": "NIC", "NIC_caribbean": "NIC", "HND_pacific": "HND",
    "HND_caribbean": "HND", "SLV_pacific": "SLV", "GTM_pacific": "GTM", "GTM_caribbean": "GTM",
    "BLZ_caribbean": "BLZ", "MEX_pacific": "MEX", "MEX_gulf": "MEX", "MEX_yucatan": "MEX",
    "DOM_coast": "DOM", "JAM_coast": "JAM", "USA_puerto_rico": "USA", "USA_florida": "USA",
}
REGIONS = {"north_america", "central_america", "caribbean", "andean", "southern_cone", "corridor", "external"}
EXPECTED_REGION = {
    "MEX": "north_america", "USA": "north_america", "CAN": "north_america",
    "PAN": "central_america", "CRI": "central_america", "NIC": "central_america",
    "HND": "central_america", "SLV": "central_america", "GTM": "central_america",
    "BLZ": "central_america",
    "CUB": "caribbean", "DOM": "caribbean", "JAM": "caribbean",
    "COL": "andean", "PER": "andean", "BOL": "andean", "ECU": "andean", "VEN": "andean",
    "BRA": "southern_cone", "URY": "southern_cone",
}
SUBSTANCES = ["cocaine", "cannabis", "heroin"]
UNITS = {
    "population": "persons",
    "adult_share": "fraction",
    "interdiction_budget_usd": "usd_per_year",
    "eradication_budget_usd": "usd_per_year",
    "enforcement_budget_usd": "usd_per_year",
    "treatment_budget_usd": "usd_per_year",
    "legal_wage_usd_per_month": "usd_per_month",
    "drug_trade_workers": "persons",
    "homicide_rate_per_100k": "per_100k_per_year",
    "prisoners": "persons",
    "prison_capacity": "persons",
    "prison_pretrial_share": "fraction",
    "prison_drug_share": "fraction",
    "users_past_year": "persons",
    "heavy_user_share": "fraction",
    "price_retail_usd_per_g": "usd_per_g",
    "price_wholesale_usd_per_kg": "usd_per_kg",
    "cultivation_ha": "hectares",
    "eradication_ha_per_year": "hectares_per_year",
    "crop_yield_kg_per_ha": "kg_per_ha_per_year",
    "price_farmgate_usd_per_kg": "usd_per_kg_crop",
    "licit_income_usd_per_ha": "usd_per_ha_per_year",
    "crop_kg_per_kg_product": "kg_crop_per_kg_product",
    "retail_purity": "fraction",
    "seizures_kg": "kg_per_year",
    "land_entry_share": "fraction",
}
NODE_ALL = ["population", "adult_share", "interdiction_budget_usd", "eradication_budget_usd",
            "enforcement_budget_usd", "treatment_budget_usd", "legal_wage_usd_per_month",
            "drug_trade_workers", "homicide_rate_per_100k"]
PRISON = ["prisoners", "prison_capacity"]
PER_SUB = ["users_past_year", "heavy_user_share", "price_retail_usd_per_g", "price_wholesale_usd_per_kg"]
PROD_FIGS = ["cultivation_ha", "eradication_ha_per_year", "crop_yield_kg_per_ha",
             "price_farmgate_usd_per_kg", "licit_income_usd_per_ha", "crop_kg_per_kg_product"]
PRODUCERS = {
    "cocaine": ["COL", "PER", "BOL"],
    "heroin": ["MEX", "COL", "GTM"],
    "cannabis": ["MEX", "COL", "JAM", "USA", "CAN", "BRA"],
}
POSITIVE = {"price_retail_usd_per_g", "price_wholesale_usd_per_kg", "price_farmgate_usd_per_kg",
            "population", "adult_share", "legal_wage_usd_per_month", "crop_yield_kg_per_ha",
            "crop_kg_per_kg_product", "retail_purity"}
FRACTIONS = {"adult_share", "heavy_user_share", "retail_purity", "land_entry_share"}

errors = []


def err(msg):
    errors.append(msg)


def num(s, where):
    try:
        v = float(s)
    except (TypeError, ValueError):
        err(f"{where}: not a number: {s!r}")
        return None
    if not math.isfinite(v):
        err(f"{where}: not finite: {s!r}")
        return None
    return v


def load(name):
    path = os.path.join(DATA, name)
    if not os.path.exists(path):
        err(f"{name}: missing")
        return []
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(f"{name}: not UTF-8 ({e})")
        return []
    if raw.startswith(b"\xef\xbb\xbf"):
        err(f"{name}: has a UTF-8 BOM")
    if b"\r" in raw:
        err(f"{name}: contains CR characters (LF line endings required)")
    if not text.endswith("\n"):
        err(f"{name}: no final newline")
    for n, line in enumerate(text.split("\n"), 1):
        if line != line.rstrip(" \t"):
            err(f"{name}:{n}: trailing whitespace")
    rdr = csv.reader(text.splitlines())
    rows = list(rdr)
    if not rows or rows[0] != HEADERS[name]:
        err(f"{name}: header {rows[0] if rows else None} != {HEADERS[name]}")
        return []
    out = []
    for n, r in enumerate(rows[1:], 2):
        if len(r) != len(HEADERS[name]):
            err(f"{name}:{n}: {len(r)} fields, expected {len(HEADERS[name])}")
            continue
        for f, v in zip(HEADERS[name], r):
            if v != v.strip():
                err(f"{name}:{n}: field {f} has leading/trailing spaces")
        d = dict(zip(HEADERS[name], r))
        d["_line"] = n
        out.append(d)
    return out


def check_source(s, where):
    if not s.strip():
        err(f"{where}: empty source")
        return
    if s.lower().startswith("assumption") and not s.startswith("assumption"):
        err(f"{where}: use the exact word 'assumption'")
    if s.startswith("assumption") and len(s.strip()) <= len("assumption") + 3:
        err(f"{where}: assumption without a reason")


# ------------------------------------------------------------------ nodes
nodes = load("nodes.csv")
node_ids = {}
for r in nodes:
    w = f"nodes.csv:{r['_line']}"
    if r["id"] in node_ids:
        err(f"{w}: duplicate id {r['id']}")
    node_ids[r["id"]] = r
    if r["kind"] not in ("country", "corridor", "external_market", "coast"):
        err(f"{w}: bad kind {r['kind']}")
    if (r["kind"] == "coast") != bool(r["country"]):
        err(f"{w}: a coast, and only a coast, names its country")
    if r["region"] not in REGIONS:
        err(f"{w}: bad region {r['region']}")
    la, lo = num(r["lat"], w + " lat"), num(r["lon"], w + " lon")
    if la is not None and not -90 <= la <= 90:
        err(f"{w}: lat out of range")
    if lo is not None and not -180 <= lo <= 180:
        err(f"{w}: lon out of range")
    if not r["name"]:
        err(f"{w}: empty name")
    check_source(r["source"], w)
for c in COUNTRIES:
    if c not in node_ids:
        err(f"nodes.csv: missing country {c}")
    else:
        if node_ids[c]["kind"] != "country":
            err(f"nodes.csv: {c} kind must be country")
        if node_ids[c]["region"] != EXPECTED_REGION[c]:
            err(f"nodes.csv: {c} region {node_ids[c]['region']} != {EXPECTED_REGION[c]}")
for c in CORRIDORS:
    if c not in node_ids:
        err(f"nodes.csv: missing corridor {c}")
    elif node_ids[c]["kind"] != "corridor" or node_ids[c]["region"] != "corridor":
        err(f"nodes.csv: {c} must have kind and region 'corridor'")
if "XEU" not in node_ids:
    err("nodes.csv: missing XEU")
elif node_ids["XEU"]["kind"] != "external_market" or node_ids["XEU"]["region"] != "external":
    err("nodes.csv: XEU must be kind external_market, region external")
for c, owner in COASTS.items():
    if c not in node_ids:
        err(f"nodes.csv: missing coast {c}")
    elif node_ids[c]["kind"] != "coast" or node_ids[c]["country"] != owner:
        err(f"nodes.csv: {c} must be kind coast of {owner}")
extra = set(node_ids) - set(COUNTRIES) - set(CORRIDORS) - set(COASTS) - {"XEU"}
if extra:
    err(f"nodes.csv: unexpected node ids {sorted(extra)}")

# ------------------------------------------------------------------ edges
edges = load("edges.csv")
adj = defaultdict(set)
seen = set()
for r in edges:
    w = f"edges.csv:{r['_line']}"
    a, b = r["from"], r["to"]
    for x in (a, b):
        if x not in node_ids:
            err(f"{w}: unknown node {x}")
    if a == b:
        err(f"{w}: self loop")
    key = frozenset((a, b))
    if key in seen:
        err(f"{w}: duplicate undirected edge {a}-{b}")
    seen.add(key)
    if key == frozenset(("USA", "XEU")):
        err(f"{w}: direct USA-XEU edge is not wanted")
    if r["mode"] not in ("land", "sea", "air"):
        err(f"{w}: bad mode {r['mode']}")
    d = num(r["distance_km"], w + " distance_km")
    c = num(r["cost_usd_per_kg"], w + " cost_usd_per_kg")
    t = num(r["transit_days"], w + " transit_days")
    if d is not None and d <= 0:
        err(f"{w}: distance must be > 0")
    if c is not None and c < 0:
        err(f"{w}: negative cost")
    if t is not None and not 1 <= t <= 10:
        err(f"{w}: transit_days outside 1-10")
    check_source(r["source"], w)
    adj[a].add(b)
    adj[b].add(a)
if not 90 <= len(edges) <= 130:
    err(f"edges.csv: {len(edges)} edges, expected 90-130")
if node_ids:
    start = "COL"
    reach = {start}
    q = deque([start])
    while q:
        u = q.popleft()
        for v in adj[u]:
            if v not in reach:
                reach.add(v)
                q.append(v)
    missing = set(node_ids) - reach
    if missing:
        err(f"edges.csv: graph not connected; unreachable from COL: {sorted(missing)}")

# ------------------------------------------------------------------ figures
figs = load("figures.csv")
fkeys = {}
for r in figs:
    w = f"figures.csv:{r['_line']}"
    node, sub, fig = r["node"], r["substance"], r["figure"]
    if node != "ALL" and node not in node_ids:
        err(f"{w}: unknown node {node}")
    if sub not in SUBSTANCES + ["all"]:
        err(f"{w}: bad substance {sub}")
    if fig not in UNITS:
        err(f"{w}: unknown figure {fig}")
    elif r["unit"] != UNITS[fig]:
        err(f"{w}: unit {r['unit']!r} != {UNITS[fig]!r} for {fig}")
    k = (node, sub, fig)
    if k in fkeys:
        err(f"{w}: duplicate {k}")
    v = num(r["value"], w + " value")
    fkeys[k] = v
    if v is not None:
        if v < 0:
            err(f"{w}: negative value")
        if fig in POSITIVE and v <= 0:
            err(f"{w}: {fig} must be > 0")
        if fig in FRACTIONS and v > 1:
            err(f"{w}: fraction > 1")
    check_source(r["source"], w)
    if node in CORRIDORS and fig != "interdiction_budget_usd":
        err(f"{w}: corridor nodes carry only interdiction_budget_usd")
    if node in COASTS:
        err(f"{w}: coasts carry no figures (their country's budgets and statistics cover them)")
    if fig in ("seizures_kg", "land_entry_share") and node not in COUNTRIES + ["XEU"]:
        err(f"{w}: {fig} belongs to a country")
    if node == "XEU" and fig in PRISON:
        err(f"{w}: XEU must not have {fig}")


def need(node, sub, fig):
    if (node, sub, fig) not in fkeys:
        err(f"figures.csv: missing ({node}, {sub}, {fig})")


for c in COUNTRIES + ["XEU"]:
    for f in NODE_ALL:
        need(c, "all", f)
    if c != "XEU":
        for f in PRISON:
            need(c, "all", f)
    # XEU stands for the markets outside the Americas and only buys American cocaine.
    for s in (["cocaine"] if c == "XEU" else SUBSTANCES):
        for f in PER_SUB:
            need(c, s, f)
for c in CORRIDORS:
    need(c, "all", "interdiction_budget_usd")
for s, prods in PRODUCERS.items():
    for c in prods:
        for f in PROD_FIGS:
            need(c, s, f)
for s in SUBSTANCES:
    need("ALL", s, "retail_purity")
# users must not exceed the adult population
for c in COUNTRIES + ["XEU"]:
    pop, sh = fkeys.get((c, "all", "population")), fkeys.get((c, "all", "adult_share"))
    if pop and sh:
        for s in SUBSTANCES:
            u = fkeys.get((c, s, "users_past_year"))
            if u is not None and u > pop * sh:
                err(f"figures.csv: {c} {s} users_past_year exceeds population 15-64")

# recalled rows of baseline-data.csv must be flagged
if os.path.exists(BASELINE):
    recalled = [r["source"] for r in csv.DictReader(open(BASELINE, encoding="utf-8"))
                if r.get("confidence") == "recalled"]
    for fname, rows in (("figures.csv", figs), ("nodes.csv", nodes), ("edges.csv", edges)):
        for r in rows:
            s = r["source"]
            for rs in recalled:
                pos = s.find(rs)
                while pos >= 0:
                    if not s[:pos].endswith("recalled (unverified): "):
                        err(f"{fname}:{r['_line']}: copies a recalled baseline row without the "
                            f"'recalled (unverified): ' prefix")
                        break
                    pos = s.find(rs, pos + 1)
else:
    print(f"note: {BASELINE} not found; recalled-row check skipped")

# ------------------------------------------------------------------ dtos
dtos = load("dtos.csv")
covered = set()
by_home = defaultdict(float)
ids = set()
for r in dtos:
    w = f"dtos.csv:{r['_line']}"
    if not re.fullmatch(r"[a-z][a-z0-9_]*", r["id"]):
        err(f"{w}: id {r['id']!r} is not snake_case")
    if r["id"] in ids:
        err(f"{w}: duplicate id")
    ids.add(r["id"])
    if r["home"] not in COUNTRIES:
        err(f"{w}: home {r['home']} is not a country node")
    terr = r["territories"].split(";") if r["territories"] else []
    if not terr:
        err(f"{w}: no territories")
    for t in terr:
        if t not in COUNTRIES and t != "XEU":
            err(f"{w}: territory {t!r} must be a country id or XEU")
        covered.add(t)
    if r["home"] not in terr:
        err(f"{w}: home not among territories")
    subs = r["substances"].split(";") if r["substances"] else []
    if not subs or any(s not in SUBSTANCES for s in subs):
        err(f"{w}: bad substances {r['substances']!r}")
    wk = num(r["workers"], w + " workers")
    cap = num(r["capital_usd"], w + " capital_usd")
    if wk is not None:
        if wk < 0 or wk != int(wk):
            err(f"{w}: workers must be a non-negative integer")
        by_home[r["home"]] += wk
    if cap is not None and cap <= 0:
        err(f"{w}: capital_usd must be > 0")
    check_source(r["source"], w)
if dtos:
    for c in COUNTRIES + ["XEU"]:
        if c not in covered:
            err(f"dtos.csv: {c} is in no organization's territories")
    for c in COUNTRIES:
        wkr = fkeys.get((c, "all", "drug_trade_workers"))
        if wkr is None:
            continue
        got = by_home.get(c, 0.0)
        if got == 0 and c in covered:
            continue  # no home organisation (Belize): its workers serve foreign organisations
        if abs(got - wkr) > max(0.1 * wkr, 100):
            err(f"dtos.csv: workers with home {c} sum to {got:.0f}, drug_trade_workers = {wkr:.0f}")

# ------------------------------------------------------------------ targets.csv
# Observed series for calibration and validation (built by tools/build_targets.py).
targets = load("targets.csv")
target_keys = set()
for r in targets:
    w = f"targets.csv:{r['_line']}"
    if not re.fullmatch(r"[a-z][a-z0-9_]*", r["indicator"]):
        err(f"{w}: indicator {r['indicator']!r} is not snake_case")
    if r["country"] not in COUNTRIES and r["country"] not in ("US-WA", "US-CO"):
        err(f"{w}: unknown country {r['country']!r}")
    try:
        year = int(r["year"])
        if not 2010 <= year <= 2018:
            err(f"{w}: year {year} outside 2010-2018")
    except ValueError:
        err(f"{w}: year {r['year']!r} is not a whole number")
    v = num(r["value"], w + " value")
    if v is not None and v < 0:
        err(f"{w}: negative value")
    if not r["unit"].strip():
        err(f"{w}: empty unit")
    if not r["source"].strip() or r["source"].startswith("assumption"):
        err(f"{w}: a target needs a source, not an assumption")
    key = (r["indicator"], r["country"], r["year"])
    if key in target_keys:
        err(f"{w}: duplicate target {key}")
    target_keys.add(key)

# ------------------------------------------------------------------ report
n_assume = sum(1 for r in figs if r["source"].startswith("assumption"))
print(f"nodes={len(nodes)} edges={len(edges)} figures={len(figs)} "
      f"(assumption={n_assume}, sourced/derived={len(figs) - n_assume}) dtos={len(dtos)} "
      f"targets={len(targets)}")
if errors:
    for e in errors:
        print("ERROR:", e)
    print(f"FAILED: {len(errors)} problem(s)")
    sys.exit(1)
print("OK")
