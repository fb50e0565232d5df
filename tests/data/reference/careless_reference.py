"""Reference figures for psym-careless: the careless R package's definitions, with numpy.

Run in this folder: `python3 careless_reference.py` (numpy 2.4, pandas 3.1; careless-py 1.1.0 only for
the IRV cross-check). Writes careless.json. The R package (careless 1.2.x, Yentes & Wilhelm)
is followed function by function; its Python port careless-py 1.1.0 differs from R in
evenodd (it averages item-level correlations within each factor), longstring (it works on
strings), irv (it divides by a, not a - 1) and person_total (the item means include the
person), so those are written here.

Data: ../alliance_en_nb.csv, items i1..i12 (1-7), subscales i1-i4, i5-i8, i9-i12, i4 and i11
reverse-keyed (8 - x) for even-odd. Synonyms and antonyms use critval = .40 (at .60 the
example has a single synonym pair).
"""

import json

import numpy as np
import pandas as pd

CRITVAL = 0.40
data = pd.read_csv("../alliance_en_nb.csv")
items = [f"i{j}" for j in range(1, 13)]
x = data[items].to_numpy(dtype=float)
n, p = x.shape


def cor_pairwise(a, b):
    """R's cor(a, b, use = "pairwise.complete.obs"); NaN without variance or pairs."""
    ok = ~(np.isnan(a) | np.isnan(b))
    if ok.sum() < 2:
        return np.nan
    a, b = a[ok], b[ok]
    da, db = a - a.mean(), b - b.mean()
    den = np.sqrt((da * da).sum() * (db * db).sum())
    return np.nan if den == 0 else float((da * db).sum() / den)


def longstring(row):
    """careless::longstring(avg = TRUE / FALSE) on a complete row: rle lengths."""
    runs, current = [], 1
    for a, b in zip(row[:-1], row[1:]):
        if a == b:
            current += 1
        else:
            runs.append(current)
            current = 1
    runs.append(current)
    return max(runs), float(np.mean(runs))


def irv(row):
    """careless::irv(x, na.rm = TRUE): sd of the row, n - 1."""
    v = row[~np.isnan(row)]
    return float(np.std(v, ddof=1)) if len(v) > 1 else None


# psych::outlier (careless::mahad): pairwise covariance, its inverse, colMeans(na.rm)
cov = np.array([[np.nan] * p for _ in range(p)])
for j in range(p):
    for k in range(p):
        ok = ~(np.isnan(x[:, j]) | np.isnan(x[:, k]))
        a, b = x[ok, j], x[ok, k]
        cov[j, k] = ((a - a.mean()) * (b - b.mean())).sum() / (ok.sum() - 1)
cov_inv = np.linalg.inv(cov)
means = np.nanmean(x, axis=0)


def mahad(row):
    """D^2 of a complete row (psych::outlier); None for a row with a missing answer."""
    if np.isnan(row).any():
        return None
    d = row - means
    return float(d @ cov_inv @ d)


def evenodd(row):
    """careless::evenodd(x, factors = c(4, 4, 4)) with reverse keys applied, sign as before 1.2."""
    keyed = row.copy()
    for j in (3, 10):
        keyed[j] = 8 - keyed[j]
    even, odd = [], []
    for start in (0, 4, 8):
        s = keyed[start : start + 4]
        even.append(np.nanmean(s[1::2]) if not np.isnan(s[1::2]).all() else np.nan)
        odd.append(np.nanmean(s[0::2]) if not np.isnan(s[0::2]).all() else np.nan)
    r = cor_pairwise(np.array(even), np.array(odd))
    if np.isnan(r):
        return None
    val = -1.0 if r == -1 else 2 * r / (1 + r)
    return max(val, -1.0)


cor = np.array([[cor_pairwise(x[:, j], x[:, k]) for k in range(p)] for j in range(p)])
synonym_pairs = [(j, k) for j in range(p) for k in range(j + 1, p) if cor[j, k] > CRITVAL]
antonym_pairs = [(j, k) for j in range(p) for k in range(j + 1, p) if cor[j, k] < -CRITVAL]


def psychsyn(row, pairs):
    """careless::psychsyn / psychant(resample_na = FALSE): more than two complete pairs."""
    a = np.array([row[j] for j, _ in pairs])
    b = np.array([row[k] for _, k in pairs])
    if (~(np.isnan(a) | np.isnan(b))).sum() <= 2:
        return None
    r = cor_pairwise(a, b)
    return None if np.isnan(r) else r


sums = np.nansum(x, axis=0)
counts = (~np.isnan(x)).sum(axis=0)


def person_total(row):
    """Curran (2016): correlation with the item means of the other respondents."""
    ok = ~np.isnan(row)
    others = (sums - np.where(ok, row, 0)) / (counts - 1)
    r = cor_pairwise(np.where(ok, row, np.nan), others)
    return None if np.isnan(r) else r


rows = []
for i in range(n):
    row = x[i]
    complete = not np.isnan(row).any()
    ls = longstring(row) if complete else (None, None)
    rows.append(
        {
            "id": data["id"][i],
            "complete": complete,
            "longstring": ls[0],
            "longstring_avg": ls[1],
            "irv": irv(row),
            "mahalanobis_d2": mahad(row),
            "even_odd": evenodd(row),
            "synonyms": psychsyn(row, synonym_pairs),
            "antonyms": psychsyn(row, antonym_pairs),
            "person_total": person_total(row),
        }
    )

try:  # cross-check IRV with the port, whose np.nanstd divides by a, not R's a - 1
    import careless

    answered = (~np.isnan(x)).sum(axis=1)
    port = careless.irv(x) * np.sqrt(answered / (answered - 1))
    ours = np.array([np.nan if r["irv"] is None else r["irv"] for r in rows])
    assert np.allclose(port, ours, equal_nan=True), "careless-py irv differs"
except ImportError:
    pass

with open("careless.json", "w") as f:
    json.dump(
        {
            "source": "careless_reference.py: careless R package definitions with numpy, ../alliance_en_nb.csv",
            "critval": CRITVAL,
            "synonym_pairs": synonym_pairs,
            "antonym_pairs": antonym_pairs,
            "rows": rows,
        },
        f,
        indent=1,
    )
