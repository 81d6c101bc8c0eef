"""Oracle of the sources e2e test on the DRUG files: what Var. File should read from an input
file, and what pandas reads back from the file Flat File wrote.

usage: sources_drug.py <input.csv> <separator> <written.csv>"""
import sys

from sources_common import describe, emit, read_like_modeler, read_written

path, sep, written = sys.argv[1], sys.argv[2], sys.argv[3]
with open(path, encoding="utf-8", newline="") as f:
    text = f.read().replace("\r\n", "\n")
df, storages = read_like_modeler(text, sep)
emit({"input": describe(df, storages), "written": read_written(written)})
