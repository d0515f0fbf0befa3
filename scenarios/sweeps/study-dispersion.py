#!/usr/bin/python3
"""The README's study: optimal against greedy allocation on first choices, by dispersion.

    mpirun -n 3 mapa sweep scenarios/sweeps/study-dispersion.json -o study.h5
    python3 scenarios/sweeps/study-dispersion.py study.h5 docs/study-dispersion.png

Left: greedy minus optimal in the share of members placed in their first choice, read
naively (every run, rules broken or not, unpaired) and properly (valid plans only, paired
with the optimum on the same partnership, 95% confidence interval). Right: how often
greedy's plan breaks a hard rule.
"""
import os
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import analysis  # noqa: E402  (scenarios/analysis.py)


def mean_ci(values):
    n = len(values)
    if n < 2:
        return values.mean(), float("nan")
    return values.mean(), analysis.t975(n - 1) * values.std(ddof=1) / n**0.5


def main(path, png):
    runs, _ = analysis.load(path)
    table = analysis.paired(runs, "first_choice_share", "alloc_policy", "optimal")
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    colours = {100: "tab:blue", 400: "tab:red"}
    for members, colour in colours.items():
        part = runs[runs.param_members == members]
        xs = sorted(part.param_dispersion.unique())
        # the naive reading: every greedy run against every optimal run, rules broken or not
        naive = [part[(part.param_dispersion == x) & (part.alloc_policy == "greedy")]
                 .first_choice_share.mean() -
                 part[(part.param_dispersion == x) & (part.alloc_policy == "optimal")]
                 .first_choice_share.mean() for x in xs]
        left.plot(xs, naive, ":x", color=colour, label=f"{members} members: all runs, unpaired")
        t = table[table.param_members == members].sort_values("param_dispersion")
        left.errorbar(t.param_dispersion, t.difference,
                      yerr=[t.difference - t.ci_low, t.ci_high - t.difference], fmt="-o",
                      color=colour, capsize=3,
                      label=f"{members} members: valid plans, paired (95% CI)")
        greedy = part[part.alloc_policy == "greedy"]
        share = [1 - greedy[greedy.param_dispersion == x].plan_valid.mean() for x in xs]
        right.plot(xs, share, "-o", color=colour, label=f"{members} members")
    left.axhline(0, color="grey", lw=0.8)
    left.set(xscale="log", xlabel="dispersion of preferences (Plackett-Luce temperature)",
             ylabel="greedy minus optimal, share in first choice",
             title="First choices: greedy against optimal")
    left.legend(fontsize=7)
    right.set(xscale="log", xlabel="dispersion of preferences", ylim=(0, 1),
              ylabel="share of greedy plans that break rules",
              title="Greedy plans that break hard rules")
    right.legend(fontsize=8)
    for ax in (left, right):
        ax.set_xticks(xs)
        ax.set_xticklabels([f"{x:g}" for x in xs])
        ax.minorticks_off()
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(png, dpi=110)
    print(table[["param_members", "param_dispersion", "pairs", "invalid_policy",
                 "mean_baseline", "mean_policy", "difference", "ci_low", "ci_high"]]
          .to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
