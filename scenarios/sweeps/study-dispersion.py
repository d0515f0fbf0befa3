#!/usr/bin/python3
"""The README's study: optimal against greedy allocation on first choices, by dispersion.

    mpirun -n 3 mapa sweep scenarios/sweeps/study-dispersion.json -o study.h5
    python3 scenarios/sweeps/study-dispersion.py study.h5 docs/study-dispersion.png

Left: the share of members in their first choice, optimal against greedy, with greedy's
plans that break rules counted (the trap) and left out (valid plans only, paired with the
optimum on the same partnerships). Right: how often greedy breaks rules. 95% intervals.
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
        for label, pick, style in (
                ("optimal", lambda d: d[(d.alloc_policy == "optimal") & d.plan_valid], "-o"),
                ("greedy, all plans", lambda d: d[d.alloc_policy == "greedy"], ":x"),
                ("greedy, valid plans", lambda d: d[(d.alloc_policy == "greedy") & d.plan_valid],
                 "--s")):
            ms = [mean_ci(pick(part[part.param_dispersion == x]).first_choice_share) for x in xs]
            left.errorbar(xs, [m for m, _ in ms], yerr=[h for _, h in ms], fmt=style,
                          color=colour, capsize=3, label=f"{members} members: {label}")
        greedy = part[part.alloc_policy == "greedy"]
        share = [1 - greedy[greedy.param_dispersion == x].plan_valid.mean() for x in xs]
        right.plot(xs, share, "-o", color=colour, label=f"{members} members")
    left.set(xscale="log", xlabel="dispersion of preferences (Plackett-Luce temperature)",
             ylabel="share of members in their first choice",
             title="First choices: optimal against greedy")
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
    with_valid = table[table.pairs > 0]
    print(with_valid[["param_members", "param_dispersion", "pairs", "invalid_policy",
                      "mean_baseline", "mean_policy", "difference", "ci_low", "ci_high"]]
          .to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
