"""Independent oracle for fixtures/streams/field-ops-drug.stream.json.

Computes, with pandas, what the stream's Field Ops nodes should output for
drug_train_data.csv, from the semantics written in docs/nodes.md (not from our code), and
prints one JSON object: {"columns": [...], "rows": [[...], ...]}. The Partition field is
random, so the oracle gives only its allowed values; the test checks those and the sizes.

Usage: /usr/bin/python3 field_ops_drug.py <drug_train_data.csv>
"""
import json
import math
import sys

import pandas as pd


def equal_count_tiles(values, tiles):
    """Record-count tiles, ties kept together, "add to next" (docs/nodes.md, Binning).

    Distinct values are visited in ascending order with their record counts. Each bin aims at
    (records not yet placed) / (bins not yet started). A value group that would push a
    non-empty bin past its aim opens the next bin, whose aim is then recomputed from the
    records left at that point.
    """
    counts = values.value_counts().sort_index()
    total = int(counts.sum())
    tile_of_value = {}
    current, placed, in_current = 1, 0, 0
    aim = total / tiles
    for value, n in counts.items():
        if placed + n > aim + 1e-9 and in_current > 0 and current < tiles:
            current += 1
            aim = placed + (total - placed) / (tiles - current + 1)
            in_current = 0
        tile_of_value[value] = current
        in_current += n
        placed += n
    return values.map(tile_of_value)


def fixed_width_bins(values, width):
    low = values.min()
    return values.map(lambda x: int(math.floor((x - low) / width)) + 1)


def sdev_bins(values, count):
    mean, sd = values.mean(), values.std(ddof=1)
    cuts = [mean + j * sd for j in range(-count, count + 1) if j != 0]
    return values.map(lambda x: 1 + sum(1 for c in cuts if x >= c))


def main(path):
    d = pd.read_csv(path, sep=";")
    out = pd.DataFrame()
    out["AGE"] = d["AGE"].astype(int)
    for name in ["SEX", "BP", "CHOLESTEROL", "NA", "K", "DRUG"]:
        out[name] = d[name]
    ratio = d["NA"] / d["K"]
    # The Type node coerces Na_to_K into its declared range [5, 30]; High was derived before it.
    out["Na_to_K"] = ratio.clip(lower=5, upper=30)
    out["High"] = (ratio > 15).map({True: "T", False: "F"})
    out["BP_GROUP"] = d["BP"].map(lambda v: "abnormal" if v in ("HIGH", "LOW") else "normal")
    out["Partition"] = None
    out["AGE_TILE4"] = equal_count_tiles(out["AGE"], 4)
    out["Na_to_K_BIN"] = fixed_width_bins(out["Na_to_K"], 5)
    out["K_SDBIN"] = sdev_bins(d["K"], 2)
    for value in ["drugA", "drugY"]:
        out["DRUG_" + value] = (d["DRUG"] == value).map({True: "T", False: "F"})
    rows = [[None if (isinstance(v, float) and math.isnan(v)) else (v.item() if hasattr(v, "item") else v) for v in r]
            for r in out.itertuples(index=False, name=None)]
    print(json.dumps({"columns": list(out.columns), "rows": rows, "partitionValues": ["1_Training", "2_Testing"]}))


if __name__ == "__main__":
    main(sys.argv[1])
