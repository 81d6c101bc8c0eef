"""Oracle of the sources e2e test on telco_customer_churn.csv, read with `,` and `;` as
delimiters: its header is `;`-separated, its records `,`-separated and ended by a run of `;`.
A record thus has more fields than the header; the extra ones are all empty, and docs/nodes.md
says Var. File drops them. Here: the header split at `;`, each record's trailing run of `;`
removed, then the storage rule of sources_common.

usage: sources_telco.py <telco.csv> <written.csv>"""
import re
import sys

from sources_common import describe, emit, read_like_modeler, read_written

path, written = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8", newline="") as f:
    lines = f.read().splitlines()
header = ",".join(lines[0].split(";"))
body = [re.sub(r";+$", "", line) for line in lines[1:] if line != ""]
df, storages = read_like_modeler("\n".join([header] + body) + "\n", ",")
emit({"input": describe(df, storages), "written": read_written(written)})
