#!/usr/bin/python3
"""Writes jclef's scikit-learn reference values for the evaluation code (org.jclef.clef.eval).

One JSON file, clef/src/test/resources/fixtures/sklearn_eval.json, with three sections:
  metrics   AUROC, average precision, ROC curves, regression metrics on random data with ties,
            sample weights, a multilabel set with constant columns, multiclass sets with all
            classes present and with an absent class;
  logistic  StandardScaler + LogisticRegression(penalty='l2', solver='lbfgs') on small synthetic
            problems: binary, multinomial, one-vs-rest multilabel, more features than samples;
  ridge     StandardScaler + Ridge(alpha) on small synthetic problems.
The Java tests read it with org.jclef.tensor.io.Json, so no test needs Python. JSON has no NaN:
an undefined value is null. See README.md next to this script.

Run from anywhere with Debian's Python (python3-sklearn):
    /usr/bin/python3 tools/sklearn-fixtures/generate.py
"""

import argparse
import json
import os
import warnings
import zlib

import numpy as np
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import (average_precision_score, mean_absolute_error, mean_squared_error, r2_score,
                             roc_auc_score, roc_curve)
from sklearn.preprocessing import StandardScaler

FORMAT = "jclef-sklearn-fixture-1"
BASE_SEED = 20250117
REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DESTINATION = os.path.join("clef", "src", "test", "resources", "fixtures", "sklearn_eval.json")
# scikit-learn with a tight gradient tolerance (its lbfgs call still stops on scipy's default
# relative function tolerance, about 2e-9), with the library defaults (tol=1e-4, max_iter=100),
# and the exact optimum (Newton-polished, gradient < 1e-10) are all recorded.
TIGHT = dict(tol=1e-12, max_iter=100000)


def rng_for(name):
    """A generator seeded from the base seed and the case name (cases stay stable when others change)."""
    return np.random.default_rng(BASE_SEED + zlib.crc32(name.encode("utf-8")))


def as_list(a):
    """Nested lists with NaN written as None (JSON null)."""
    a = np.asarray(a)
    if a.ndim == 0:
        v = a.item()
        if isinstance(v, float) and (v != v):
            return None
        return v
    return [as_list(x) for x in a]


def features32(x):
    """Rounds to 4 decimals and to float32, as the Java side reads them (JSON number -> float)."""
    x = np.round(np.asarray(x, dtype=np.float64), 4)
    return x, x.astype(np.float32).astype(np.float64)


def as_float32(x):
    return np.asarray(x).astype(np.float32).astype(np.float64)


