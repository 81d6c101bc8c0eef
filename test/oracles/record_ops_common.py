"""Helpers shared by the Record Ops oracles: statistics with the definitions docs/nodes.md
states (nulls skipped, sample variance, numpy's linear quantiles) and JSON output of tables."""
import json
import math

import numpy as np
import pandas as pd


def clean(v):
    """A JSON value for one cell: NaN/None -> null, numpy scalars -> Python numbers."""
    if v is None:
        return None
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    return v


def table(df, columns=None):
    columns = list(df.columns) if columns is None else columns
    return {"columns": columns, "rows": [[clean(v) for v in row] for row in df[columns].itertuples(index=False, name=None)]}


def stat(values, name):
    """One Aggregate statistic of a Series: nulls skipped; $null$ when undefined."""
    x = values.dropna()
    n = len(x)
    if name == "Count":
        return n
    if n == 0:
        return None
    if name == "Sum":
        return x.sum()
    if name == "Mean":
        return x.mean()
    if name == "Min":
        return x.min()
    if name == "Max":
        return x.max()
    if name in ("SDev", "Variance"):
        if n < 2:
            return None
        return x.std(ddof=1) if name == "SDev" else x.var(ddof=1)
    quantile = {"Median": 0.5, "FirstQuartile": 0.25, "ThirdQuartile": 0.75}[name]
    return float(np.percentile(x.to_numpy(dtype=float), quantile * 100))  # numpy's default: linear


STAT_ORDER = ["Sum", "Mean", "Min", "Max", "SDev", "Median", "Count", "Variance", "FirstQuartile", "ThirdQuartile"]


def aggregate(df, keys, aggregates, count=True, extra=None):
    """Aggregate node: groups sorted by key; per field the statistics in the node's fixed order."""
    out = []
    columns = list(keys)
    for field, stats in aggregates.items():
        columns += [f"{field}_{s}" for s in STAT_ORDER if s in stats]
    for name in (extra or {}):
        columns.append(name)
    if count:
        columns.append("Record_Count")
    for key, group in df.groupby(keys, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        row = list(key)
        for field, stats in aggregates.items():
            row += [stat(group[field], s) for s in STAT_ORDER if s in stats]
        for fn in (extra or {}).values():
            row.append(fn(group))
        if count:
            row.append(len(group))
        out.append(row)
    return {"columns": columns, "rows": [[clean(v) for v in r] for r in out]}


def emit(tables):
    print(json.dumps(tables))
