#!/usr/bin/env python3
"""Reference values for ferry's parity tests, computed with scikit-learn (the oracle).

Writes tests/data/reference.json, which tests/core/test_parity_*.cpp compare the C++ core to.
Re-running it with the pinned versions (tests/reference/requirements.txt) reproduces the file byte
for byte: sorted keys, floats written with repr (shortest text that reads back to the same double),
no timestamps, BLAS pinned to one thread. Another CPU may change the last bits of some values
(OpenBLAS picks kernels per CPU), which is far below every tolerance the tests use.

    python tests/reference/make_reference.py [--data-dir DIR] [--out FILE] [--check]

DIR holds diabetes.arff and cpu.arff from Debian's weka package (default: $FERRY_DATA_DIR).
breast_cancer and wine come from scikit-learn's loaders, which read the CSV files shipped inside
scikit-learn (sklearn/datasets/data/breast_cancer.csv, wine_data.csv): the same rows, in the same
order, that the C++ tests read. --check recomputes and compares with the existing file instead of
writing it (exit status 1 when they differ).

What scikit-learn 1.9.1 minimizes in LogisticRegression (read from sklearn/linear_model/
_logistic.py, _linear_loss.py, _glm/_newton_solver.py and utils/class_weight.py):

* Per-row weight s_i = sample_weight_i * class_weight[y_i]  (sample_weight defaults to 1;
  _logistic_regression_path multiplies the class weights into a copy of sample_weight).
* class_weight='balanced': class_weight[k] = S_sw / (n_classes * S_sw,k), where S_sw,k is the
  sum of sample_weight over the rows of class k and S_sw its total: compute_class_weight is
  called WITH sample_weight, so the counts are sample_weight-weighted counts (plain counts when
  no sample_weight is given).
* lbfgs, newton-cg and newton-cholesky minimize LinearModelLoss:
      (1 / S) * sum_i s_i * logloss_i  +  l2_reg_strength / 2 * ||W||_F^2,
      l2_reg_strength = 1 / (C * S),  S = sum_i s_i  (taken AFTER the class weights are applied)
  i.e. exactly 1 / (C * S) times  C * sum_i s_i * logloss_i + ||W||_F^2 / 2 : the same minimizer as
  the documented objective; intercepts are never penalized. logloss_i is the full log-loss
  (HalfBinomialLoss / HalfMultinomialLoss: log(1 + exp(z)) - y z, and logsumexp(z) - z_{y_i}; the
  "half" is not a factor 1/2 on the loss).
* C = inf means no penalty (penalty=None is deprecated in 1.8+; l1_ratio=0 is the L2 default).
* Binary: one coefficient row for classes_[1] (classes sorted), target 1 for classes_[1].
* Multinomial (newton-cholesky supports it since 1.6): one row per class (softmax). The solver pins
  the last class's intercept to 0 while iterating (the intercepts are over-parametrized), then in
  finalize() subtracts the mean: the reported intercepts sum to zero across classes. With an L2
  penalty the coefficients of each feature sum to zero across classes at the optimum by themselves
  (the penalty picks the centred representative); with no penalty the solver centres the
  coefficients too (coef -= mean over classes). That is ferry's convention.
* newton-cholesky stops when max|gradient of the scaled objective above| <= tol AND half the
  squared Newton decrement <= tol. With tol=1e-12 the result is within ~1e-9 relative of the
  optimum on these data (see "reference_accuracy" in each case: the size of one more Newton step,
  computed here). sklearn's default lbfgs is NOT used: it stops on a relative-reduction test far
  from the optimum.

Ridge minimizes sum_i s_i (y_i - x_i w - b)^2 + alpha ||w||^2 (no 1/n factor; intercept not
penalized), solved here with solver='cholesky'. LinearRegression is weighted least squares
(scipy lstsq, minimum-norm on rank deficiency).

SimpleImputer has no sample_weight in scikit-learn. StandardScaler with sample_weight gives
weighted mean, biased weighted variance, n_samples_seen_ = sum of weights; a column is treated as
constant (scale_ 1) when var <= n*eps*var + (n*mean*eps)^2 with n = n_samples_seen_ (sklearn's
_is_constant_feature), not only when var == 0.

Splits and weights (fixed, the same in the C++ tests):
* pima: diabetes.arff, features plas, pres, skin, insu, mass, pedi, age (preg is left out: 0 is a
  real value there, and the imputer treats 0 as missing in every column); rows 0..575 train,
  576..767 test (the demo's 75/25 split). Labels tested_negative / tested_positive.
* breast_cancer: rows 0..425 train, 426..568 test; target 0 = malignant, 1 = benign.
* wine: the file is sorted by class, so test = rows with i % 4 == 3, train = the others.
* cpu: weka's cpu.arff (209 computers, target = published relative performance 'class'), a real
  regression set in the same Debian package as diabetes.arff; rows 0..156 train, 157..208 test.
  (scikit-learn's own diabetes regression set ships gzipped and pre-scaled; not used.)
* pima_age: a second regression, age from the other six pima features (imputed, scaled).
* Weights, where a case is "weighted": w_i = 1 + (i % 3) for training row i (0-based in the
  training set).
* Models with sample weights are fitted on features from preprocessing fitted WITHOUT weights
  (scikit-learn's Pipeline routes sample_weight only to the step that asks for it); the C++ tests do
  the same with two pipelines.
"""

