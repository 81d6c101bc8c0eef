"""Independent oracle for fixtures/streams/record-ops-drug.stream.json.

Computes with pandas what each Table of the stream should hold, from the semantics written in
docs/nodes.md (Select, Sort, Aggregate, Distinct, Append, Merge), not from our code, and
prints {table id: {"columns": [...], "rows": [[...], ...]}}.

Usage: /usr/bin/python3 record_ops_drug.py <drug_train_data.csv> <drug_batch_data.csv>
"""
import sys

import pandas as pd

from record_ops_common import aggregate, emit, table

train = pd.read_csv(sys.argv[1], sep=";")
batch = pd.read_csv(sys.argv[2])
out = {}

# Select (Include AGE >= 30 and BP /= "LOW"), then Sort by DRUG ascending, NA descending, stable.
selected = train[(train.AGE >= 30) & (train.BP != "LOW")]
out["sorted"] = table(selected.sort_values(["DRUG", "NA"], ascending=[True, False], kind="stable"))

# Aggregate by DRUG and SEX, groups in key order; custom expression MAX(K) - MIN(K).
out["aggregated"] = aggregate(
    train,
    ["DRUG", "SEX"],
    {"NA": ["Sum", "Mean", "Min", "Max", "SDev", "Median", "Count", "Variance", "FirstQuartile", "ThirdQuartile"], "AGE": ["Mean"]},
    extra={"K_Range": lambda g: g.K.max() - g.K.min()},
)

# Distinct Include on BP + CHOLESTEROL, first = oldest (ties: input order); groups in order of first appearance.
d = train.copy()
d["_group"] = d.groupby(["BP", "CHOLESTEROL"], sort=False).ngroup()
d["_order"] = range(len(d))
first = d.sort_values(["_group", "AGE", "_order"], ascending=[True, False, True]).drop_duplicates(["_group"])
out["distinct"] = table(first, list(train.columns))

# Append by name, fields of all inputs, tag = link tag.
appended = pd.concat([train.assign(Source="train"), batch.assign(Source="batch")], ignore_index=True)
out["appended"] = table(appended, list(train.columns) + ["Source"])

# Merge FullOuter on the four keys: train streams (its order, matches in batch order), then batch-only keys.
keys = ["AGE", "SEX", "BP", "CHOLESTEROL"]
right = batch.rename(columns={"NA": "NA_batch", "K": "K_batch"})
left_joined = train.merge(right, on=keys, how="left", sort=False)
train_keys = set(map(tuple, train[keys].itertuples(index=False, name=None)))
right_only = right[[tuple(r) not in train_keys for r in right[keys].itertuples(index=False, name=None)]]
merged = pd.concat([left_joined, right_only], ignore_index=True)
out["merged"] = table(merged, list(train.columns) + ["NA_batch", "K_batch"])

emit(out)
