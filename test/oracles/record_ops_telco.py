"""Independent oracle for fixtures/streams/record-ops-telco.stream.json.

Computes with pandas what each Table of the stream should hold, from the semantics written in
docs/nodes.md (Aggregate, Select, Distinct Composite, Sort, Sample, Merge, Append), not from
our code, and prints {table id: {"columns": [...], "rows": [[...], ...]}}.

telco_customer_churn.csv has a ';'-separated header and ','-separated records ending in ';;;'
(the stream reads it with both delimiters); blank TotalCharges are $null$.

Usage: /usr/bin/python3 record_ops_telco.py <telco_customer_churn.csv> <telco_score_input.csv>
"""
import sys

import pandas as pd

from record_ops_common import aggregate, clean, emit, table

with open(sys.argv[1], encoding="utf-8") as f:
    lines = f.read().splitlines()
names = lines[0].rstrip(";").split(";")
telco = pd.DataFrame([line.rstrip(";").split(",") for line in lines[1:] if line.strip()], columns=names)
for c in ["SeniorCitizen", "tenure"]:
    telco[c] = telco[c].astype(int)
for c in ["MonthlyCharges", "TotalCharges"]:
    telco[c] = pd.to_numeric(telco[c].str.strip().replace("", None), errors="coerce")
score = pd.read_csv(sys.argv[2])
out = {}

# Aggregate by Contract and InternetService.
out["aggregated"] = aggregate(
    telco,
    ["Contract", "InternetService"],
    {"MonthlyCharges": ["Mean", "Sum", "Max", "Median", "SDev"], "TotalCharges": ["Mean", "Count", "FirstQuartile", "ThirdQuartile"], "tenure": ["Min", "Max", "Sum"]},
)

# Select Discard Churn = "No", then Distinct Composite per PaymentMethod (groups in order of
# first appearance, records in input order; unspecified fields take the first record's value).
churned = telco[~(telco.Churn == "No")]


def most_frequent(values):
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    best = None
    for v, n in counts.items():  # dicts keep first-met order: ties go to the value met first
        if best is None or n > counts[best]:
            best = v
    return best


fills = {
    "tenure": lambda s: s.sum(),
    "MonthlyCharges": lambda s: s.max(),
    "TotalCharges": lambda s: s.mean(),
    "Contract": lambda s: s.iloc[-1],
    "InternetService": most_frequent,
    "customerID": lambda s: min(s),
}
rows = []
for key, group in churned.groupby("PaymentMethod", sort=False):
    row = []
    for c in telco.columns:
        row.append(key if c == "PaymentMethod" else fills[c](group[c]) if c in fills else group[c].iloc[0])
    rows.append([clean(v) for v in row] + [len(group)])
out["composite"] = {"columns": list(telco.columns) + ["Record_Count"], "rows": rows}

# Sort TotalCharges descending ($null$ last), customerID ascending; Sample discards the first 7000.
ordered = telco.sort_values(["TotalCharges", "customerID"], ascending=[False, True], na_position="last", kind="stable")
out["sorted"] = table(ordered.iloc[7000:])

# Merge Keys customerID, Inner: telco streams; later duplicates dropped unless renamed.
right = score.rename(columns={"MonthlyCharges": "MonthlyCharges_score", "Churn": "Churn_score"})
right = right[["customerID", "MonthlyCharges_score", "Churn_score", "SampleWeight"]]
merged = telco.merge(right, on="customerID", how="inner", sort=False)
out["merged"] = table(merged, list(telco.columns) + ["MonthlyCharges_score", "Churn_score", "SampleWeight"])

# Append by name, all fields, tag field "Input" holding the input's position.
appended = pd.concat([telco.assign(Input="1"), score.assign(Input="2")], ignore_index=True)
out["appended"] = table(appended, list(telco.columns) + ["SampleWeight", "Input"])

emit(out)
