"""Independent oracle for the Drug1n.str neural-net nugget (test/e2e/models.test.ts).

Reads the real Modeler stream itself (zipfile + zlib on the SCF member that holds the PMML, as
../shared/docs/modeler-str.md describes the container), then computes the network's forward
pass with numpy straight from the PMML's weights: NormContinuous (piecewise linear, linear
beyond the outer points), NormDiscrete indicators, one tanh hidden layer, a softmax output
layer, and NeuralOutputs that name the category of each output neuron. Prints, per record of
the scoring CSV, the predicted category and its probability.

Usage: /usr/bin/python3 models_nn_drug.py <Drug1n.str> <drug_batch_data.csv>
"""
import csv
import json
import struct
import sys
import zipfile
import zlib
import xml.etree.ElementTree as ET

import numpy as np


def scf_payloads(data):
    """The chunks of an SCF member: header, then {compressed length, length, zlib stream}."""
    assert data[:4] == b"SCF\x01"
    pos = 12
    while pos + 8 <= len(data):
        clen, ulen = struct.unpack(">II", data[pos:pos + 8])
        pos += 8
        d = zlib.decompressobj()
        yield d.decompress(data[pos:pos + clen], ulen)[:ulen]
        pos += clen


def pmml_from_str(path):
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            data = z.read(info)
            if not data.startswith(b"SCF\x01"):
                continue
            for payload in scf_payloads(data):
                start = payload.find(b"<?xml")
                if start >= 0 and b"<PMML" in payload:
                    return payload[start:].decode("utf-8")
    raise SystemExit("no PMML in " + path)


def local(tag):
    return tag.rsplit("}", 1)[-1]


def children(el, name):
    return [c for c in el if local(c.tag) == name]


def child(el, name):
    found = children(el, name)
    return found[0] if found else None


def norm_continuous(el, x):
    points = [(float(p.get("orig")), float(p.get("norm"))) for p in children(el, "LinearNorm")]
    # Linear interpolation inside, the outer segments extended outside (outliers="asIs").
    if x <= points[0][0]:
        (a, fa), (b, fb) = points[0], points[1]
    elif x >= points[-1][0]:
        (a, fa), (b, fb) = points[-2], points[-1]
    else:
        i = next(i for i in range(len(points) - 1) if points[i][0] <= x <= points[i + 1][0])
        (a, fa), (b, fb) = points[i], points[i + 1]
    return fa + (x - a) * (fb - fa) / (b - a)


def main():
    root = ET.fromstring(pmml_from_str(sys.argv[1]))
    derived = {}
    for d in children(child(root, "TransformationDictionary"), "DerivedField"):
        derived[d.get("name")] = d
    net = child(root, "NeuralNetwork")
    default_activation = net.get("activationFunction")

    def evaluate(field, record):
        """A derived field's value for one record (record: PMML field name -> text)."""
        if field not in derived:
            return record[field]
        expr = [c for c in derived[field] if local(c.tag) != "Extension"][0]
        kind = local(expr.tag)
        if kind == "NormContinuous":
            return norm_continuous(expr, float(evaluate(expr.get("field"), record)))
        if kind == "NormDiscrete":
            return 1.0 if evaluate(expr.get("field"), record) == expr.get("value") else 0.0
        if kind == "FieldRef":
            return evaluate(expr.get("field"), record)
        raise SystemExit("unexpected " + kind)

    inputs = []
    for ni in children(child(net, "NeuralInputs"), "NeuralInput"):
        ref = child(child(ni, "DerivedField"), "FieldRef")
        inputs.append((ni.get("id"), ref.get("field")))

    layers = []
    for layer in children(net, "NeuralLayer"):
        neurons = children(layer, "Neuron")
        layers.append({
            "ids": [n.get("id") for n in neurons],
            "bias": np.array([float(n.get("bias", "0")) for n in neurons]),
            "cons": [[(c.get("from"), float(c.get("weight"))) for c in children(n, "Con")] for n in neurons],
            "activation": layer.get("activationFunction", default_activation),
            "normalization": layer.get("normalizationMethod", net.get("normalizationMethod", "none")),
        })

    categories = {}
    for out in children(child(net, "NeuralOutputs"), "NeuralOutput"):
        ref = child(child(out, "DerivedField"), "FieldRef").get("field")
        categories[out.get("outputNeuron")] = child(derived[ref], "NormDiscrete").get("value")

    mining = [m.get("name") for m in children(child(net, "MiningSchema"), "MiningField") if m.get("usageType", "active") == "active"]
    with open(sys.argv[2], newline="") as f:
        rows = list(csv.DictReader(f))
    by_upper = {name.upper(): name for name in mining}
    predictions, confidences = [], []
    for row in rows:
        record = {by_upper[k.upper()]: v for k, v in row.items() if k.upper() in by_upper}
        values = {nid: float(evaluate(field, record)) for nid, field in inputs}
        for layer in layers:
            z = layer["bias"] + np.array([sum(w * values[src] for src, w in cons) for cons in layer["cons"]])
            if layer["activation"] == "tanh":
                a = np.tanh(z)
            elif layer["activation"] == "identity":
                a = z
            elif layer["activation"] == "logistic":
                a = 1 / (1 + np.exp(-z))
            else:
                raise SystemExit("unexpected activation " + layer["activation"])
            if layer["normalization"] == "softmax":
                e = np.exp(a - a.max())
                a = e / e.sum()
            values.update(zip(layer["ids"], a))
        last = layers[-1]["ids"]
        probs = np.array([values[i] for i in last])
        k = int(np.argmax(probs))
        predictions.append(categories[last[k]])
        confidences.append(float(probs[k]))
    json.dump({"predictions": predictions, "confidences": confidences}, sys.stdout)


main()