import argparse
import json
import os
import sys

# One BLAS thread: reductions inside OpenBLAS then run in one fixed order.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from arff_reader import read_arff  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import load_breast_cancer, load_wine  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

PINNED = {"scikit-learn": "1.9.1", "numpy": "2.4.6", "scipy": "1.17.1"}

PIMA_FEATURES = ["plas", "pres", "skin", "insu", "mass", "pedi", "age"]
PIMA_AGE_FEATURES = ["plas", "pres", "skin", "insu", "mass", "pedi"]
PIMA_TRAIN = 576
BC_TRAIN = 426
CPU_TRAIN = 157
CPU_FEATURES = ["MYCT", "MMIN", "MMAX", "CACH", "CHMIN", "CHMAX"]
WINE_FEATURES = [
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
    "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
    "od280_od315_of_diluted_wines", "proline",
]
# Rows (positions in the test set) whose transforms are recorded.
TRANSFORM_ROWS = list(range(12))


# --- data -------------------------------------------------------------------------------------


def arff_columns(path, wanted):
    names, rows = read_arff(path)
    idx = [names.index(n) for n in wanted]
    X = np.array([[float(r[j]) for j in idx] for r in rows], dtype=np.float64)
    labels = [r[-1] for r in rows]
    return X, labels


def weights(n):
    return 1.0 + (np.arange(n) % 3).astype(np.float64)


# --- JSON helpers -----------------------------------------------------------------------------


def num(x):
    x = float(x)
    if not np.isfinite(x):
        raise ValueError(f"non-finite value {x} cannot go into JSON")
    return x


