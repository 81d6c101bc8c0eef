"""Independent pandas computation of the demo stream (fixtures/streams/drug-demo.stream.json).

Usage: /usr/bin/python3 test/oracles/demo_drug.py fixtures/data/drug-sample.csv 30
Prints JSON: the selected rows with Na_to_K and the flag, and the per-drug summary.
"""
import json
import sys

import pandas as pd

path, min_age = sys.argv[1], int(sys.argv[2])
df = pd.read_csv(path)
df["Na_to_K"] = df["Na"] / df["K"]
df["High_Na_to_K"] = (df["Na_to_K"] > 15).map({True: "T", False: "F"})
kept = df[df["Age"] >= min_age]
groups = kept.groupby("Drug")
summary = {
    drug: {
        "Age_Mean": float(g["Age"].mean()),
        "Na_to_K_Mean": float(g["Na_to_K"].mean()),
        "Na_to_K_Max": float(g["Na_to_K"].max()),
        "Record_Count": int(len(g)),
    }
    for drug, g in groups
}
print(json.dumps({
    "rows": kept[["Age", "Drug", "Na_to_K", "High_Na_to_K"]].values.tolist(),
    "summary": summary,
}))