def with_undefined(f, *args, **kwargs):
    """f(*args) or NaN where scikit-learn raises (undefined metric)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return float(f(*args, **kwargs))
    except ValueError:
        return float("nan")


def defined_binary(y):
    return 0 < y.sum() < len(y)


# --------------------------------------------------------------------------- metrics


def binary_case(name, n, tie_decimals, weighted):
    r = rng_for(name)
    y = (r.random(n) < 0.35).astype(int)
    s = r.normal(size=n) + 0.9 * y
    if tie_decimals is not None:
        s = np.round(s, tie_decimals)
    case = {"labels": as_list(y), "scores": as_list(s)}
    w = None
    if weighted:
        w = r.integers(0, 4, size=n).astype(float)
        case["weights"] = as_list(w)
    case["auroc"] = roc_auc_score(y, s, sample_weight=w)
    case["average_precision"] = average_precision_score(y, s, sample_weight=w)
    if not weighted:
        fpr, tpr, thr = roc_curve(y, s, drop_intermediate=True)
        case["roc_fpr"], case["roc_tpr"], case["roc_thresholds"] = as_list(fpr), as_list(tpr), as_list(thr)
        fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
        case["roc_full_fpr"], case["roc_full_tpr"], case["roc_full_thresholds"] = (
            as_list(fpr), as_list(tpr), as_list(thr))
    return case


def multilabel_case(name):
    r = rng_for(name)
    n, width = 400, 6
    y = (r.random((n, width)) < np.array([0.3, 0.1, 0.5, 0.2, 0.6, 0.03])).astype(int)
    y[:, 2] = 0      # constant negative column: AUROC and AP undefined
    y[:, 4] = 1      # constant positive column: AUROC undefined, AP = 1
    s = np.round(r.normal(size=(n, width)) + 1.2 * y, 1)
    auroc = [with_undefined(roc_auc_score, y[:, c], s[:, c]) if defined_binary(y[:, c]) else float("nan")
             for c in range(width)]
    ap = [float(average_precision_score(y[:, c], s[:, c])) if y[:, c].sum() > 0 else float("nan")
          for c in range(width)]
    auroc_cols = [c for c in range(width) if defined_binary(y[:, c])]
    ap_cols = [c for c in range(width) if y[:, c].sum() > 0]
    return {
        "labels": as_list(y), "scores": as_list(s),
        "auroc_per_label": as_list(auroc), "average_precision_per_label": as_list(ap),
        # scikit-learn's own macro average over the columns where it is defined:
        "auroc_macro_defined": roc_auc_score(y[:, auroc_cols], s[:, auroc_cols], average="macro"),
        "average_precision_macro_defined": average_precision_score(y[:, ap_cols], s[:, ap_cols], average="macro"),
    }


def multiclass_case(name, n, k, absent):
    r = rng_for(name)
    present = [c for c in range(k) if c not in absent]
    y = r.choice(present, size=n)
    logits = r.normal(size=(n, k)) + 1.5 * np.eye(k)[y]
    logits = np.round(logits, 1)
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    one_hot = np.eye(k)[y].astype(int)
    auroc = [roc_auc_score(one_hot[:, c], p[:, c]) if defined_binary(one_hot[:, c]) else float("nan")
             for c in range(k)]
    ap = [average_precision_score(one_hot[:, c], p[:, c]) if one_hot[:, c].sum() > 0 else float("nan")
          for c in range(k)]
    case = {"labels": as_list(y), "num_classes": k, "probabilities": as_list(p),
            "auroc_per_class": as_list(auroc), "average_precision_per_class": as_list(ap)}
    if not absent:
        case["auroc_ovr_macro"] = roc_auc_score(y, p, multi_class="ovr", average="macro")
    return case


def regression_case(name, weighted):
    r = rng_for(name)
    n = 200
    y = r.normal(50, 12, size=n)
    pred = y + r.normal(0, 6, size=n)
    w = r.integers(0, 4, size=n).astype(float) if weighted else None
    case = {"targets": as_list(y), "predictions": as_list(pred),
            "mae": mean_absolute_error(y, pred, sample_weight=w),
            "rmse": float(np.sqrt(mean_squared_error(y, pred, sample_weight=w))),
            "r2": r2_score(y, pred, sample_weight=w)}
    if weighted:
        case["weights"] = as_list(w)
    return case


def metric_cases():
    return {
        "binary_ties": binary_case("binary_ties", 500, 1, False),
        "binary_distinct": binary_case("binary_distinct", 300, None, False),
        "binary_coarse_ties": binary_case("binary_coarse_ties", 200, 0, False),
        "binary_weighted": binary_case("binary_weighted", 300, 1, True),
        "multilabel_constant": multilabel_case("multilabel_constant"),
        "multiclass_all_present": multiclass_case("multiclass_all_present", 300, 4, []),
        "multiclass_absent": multiclass_case("multiclass_absent", 250, 5, [3]),
        "regression": regression_case("regression", False),
        "regression_weighted": regression_case("regression_weighted", True),
    }


# --------------------------------------------------------------------------- logistic and ridge


def synthetic_features(r, n, d):
    """Features with different scales and offsets, and one constant column (scale 1 in StandardScaler)."""
    x = r.normal(size=(n, d)) * r.uniform(0.2, 20, size=d) + r.uniform(-50, 50, size=d)
    x[:, d // 2] = 3.25
    return x


def newton_optimum(z, y, c, softmax, w0, b0):
    """Polishes a logistic fit to the exact optimum of Σ loss + ‖W‖²/(2C) by Newton's method.

    Called with the standardised features rounded to float32, as jclef stores them, so that the
    optimum is that of the very problem the Java solver sees.

    scikit-learn's lbfgs call stops on scipy's default relative function tolerance (about 2e-9),
    which leaves gradients near 1e-4; this returns (W, b) with a gradient below 1e-10, the
    reference for the Java solver's own convergence. y is one-hot [N, K] (softmax) or 0/1 [N, K].
    """
    n, d = z.shape
    k = w0.shape[0]
    zt = np.hstack([z, np.ones((n, 1))])
    theta = np.hstack([w0, b0[:, None]])                    # [K, D + 1]
    penalty = np.ones(d + 1) / c
    penalty[d] = 0.0
    for _ in range(100):
        logits = zt @ theta.T
        if softmax:
            p = np.exp(logits - logits.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
        else:
            p = 1 / (1 + np.exp(-logits))
        grad = (p - y).T @ zt + theta * penalty              # [K, D + 1]
        if np.abs(grad).max() < 1e-10:
            break
        if softmax:
            hess = np.zeros((k, d + 1, k, d + 1))
            for a in range(k):
                for b in range(k):
                    weight = p[:, a] * ((a == b) - p[:, b])
                    hess[a, :, b, :] = (zt * weight[:, None]).T @ zt
        else:
            hess = np.zeros((k, d + 1, k, d + 1))
            for a in range(k):
                weight = p[:, a] * (1 - p[:, a])
                hess[a, :, a, :] = (zt * weight[:, None]).T @ zt
        for a in range(k):
            hess[a, :, a, :] += np.diag(penalty)
        size = k * (d + 1)
        step = np.linalg.lstsq(hess.reshape(size, size), grad.reshape(size), rcond=None)[0]
        theta = theta - step.reshape(k, d + 1)
    else:
        raise RuntimeError("Newton polish did not converge")
    return theta[:, :d], theta[:, d], float(np.abs(grad).max())


def logistic_case(name, kind, n_train, n_test, d, k, cs):
    r = rng_for(name)
    raw = synthetic_features(r, n_train + n_test, d)
    written, x = features32(raw)
    z = (x - x.mean(axis=0)) / np.where(x.std(axis=0) > 0, x.std(axis=0), 1)
    true_w = r.normal(size=(d, k)) * 0.8
    logits = z @ true_w + r.normal(size=(n_train + n_test, k)) * 0.5
    if kind == "multinomial":
        y = logits.argmax(axis=1)
    else:
        y = (logits > 0.3).astype(int)
        if kind == "binary":
            y = y[:, 0]
    x_train, x_test = x[:n_train], x[n_train:]
    y_train, y_test = y[:n_train], y[n_train:]
    scaler = StandardScaler().fit(x_train)
    s_train, s_test = scaler.transform(x_train), scaler.transform(x_test)
    fits = []
    for c in cs:
        entry = {"C": c}
        if kind == "multilabel":
            coef, intercept, proba, proba_default, iters = [], [], [], [], []
            for col in range(k):
                m = LogisticRegression(penalty="l2", C=c, solver="lbfgs", **TIGHT).fit(s_train, y_train[:, col])
                md = LogisticRegression(penalty="l2", C=c, solver="lbfgs").fit(s_train, y_train[:, col])
                coef.append(m.coef_[0])
                intercept.append(m.intercept_[0])
                proba.append(m.predict_proba(s_test)[:, 1])
                proba_default.append(md.predict_proba(s_test)[:, 1])
                iters.append(int(m.n_iter_[0]))
            entry.update(coef=as_list(np.array(coef)), intercept=as_list(np.array(intercept)),
                         probabilities=as_list(np.array(proba).T),
                         probabilities_default_tol=as_list(np.array(proba_default).T), iterations=iters)
        else:
            multi = "multinomial" if kind == "multinomial" else "auto"
            m = LogisticRegression(penalty="l2", C=c, solver="lbfgs", multi_class=multi, **TIGHT).fit(s_train, y_train)
            md = LogisticRegression(penalty="l2", C=c, solver="lbfgs", multi_class=multi).fit(s_train, y_train)
            p, pd = m.predict_proba(s_test), md.predict_proba(s_test)
            if kind == "binary":
                p, pd = p[:, 1:], pd[:, 1:]
            entry.update(coef=as_list(m.coef_), intercept=as_list(m.intercept_), probabilities=as_list(p),
                         probabilities_default_tol=as_list(pd), iterations=[int(v) for v in m.n_iter_])
        coef = np.array(entry["coef"]).reshape(-1, d)
        intercept = np.array(entry["intercept"]).reshape(-1)
        targets = np.eye(k)[y_train] if kind == "multinomial" else y_train.reshape(n_train, -1)
        # The optimum of the problem the Java side solves: standardised features rounded to float32.
        w, b, gradient = newton_optimum(as_float32(s_train), targets, c, kind == "multinomial", coef, intercept)
        logits = as_float32(s_test) @ w.T + b
        if kind == "multinomial":
            p = np.exp(logits - logits.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
        else:
            p = 1 / (1 + np.exp(-logits))
        entry.update(optimum_coef=as_list(w), optimum_intercept=as_list(b), optimum_probabilities=as_list(p),
                     optimum_gradient=gradient)
        fits.append(entry)
    return {"kind": kind, "num_outputs": k,
            "x_train": as_list(written[:n_train]), "x_test": as_list(written[n_train:]),
            "y_train": as_list(y_train), "y_test": as_list(y_test),
            "scaler_mean": as_list(scaler.mean_), "scaler_scale": as_list(scaler.scale_),
            "fits": fits}


def ridge_case(name, n_train, n_test, d, alphas):
    r = rng_for(name)
    raw = synthetic_features(r, n_train + n_test, d)
    written, x = features32(raw)
    z = (x - x.mean(axis=0)) / np.where(x.std(axis=0) > 0, x.std(axis=0), 1)
    y = 40 + z @ r.normal(size=d) * 5 + r.normal(size=n_train + n_test) * 3
    x_train, x_test = x[:n_train], x[n_train:]
    scaler = StandardScaler().fit(x_train)
    s_train, s_test = scaler.transform(x_train), scaler.transform(x_test)
    fits = []
    for a in alphas:
        m = Ridge(alpha=a, fit_intercept=True, solver="cholesky").fit(s_train, y[:n_train])
        fits.append({"alpha": a, "coef": as_list(m.coef_), "intercept": float(m.intercept_),
                     "predictions": as_list(m.predict(s_test))})
    return {"x_train": as_list(written[:n_train]), "x_test": as_list(written[n_train:]),
            "y_train": as_list(y[:n_train]), "y_test": as_list(y[n_train:]), "fits": fits}


def logistic_cases():
    return {
        "binary": logistic_case("logistic_binary", "binary", 240, 60, 10, 1, [0.01, 1.0, 100.0]),
        "multinomial": logistic_case("logistic_multinomial", "multinomial", 300, 80, 8, 4, [0.05, 1.0, 20.0]),
        "multilabel": logistic_case("logistic_multilabel", "multilabel", 250, 60, 7, 3, [0.5, 5.0]),
        "wide_binary": logistic_case("logistic_wide_binary", "binary", 50, 30, 80, 1, [0.1, 10.0]),
    }


def ridge_cases():
    return {
        "tall": ridge_case("ridge_tall", 120, 40, 15, [0.01, 1.0, 100.0]),
        "wide": ridge_case("ridge_wide", 40, 20, 60, [0.1, 10.0]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=REPO_ROOT, help="repository root (default: this script's)")
    args = parser.parse_args()
    document = {
        "format": FORMAT,
        "generator": "tools/sklearn-fixtures/generate.py",
        "sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
        "seed": BASE_SEED,
        "metrics": metric_cases(),
        "logistic": logistic_cases(),
        "ridge": ridge_cases(),
    }
    text = json.dumps(document, separators=(",", ":"), allow_nan=False)
    path = os.path.join(args.root, DESTINATION)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.write("\n")
    os.replace(tmp, path)
    with open(path, encoding="utf-8") as f:
        back = json.load(f)
    assert back["format"] == FORMAT
    print(f"{path}: {len(back['metrics'])} metric cases, {len(back['logistic'])} logistic cases, "
          f"{len(back['ridge'])} ridge cases, {os.path.getsize(path) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
