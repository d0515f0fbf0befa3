/* `mapa allocate DIR -o OUT`: members to sub-teams and SPOCs, optimal under the settings. */
#include "cli/cli.h"

static const char help_text[] =
    "Usage: mapa allocate [OPTIONS] DIR -o OUT\n\n"
    "Allocate the members of the partnership in DIR to one sub-team per topic and\n"
    "choose each team's SPOC, optimally for the objective (docs/model.md). Writes\n"
    "OUT/teams.csv and OUT/summary.json (whole or not at all) and prints a summary.\n\n"
    "Options (each overrides settings.json):\n"
    "  -o, --out OUT            folder for the plan (created when missing)\n"
    "      --objective NAME     borda (default), convex, weights, rank-maximal, fair\n"
    "      --weights 10,6,3     score of rank 1, 2, ... (implies --objective weights)\n"
    "      --policy NAME        optimal (default), greedy or random (research baselines)\n"
    "      --seed N             seed of the baselines\n"
    "      --max-moves N        at most N members leave their previous_team\n"
    "      --move-penalty X     objective points lost per member moved (default 1)\n"
    "      --require-statutory  every team has a member of a statutory agency\n"
    "      --require-voluntary  every team has a member of a voluntary agency\n"
    "      --soft               relax limits that cannot hold, and report each relaxation\n"
    "      --time-limit S       stop the integer program after S seconds (bound and gap kept)\n"
    "      --gap G              stop at relative gap G (default 0: proven optimal)\n"
    "      --write-lp FILE      write the model solved, in CPLEX LP format\n"
    "      --formulation F      auto (default), aggregated or full (for checks)\n"
    "  -v, --verbose            log what the solver does, on stderr\n"
    "  -q, --quiet              no summary on stdout\n"
    "  -h, --help               show this help\n\n"
    "Exit 65 when the limits cannot all hold: the reasons are printed and written\n"
    "to OUT/summary.json (no teams.csv is written).\n";

static int run(int argc, char **argv)
{
    return mapa_cli_plan(argc, argv, "allocate", help_text, MAPA_MODE_ALLOCATE);
}

const mapa_command mapa_cmd_allocate = {"allocate", "allocate members to sub-teams and SPOCs",
                                        help_text, run};
