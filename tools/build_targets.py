#!/usr/bin/env python3
"""Builds data/targets.csv, the observed series a calibration may fit and a validation may
compare against (issue 4), from ../shared/data/baseline-data.csv.

Usage: python3 tools/build_targets.py [BASELINE_CSV] > data/targets.csv

Only rows for the modelled countries (and the US states with legal markets, as ISO 3166-2
codes US-WA and US-CO), years 2010-2018, indicators in INDICATORS, and confidence 'read' are
kept: rows marked 'recalled' are unverified and stay out. The source column carries the
original source with the baseline-data.csv row it came from. The output is committed; CI
checks it (tools/check_data.py) but does not rebuild it, since ../shared is not part of a clone.
"""
import csv
import sys

BASELINE = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/baseline-data.csv"

ISO3 = {
    "Bolivia": "BOL", "Brazil": "BRA", "Canada": "CAN", "Colombia": "COL", "Costa Rica": "CRI",
    "Cuba": "CUB", "Dominican Republic": "DOM", "Ecuador": "ECU", "El Salvador": "SLV",
    "Guatemala": "GTM", "Honduras": "HND", "Jamaica": "JAM", "Mexico": "MEX", "Nicaragua": "NIC",
    "Panama": "PAN", "Peru": "PER", "United States": "USA", "Uruguay": "URY", "Venezuela": "VEN",
    "United States (Washington)": "US-WA", "United States (Colorado)": "US-CO",
}

# What the model reports or can be compared with (docs/ODD.md, metrics), by family.
INDICATORS = [
    # production
    "coca_cultivation_ha", "opium_poppy_cultivation_ha", "coca_eradication_ha",
    "cocaine_potential_production_t",
    # trafficking
    "cocaine_salts_seizures_t", "cocaine_base_paste_seizures_t", "cocaine_seizures_t",
    "cocaine_all_forms_seizures_t",
    # prices, along the chain from the Andean farm gate to US streets
    "price_coca_leaf_dry_farmgate_usd_per_kg", "price_cocaine_export_port_usd_per_kg_low",
    "price_cocaine_export_port_usd_per_kg_high", "price_cocaine_northern_border_usd_per_kg",
    "price_cocaine_wholesale_usd_per_kg", "price_cocaine_retail_usd_per_gram",
    # demand
    "cocaine_past_year_users", "cocaine_annual_prevalence_pct", "cocaine_overdose_deaths",
    "cocaine_consumption_pure_t",
    # violence
    "homicide_rate_per_100k", "homicides_inegi", "organized_crime_homicides_govt",
    # justice
    "prison_persons_held", "prison_persons_held_unsentenced", "prison_official_capacity",
    "prison_persons_held_drug_offences_iccs06",
    # legal markets
    "cannabis_registered_pharmacy_buyers", "cannabis_registered_total",
    "cannabis_pharmacy_sales_kg_first_year", "cannabis_legal_sales_usd",
    "cannabis_excise_tax_usd", "cannabis_legal_retail_price_usd_per_gram",
]


def main():
    rows = list(csv.DictReader(open(BASELINE, encoding="utf-8")))
    keep = []
    for r in rows:
        country = ISO3.get(r["country"])
        if not country or r["indicator"] not in INDICATORS or r["confidence"] != "read":
            continue
        year = int(r["year"])
        if not 2010 <= year <= 2018:
            continue
        source = (f"{r['source']} [baseline-data.csv: {r['country']} / {r['indicator']} / "
                  f"{r['year']}]")
        keep.append([r["indicator"], country, r["year"], r["value"], r["unit"], source])
    # One row per (indicator, country, year): the first one in baseline-data.csv.
    seen = set()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["indicator", "country", "year", "value", "unit", "source"])
    order = {name: i for i, name in enumerate(INDICATORS)}
    for row in sorted(keep, key=lambda r: (order[r[0]], r[1], r[2])):
        key = tuple(row[:3])
        if key in seen:
            continue
        seen.add(key)
        out.writerow(row)


if __name__ == "__main__":
    main()
