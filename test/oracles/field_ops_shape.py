"""Independent oracle for fixtures/streams/field-ops-shape.stream.json.

Ranks (Binning, descending, mean rank for ties, percentage), Reclassify in Multiple mode,
Restructure (OtherFields), Field Reorder (custom) and Set to Flag with aggregate, computed
with pandas from the semantics in docs/nodes.md. Prints {"records": {...}, "per_drug": {...}},
each a table of columns and rows.

Usage: /usr/bin/python3 field_ops_shape.py <drug_train_data.csv>
"""
import json
import math
import sys

import pandas as pd


def table(frame):
    def plain(v):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return None
        return v.item() if hasattr(v, "item") else v

    return {"columns": list(frame.columns), "rows": [[plain(v) for v in r] for r in frame.itertuples(index=False, name=None)]}


def main(path):
    d = pd.read_csv(path, sep=";")
    r = d.copy()
    ranks = d["K"].rank(method="average", ascending=False)
    r["K_RANK"] = ranks
    r["K_P_RANK"] = ranks / d["K"].count() * 100
    short = {"HIGH": "H", "LOW": "L", "NORMAL": "N"}
    r["BP_R"] = d["BP"].map(lambda v: short.get(v, v))
    r["CHOLESTEROL_R"] = d["CHOLESTEROL"].map(lambda v: short.get(v, v))
    for sex in ["F", "M"]:
        r["SEX_%s_NA" % sex] = d["NA"].where(d["SEX"] == sex, None)
    middle = [c for c in r.columns if c not in ("DRUG", "AGE")]
    r = r[["DRUG"] + middle + ["AGE"]]

    groups = []
    for drug, part in d.groupby("DRUG", sort=False):
        groups.append([drug] + ["T" if (part["BP"] == v).any() else "F" for v in ["HIGH", "LOW", "NORMAL"]])
    per_drug = pd.DataFrame(groups, columns=["DRUG", "BP_HIGH", "BP_LOW", "BP_NORMAL"])
    print(json.dumps({"records": table(r), "per_drug": table(per_drug)}))


if __name__ == "__main__":
    main(sys.argv[1])
