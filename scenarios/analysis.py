#!/usr/bin/python3
"""Read a mapa sweep's HDF5 dataset and compare its policies, paired per grid point.

    python3 scenarios/analysis.py results.h5                  # the policies that vary
    python3 scenarios/analysis.py results.h5 --metric reach_two_steps --factor cf_policy
    python3 scenarios/analysis.py results.h5 --csv paired.csv  # the table, for a plot

As a module: runs, attrs = load("results.h5"); table = paired(runs, "first_choice_share").

Only the standard library, h5py and pandas (Debian: python3-h5py, python3-pandas).
A unit's partnership is planned under every policy (docs/sweeps.md), so policies are compared
on the same partnerships: the difference per replicate, its mean and a 95% confidence interval
(Student's t). Means are over the pairs kept. A pair counts only when both runs have plan_valid: a plan that breaks rules (a
greedy or random baseline) or no plan at all is left out and counted, never averaged in.
"""
import argparse
import math
import statistics
import sys

import h5py
import pandas

# Student's t, two-sided 95% (0.975 quantile), for 1..30 degrees of freedom.
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
        2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
        2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def t975(df):
    """The 0.975 quantile of Student's t: a table to 30, then Cornish-Fisher (error < 1e-4)."""
    if df <= len(T975):
        return T975[df - 1]
    z = statistics.NormalDist().inv_cdf(0.975)
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def load(path):
    """/runs as a DataFrame sorted by run_id, text columns as str, and the root's attributes.

    HDF5 text columns reach numpy as bytes; the one-line decode is
    runs[c] = runs[c].str.decode("utf-8") for each object column.
    """
    with h5py.File(path, "r") as f:
        runs = pandas.DataFrame(f["runs"][:])
        attrs = {k: (v.decode("utf-8") if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
    for c in runs.columns:
        if runs[c].dtype == object:
            runs[c] = runs[c].str.decode("utf-8")
    runs = runs.sort_values("run_id").reset_index(drop=True)
    return runs, attrs


def grid_columns(runs):
    return [c for c in runs.columns if c.startswith("param_")]


def paired(runs, metric, factor=None, baseline=None):
    """Per grid point and policy: the paired difference to the baseline policy.

    factor: "alloc_policy" or "cf_policy" (default: the one with more than one value); the
    other policy stays fixed within a pair. baseline: a policy name (default: the first in the
    file). Returns one row per (grid point, other policy, policy) with n pairs, the mean
    difference and its 95% confidence interval, and the runs left out for not being valid.
    """
    if factor is None:
        factor = "alloc_policy" if runs["alloc_policy"].nunique() > 1 else "cf_policy"
    other = "cf_policy" if factor == "alloc_policy" else "alloc_policy"
    policies = list(dict.fromkeys(runs[factor]))  # in the file's order
    baseline = baseline or policies[0]
    if baseline not in policies:
        raise SystemExit(f"analysis: no runs of {factor} '{baseline}' (there are {policies})")
    grid = grid_columns(runs)
    keys = ["scenario"] + grid + [other]
    out = []
    for key, point in runs.groupby(keys, sort=True):
        base = point[point[factor] == baseline].set_index("replicate")
        for policy in policies:
            if policy == baseline:
                continue
            this = point[point[factor] == policy].set_index("replicate")
            both = base.join(this, how="inner", lsuffix="_base")
            valid = both["plan_valid_base"] & both["plan_valid"]
            kept = both[valid & both[metric].notna() & both[metric + "_base"].notna()]
            d = kept[metric] - kept[metric + "_base"]
            n = len(d)
            mean = d.mean() if n else math.nan
            half = t975(n - 1) * d.std(ddof=1) / math.sqrt(n) if n > 1 else math.nan
            row = dict(zip(keys, key))
            row.update(policy=policy, baseline=baseline, pairs=n,
                       invalid_policy=int((~this["plan_valid"]).sum()),
                       invalid_baseline=int((~base["plan_valid"]).sum()),
                       mean_policy=kept[metric].mean(), mean_baseline=kept[metric + "_base"].mean(),
                       difference=mean, ci_low=mean - half, ci_high=mean + half)
            out.append(row)
    return pandas.DataFrame(out)


def show(table, metric, factor):
    grid = grid_columns(table)
    other = "cf_policy" if factor == "alloc_policy" else "alloc_policy"
    print(f"{metric}: each {factor} against {table['baseline'].iloc[0]}, paired by replicate "
          f"({other} fixed); 95% confidence intervals; invalid plans left out")
    for _, r in table.iterrows():
        where = ", ".join(f"{g[6:]}={r[g]:g}" for g in grid) or "the one grid point"
        ci = (f"[{r.ci_low:+.4f}, {r.ci_high:+.4f}]" if not math.isnan(r.ci_low) else "[n/a]")
        left = ""
        if r.invalid_policy or r.invalid_baseline:
            left = (f"; left out: {r.invalid_policy} {r.policy} and "
                    f"{r.invalid_baseline} {r.baseline} runs without a valid plan")
        print(f"  {where}, {other}={r[other]}: {r.policy} {r.mean_policy:.4f} vs "
              f"{r.baseline} {r.mean_baseline:.4f}: difference {r.difference:+.4f} {ci} "
              f"over {r.pairs} pairs{left}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", help="the sweep's HDF5 dataset (mapa sweep ... -o FILE)")
    ap.add_argument("--metric", help="a /runs column (default: first_choice_share when "
                    "allocation policies vary, else reach_two_steps)")
    ap.add_argument("--factor", choices=["alloc_policy", "cf_policy"])
    ap.add_argument("--baseline", help="the policy the others are compared with (default: "
                    "the first in the sweep file)")
    ap.add_argument("--csv", help="write the table to this CSV file too")
    a = ap.parse_args(argv)
    runs, attrs = load(a.file)
    if runs.empty:
        raise SystemExit(f"analysis: {a.file} holds no runs yet")
    factor = a.factor or ("alloc_policy" if runs["alloc_policy"].nunique() > 1 else "cf_policy")
    metric = a.metric or ("first_choice_share" if factor == "alloc_policy" else "reach_two_steps")
    if metric not in runs.columns:
        raise SystemExit(f"analysis: no column '{metric}' in /runs")
    total = len(runs)
    invalid = int((~runs["plan_valid"]).sum())
    print(f"{a.file}: {total} runs, {invalid} without a valid plan; sweep: {attrs.get('sweep')}")
    table = paired(runs, metric, factor, a.baseline)
    show(table, metric, factor)
    if a.csv:
        table.to_csv(a.csv, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