def vec(a):
    return [num(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def mat(a):
    a = np.asarray(a, dtype=np.float64)
    return [vec(r) for r in a]


def label(v):
    return v.item() if isinstance(v, np.generic) else v


# --- cases ------------------------------------------------------------------------------------


def imputer_cases(pima_tr, pima_te):
    cases = []
    for strategy, fill in (("mean", None), ("median", None), ("most_frequent", None),
                           ("constant", -1.0)):
        kw = {"fill_value": fill} if fill is not None else {}
        imp = SimpleImputer(missing_values=0.0, strategy=strategy, **kw).fit(pima_tr)
        out = imp.transform(pima_te)
        cases.append({
            "name": f"pima_{strategy}",
            "data": "pima",
            "strategy": strategy,
            "missing_values": 0.0,
            "fill_value": fill if fill is not None else 0.0,
            "statistics": vec(imp.statistics_),
            "rows": TRANSFORM_ROWS,
            "transform": mat(out[TRANSFORM_ROWS]),
        })
    return cases


def scaler_case(name, data, X_tr, X_te, with_mean=True, with_std=True, weighted=False):
    sw = weights(X_tr.shape[0]) if weighted else None
    sc = StandardScaler(with_mean=with_mean, with_std=with_std).fit(X_tr, sample_weight=sw)
    out = sc.transform(X_te)
    n_seen = np.broadcast_to(np.asarray(sc.n_samples_seen_, dtype=np.float64), (X_tr.shape[1],))
    return {
        "name": name,
        "data": data,
        "with_mean": with_mean,
        "with_std": with_std,
        "weighted": weighted,
        "mean": vec(sc.mean_) if sc.mean_ is not None else None,
        "var": vec(sc.var_) if sc.var_ is not None else None,
        "scale": vec(sc.scale_) if sc.scale_ is not None else None,
        "n_samples_seen": vec(n_seen),
        "rows": TRANSFORM_ROWS,
        "transform": mat(out[TRANSFORM_ROWS]),
    }


def constant_columns(n, offset):
    """Two extra columns: 0.1 everywhere, and 1e8 / its next double alternating (variance ~5e-17:
    constant by scikit-learn's rule although not exactly zero)."""
    big = np.where((np.arange(n) + offset) % 2 == 1, np.nextafter(1e8, 2e8), 1e8)
    return np.column_stack([np.full(n, 0.1), big])


def scaler_cases(pima_imp_tr, pima_imp_te, bc_tr, bc_te):
    bcc_tr = np.column_stack([bc_tr, constant_columns(bc_tr.shape[0], 0)])
    bcc_te = np.column_stack([bc_te, constant_columns(bc_te.shape[0], bc_tr.shape[0])])
    return [
        scaler_case("pima_imputed", "pima_imputed", pima_imp_tr, pima_imp_te),
        scaler_case("pima_imputed_no_mean", "pima_imputed", pima_imp_tr, pima_imp_te,
                    with_mean=False),
        scaler_case("pima_imputed_no_std", "pima_imputed", pima_imp_tr, pima_imp_te,
                    with_std=False),
        scaler_case("pima_imputed_weighted", "pima_imputed", pima_imp_tr, pima_imp_te,
                    weighted=True),
        scaler_case("breast_cancer", "breast_cancer", bc_tr, bc_te),
        scaler_case("breast_cancer_no_mean", "breast_cancer", bc_tr, bc_te, with_mean=False),
        scaler_case("breast_cancer_weighted", "breast_cancer", bc_tr, bc_te, weighted=True),
        scaler_case("breast_cancer_constant", "breast_cancer_constant", bcc_tr, bcc_te),
        scaler_case("breast_cancer_constant_weighted", "breast_cancer_constant", bcc_tr, bcc_te,
                    weighted=True),
    ]


def newton_diagnostics(model, X, y, sw):
    """How far the reference is from the exact optimum: max |gradient| of scikit-learn's scaled
    objective, and the size of one more (pseudo-inverse) Newton step relative to the largest
    coefficient. Uses scikit-learn's own loss classes so the objective is exactly theirs."""
    from sklearn._loss.loss import HalfBinomialLoss, HalfMultinomialLoss
    from sklearn.linear_model._linear_loss import LinearModelLoss
    from sklearn.utils.class_weight import compute_class_weight

    classes = model.classes_
    k = len(classes)
    s = np.ones(X.shape[0]) if sw is None else np.asarray(sw, dtype=np.float64).copy()
    if model.class_weight is not None:
        cw = compute_class_weight(model.class_weight, classes=classes, y=y, sample_weight=sw)
        s = s * cw[np.searchsorted(classes, y)]
    l2 = 0.0 if np.isinf(model.C) else 1.0 / (model.C * s.sum())
    fi = model.fit_intercept
    if k == 2:
        loss = LinearModelLoss(HalfBinomialLoss(), fit_intercept=fi)
        target = (y == classes[1]).astype(np.float64)
        coef = np.concatenate([model.coef_[0], model.intercept_]) if fi else model.coef_[0].copy()
    else:
        loss = LinearModelLoss(HalfMultinomialLoss(n_classes=k), fit_intercept=fi)
        target = np.searchsorted(classes, y).astype(np.float64)
        full = np.column_stack([model.coef_, model.intercept_]) if fi else model.coef_
        coef = np.asarray(full, order="F").ravel(order="F")
    grad, hess, _ = loss.gradient_hessian(coef, X, target, sample_weight=s, l2_reg_strength=l2)
    step = np.linalg.lstsq(hess, grad.ravel(order="F"), rcond=None)[0]
    return {
        "max_abs_gradient": num(np.max(np.abs(grad))),
        "newton_step_rel": num(np.max(np.abs(step)) / np.max(np.abs(coef))),
    }


def logistic_case(name, data, X_tr, y_tr, X_te, C=1.0, fit_intercept=True, weighted=False,
                  class_weight=None):
    sw = weights(X_tr.shape[0]) if weighted else None
    model = LogisticRegression(C=C, fit_intercept=fit_intercept, class_weight=class_weight,
                               solver="newton-cholesky", tol=1e-12, max_iter=1000)
    model.fit(X_tr, y_tr, sample_weight=sw)
    proba = model.predict_proba(X_te)
    pred = model.predict(X_te)
    coef = np.asarray(model.coef_)
    if len(model.classes_) > 2:
        sums = {
            "intercept_sum": num(np.sum(model.intercept_)),
            "coef_column_sum_max_abs": num(np.max(np.abs(coef.sum(axis=0)))),
        }
    else:
        sums = None
    case = {
        "name": name,
        "data": data,
        "C": None if np.isinf(C) else num(C),
        "penalty": "none" if np.isinf(C) else "l2",
        "fit_intercept": fit_intercept,
        "weighted": weighted,
        "class_weight": class_weight,
        "classes": [label(c) for c in model.classes_],
        "coef": mat(coef),
        "intercept": vec(model.intercept_),
        "n_iter": int(np.max(model.n_iter_)),
        "proba": mat(proba),
        "predict": [label(c) for c in pred],
        "reference_accuracy": newton_diagnostics(model, X_tr, np.asarray(y_tr), sw),
    }
    if sums is not None:
        case["multinomial_sums"] = sums
    return case


def regression_case(name, data, X_tr, y_tr, X_te, model, alpha=None, fit_intercept=True,
                    weighted=False):
    sw = weights(X_tr.shape[0]) if weighted else None
    if model == "ridge":
        est = Ridge(alpha=alpha, fit_intercept=fit_intercept, solver="cholesky")
    else:
        est = LinearRegression(fit_intercept=fit_intercept)
    est.fit(X_tr, y_tr, sample_weight=sw)
    case = {
        "name": name,
        "data": data,
        "model": model,
        "alpha": num(alpha) if alpha is not None else None,
        "fit_intercept": fit_intercept,
        "weighted": weighted,
        "coef": vec(est.coef_),
        "intercept": num(est.intercept_),
        "predict": vec(est.predict(X_te)),
    }
    if model == "linear":
        case["rank"] = int(est.rank_)
    return case


# --- main -------------------------------------------------------------------------------------


def build(data_dir):
    versions = {"scikit-learn": sklearn.__version__, "numpy": np.__version__,
                "scipy": scipy.__version__}
    if versions != PINNED:
        print(f"warning: versions {versions} differ from the pinned {PINNED}; the output will "
              "not reproduce the committed file", file=sys.stderr)

    # pima
    pima_X, pima_y = arff_columns(os.path.join(data_dir, "diabetes.arff"), PIMA_FEATURES)
    pima_y = np.array(pima_y, dtype=object)
    p_tr, p_te = pima_X[:PIMA_TRAIN], pima_X[PIMA_TRAIN:]
    py_tr, py_te = pima_y[:PIMA_TRAIN], pima_y[PIMA_TRAIN:]
    imp = SimpleImputer(missing_values=0.0, strategy="mean").fit(p_tr)
    pi_tr, pi_te = imp.transform(p_tr), imp.transform(p_te)
    psc = StandardScaler().fit(pi_tr)
    ps_tr, ps_te = psc.transform(pi_tr), psc.transform(pi_te)

    # breast_cancer
    bc = load_breast_cancer()
    b_tr, b_te = bc.data[:BC_TRAIN], bc.data[BC_TRAIN:]
    by_tr = bc.target[:BC_TRAIN]
    bsc = StandardScaler().fit(b_tr)
    bs_tr, bs_te = bsc.transform(b_tr), bsc.transform(b_te)

    # wine (sorted by class: interleaved split)
    wine = load_wine()
    w_test = np.arange(wine.data.shape[0]) % 4 == 3
    w_tr, w_te = wine.data[~w_test], wine.data[w_test]
    wy_tr = wine.target[~w_test]
    wsc = StandardScaler().fit(w_tr)
    ws_tr, ws_te = wsc.transform(w_tr), wsc.transform(w_te)

    # cpu (regression)
    cpu_X, cpu_y = arff_columns(os.path.join(data_dir, "cpu.arff"), CPU_FEATURES)
    cpu_y = np.array([float(v) for v in cpu_y])
    c_tr, c_te = cpu_X[:CPU_TRAIN], cpu_X[CPU_TRAIN:]
    cy_tr = cpu_y[:CPU_TRAIN]
    csc = StandardScaler().fit(c_tr)
    cs_tr, cs_te = csc.transform(c_tr), csc.transform(c_te)

    # pima_age (regression): age from the six other features, imputed then scaled
    a_idx = [PIMA_FEATURES.index(n) for n in PIMA_AGE_FEATURES]
    age = pima_X[:, PIMA_FEATURES.index("age")]
    a_tr, a_te = pima_X[:PIMA_TRAIN][:, a_idx], pima_X[PIMA_TRAIN:][:, a_idx]
    aimp = SimpleImputer(missing_values=0.0, strategy="mean").fit(a_tr)
    asc = StandardScaler().fit(aimp.transform(a_tr))
    as_tr, as_te = asc.transform(aimp.transform(a_tr)), asc.transform(aimp.transform(a_te))
    ay_tr = age[:PIMA_TRAIN]

    inf = float("inf")
    logistic = [
        logistic_case("pima_C1", "pima", ps_tr, py_tr, ps_te, C=1.0),
        logistic_case("pima_C0.1", "pima", ps_tr, py_tr, ps_te, C=0.1),
        logistic_case("pima_no_intercept", "pima", ps_tr, py_tr, ps_te, fit_intercept=False),
        logistic_case("pima_no_penalty", "pima", ps_tr, py_tr, ps_te, C=inf),
        logistic_case("pima_weighted", "pima", ps_tr, py_tr, ps_te, weighted=True),
        logistic_case("pima_balanced", "pima", ps_tr, py_tr, ps_te, class_weight="balanced"),
        logistic_case("pima_balanced_weighted", "pima", ps_tr, py_tr, ps_te, weighted=True,
                      class_weight="balanced"),
        logistic_case("breast_cancer_C1", "breast_cancer", bs_tr, by_tr, bs_te, C=1.0),
        logistic_case("breast_cancer_C0.1", "breast_cancer", bs_tr, by_tr, bs_te, C=0.1),
        logistic_case("breast_cancer_no_intercept", "breast_cancer", bs_tr, by_tr, bs_te,
                      fit_intercept=False),
        logistic_case("breast_cancer_weighted", "breast_cancer", bs_tr, by_tr, bs_te,
                      weighted=True),
        logistic_case("breast_cancer_balanced", "breast_cancer", bs_tr, by_tr, bs_te,
                      class_weight="balanced"),
        logistic_case("wine_C1", "wine", ws_tr, wy_tr, ws_te, C=1.0),
        logistic_case("wine_C0.1", "wine", ws_tr, wy_tr, ws_te, C=0.1),
        logistic_case("wine_no_intercept", "wine", ws_tr, wy_tr, ws_te, fit_intercept=False),
        logistic_case("wine_balanced_weighted", "wine", ws_tr, wy_tr, ws_te, weighted=True,
                      class_weight="balanced"),
    ]
    regression = [
        regression_case("cpu_linear", "cpu", cs_tr, cy_tr, cs_te, "linear"),
        regression_case("cpu_linear_no_intercept", "cpu", cs_tr, cy_tr, cs_te, "linear",
                        fit_intercept=False),
        regression_case("cpu_linear_weighted", "cpu", cs_tr, cy_tr, cs_te, "linear",
                        weighted=True),
        regression_case("cpu_ridge_1", "cpu", cs_tr, cy_tr, cs_te, "ridge", alpha=1.0),
        regression_case("cpu_ridge_10", "cpu", cs_tr, cy_tr, cs_te, "ridge", alpha=10.0),
        regression_case("cpu_ridge_10_weighted", "cpu", cs_tr, cy_tr, cs_te, "ridge",
                        alpha=10.0, weighted=True),
        regression_case("cpu_ridge_1_no_intercept", "cpu", cs_tr, cy_tr, cs_te, "ridge",
                        alpha=1.0, fit_intercept=False),
        regression_case("pima_age_linear", "pima_age", as_tr, ay_tr, as_te, "linear"),
        regression_case("pima_age_ridge_10", "pima_age", as_tr, ay_tr, as_te, "ridge",
                        alpha=10.0),
    ]

    return {
        "about": {
            "generator": "tests/reference/make_reference.py",
            "versions": versions,
            "weights": "w_i = 1 + (i % 3) for training row i (0-based), in weighted cases",
            "logistic_solver": "LogisticRegression(solver='newton-cholesky', tol=1e-12, "
                               "max_iter=1000); C null means C=inf (no penalty)",
            "ridge_solver": "Ridge(solver='cholesky')",
            "transform_rows": "positions within the test set",
        },
        "datasets": {
            "pima": {"file": "diabetes.arff", "features": PIMA_FEATURES, "rows": 768,
                     "train": "rows 0..575", "test": "rows 576..767",
                     "label": "class (tested_negative / tested_positive)"},
            "pima_imputed": {"from": "pima", "preprocessing":
                             "SimpleImputer(missing_values=0, strategy='mean') fitted on train"},
            "breast_cancer": {"file": "breast_cancer.csv (inside scikit-learn)", "rows": 569,
                              "train": "rows 0..425", "test": "rows 426..568",
                              "label": "0 = malignant, 1 = benign"},
            "breast_cancer_constant": {
                "from": "breast_cancer",
                "extra_columns": "const_tenth = 0.1 everywhere; near_const_big = 1e8 for even "
                                 "row index (counted over the whole file), nextafter(1e8, 2e8) "
                                 "for odd"},
            "wine": {"file": "wine_data.csv (inside scikit-learn)", "rows": 178,
                     "features": WINE_FEATURES, "train": "rows with i % 4 != 3",
                     "test": "rows with i % 4 == 3", "label": "0, 1, 2"},
            "cpu": {"file": "cpu.arff", "features": CPU_FEATURES, "rows": 209,
                    "train": "rows 0..156", "test": "rows 157..208",
                    "target": "class (relative performance)"},
            "pima_age": {"from": "pima", "features": PIMA_AGE_FEATURES, "target": "age",
                         "train": "rows 0..575", "test": "rows 576..767"},
            "model_inputs": "logistic and regression cases are fitted on StandardScaler "
                            "output (pima and pima_age: after SimpleImputer(missing_values=0, "
                            "strategy='mean')), the preprocessing fitted on train without "
                            "weights",
        },
        "imputer": imputer_cases(p_tr, p_te),
        "scaler": scaler_cases(pi_tr, pi_te, b_tr, b_te),
        "logistic": logistic,
        "regression": regression,
    }


def render(doc, indent=0):
    """JSON with sorted keys; a list of scalars goes on one line (floats as repr, which reads back
    to the same double); everything else one item per line."""
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(doc, dict):
        if not doc:
            return "{}"
        items = [f"{inner}{json.dumps(k)}: {render(doc[k], indent + 1)}" for k in sorted(doc)]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(doc, list):
        if all(not isinstance(v, (dict, list)) for v in doc):
            return "[" + ", ".join(json.dumps(v, allow_nan=False) for v in doc) + "]"
        items = [inner + render(v, indent + 1) for v in doc]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(doc, allow_nan=False)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", default=os.environ.get("FERRY_DATA_DIR"),
                    help="folder with diabetes.arff and cpu.arff (default: $FERRY_DATA_DIR)")
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "reference.json"))
    ap.add_argument("--check", action="store_true",
                    help="compare with the existing file instead of writing it")
    args = ap.parse_args()
    if not args.data_dir:
        ap.error("give --data-dir or set FERRY_DATA_DIR")

    text = render(build(args.data_dir)) + "\n"
    out = os.path.normpath(args.out)
    if args.check:
        with open(out, encoding="utf-8") as f:
            old = f.read()
        if old == text:
            print(f"{out}: reproduced byte for byte")
            return 0
        print(f"{out}: differs from a fresh run", file=sys.stderr)
        return 1
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
