# Reference learners for bench/models-trees.ts (run with Debian's /usr/bin/python3, which has
# scikit-learn). Input: a JSON job on stdin; output: one JSON object on stdout.
#
# quality job: {"mode": "quality", "datasets": [{"name", "csv", "target", "categorical": [...],
#   "continuous": [...], "train": [row indices]}]} → accuracy on the other rows per learner.
# speed job: {"mode": "speed", "csv", "target", "categorical", "continuous"} → fit CPU seconds.
import json, sys, time
import numpy as np
import pandas as pd
from sklearn.tree import DecisionTreeClassifier
from sklearn.ensemble import RandomForestClassifier


def design(df, categorical, continuous, medians=None):
    X = pd.get_dummies(df[categorical].astype("string").fillna("(missing)"), dtype=float) if categorical else pd.DataFrame(index=df.index)
    num = df[continuous].apply(pd.to_numeric, errors="coerce") if continuous else pd.DataFrame(index=df.index)
    if medians is None:
        medians = num.median()
    # scikit-learn 1.2 trees do not accept NaN: missing numbers get the training median.
    num = num.fillna(medians)
    return pd.concat([num, X], axis=1), medians


def learners(n):
    leaf = max(1, int(0.01 * n))
    return {
        "sklearn DecisionTree (defaults)": DecisionTreeClassifier(random_state=1),
        "sklearn DecisionTree (depth 5, 2%/1%)": DecisionTreeClassifier(max_depth=5, min_samples_split=2 * leaf, min_samples_leaf=leaf, random_state=1),
        "sklearn DecisionTree (entropy, leaf 2)": DecisionTreeClassifier(criterion="entropy", min_samples_leaf=2, random_state=1),
        "sklearn RandomForest (10 trees, depth 10, leaf 5)": RandomForestClassifier(n_estimators=10, max_depth=10, min_samples_leaf=5, max_features="sqrt", n_jobs=1, random_state=1),
    }


def quality(job):
    out = {}
    for ds in job["datasets"]:
        df = pd.read_csv(ds["csv"], dtype=str, keep_default_na=False, na_values=[""])
        train = np.zeros(len(df), dtype=bool)
        train[ds["train"]] = True
        y = df[ds["target"]].astype(str)
        Xtr, med = design(df[train], ds["categorical"], ds["continuous"])
        Xte, _ = design(df[~train], ds["categorical"], ds["continuous"], med)
        Xte = Xte.reindex(columns=Xtr.columns, fill_value=0.0)
        res = {}
        for name, model in learners(int(train.sum())).items():
            model.fit(Xtr, y[train])
            res[name] = float((model.predict(Xte) == y[~train].values).mean())
        # Forests vary with the seed on small data: also the mean over seeds 1..5.
        accs = []
        for seed in range(1, 6):
            rf = RandomForestClassifier(n_estimators=10, max_depth=10, min_samples_leaf=5, max_features="sqrt", n_jobs=1, random_state=seed)
            rf.fit(Xtr, y[train])
            accs.append(float((rf.predict(Xte) == y[~train].values).mean()))
        res["sklearn RandomForest, mean of seeds 1-5"] = sum(accs) / len(accs)
        out[ds["name"]] = res
    return out


def speed(job):
    df = pd.read_csv(job["csv"])
    X, _ = design(df, job["categorical"], job["continuous"])
    y = df[job["target"]].astype(str)
    res = {}
    for name, model in learners(len(df)).items():
        if name in job.get("skip", []):
            continue
        # CPU seconds of this process (the machine is shared; wall time is noisy).
        t = time.process_time()
        model.fit(X, y)
        res[name] = time.process_time() - t
    return res


job = json.load(sys.stdin)
print(json.dumps(quality(job) if job["mode"] == "quality" else speed(job)))
