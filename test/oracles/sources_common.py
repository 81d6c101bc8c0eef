"""Helpers of the sources oracles: a delimited file read the way docs/nodes.md says Var. File
reads it, written independently with pandas, and the JSON the e2e test compares with.

Storage rule (Modeler's): each column's storage is decided from the first `scan` data rows
(integer if every non-blank value there is an integer, else real if every one is a number, else
string); the whole column is then converted under that storage, values that do not convert and
blank numeric fields becoming null. Empty string fields stay empty strings."""
import io
import json
import math

import numpy as np
import pandas as pd


def _storage(sample):
    values = [v for v in sample if v.strip() != ""]
    if not values:
        return "string"
    if all(_is_int(v) for v in values):
        return "integer"
    if all(_is_real(v) for v in values):
        return "real"
    return "string"


def _is_int(text):
    t = text.strip()
    return t.lstrip("+-").isdigit() and t.count("-") + t.count("+") <= 1


def _is_real(text):
    t = text.strip()
    if t.lower() in ("nan", "inf", "-inf", "+inf", "infinity", "-infinity"):
        return False
    try:
        float(t)
        return True
    except ValueError:
        return False


def read_like_modeler(text, sep, scan=50):
    """A DataFrame of `text` (header line first) with Var. File's storage rule."""
    raw = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    storages = {}
    for name in raw.columns:
        storage = _storage(list(raw[name].iloc[:scan]))
        storages[name] = storage
        if storage == "integer":
            raw[name] = pd.to_numeric(raw[name].where(raw[name].map(_is_int)), errors="coerce").astype("Int64")
        elif storage == "real":
            raw[name] = pd.to_numeric(raw[name].where(raw[name].map(_is_real)), errors="coerce").astype(float)
    return raw, storages


def _clean(v):
    if v is None or v is pd.NA:
        return None
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, np.integer):
        return int(v)
    return v


def describe(df, storages):
    return {
        "columns": [{"name": n, "storage": storages[n]} for n in df.columns],
        "rows": [[_clean(v) for v in row] for row in df.itertuples(index=False, name=None)],
    }


def read_written(path):
    """A file the Flat File node wrote, read by pandas with its defaults (dtype inference on
    the whole file), storages named from the dtypes."""
    df = pd.read_csv(path)
    names = {"int64": "integer", "float64": "real", "object": "string"}
    return describe(df, {n: names[str(df[n].dtype)] for n in df.columns})


def emit(document):
    print(json.dumps(document))
