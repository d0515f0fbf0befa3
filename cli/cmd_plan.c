/* `mapa plan DIR -o OUT`: the whole pipeline a co-ordinator runs before a meeting. */
#include "cli/cli.h"

static const char help_text[] =
    "Usage: mapa plan [OPTIONS] DIR -o OUT\n\n"
    "Validate the partnership in DIR and plan it: the allocation of members to\n"
    "sub-teams with their SPOCs (as mapa allocate), then the Critical Friends of\n"
    "each team (as mapa cf), then the network figures of the plan (as mapa\n"
    "metrics) and the duplicated actions of actions.csv (as mapa duplicates).\n"
    "Writes OUT/teams.csv, OUT/critical_friends.csv, OUT/summary.json, OUT/metrics/\n"
    "and OUT/duplicates.csv. Diagrams and sweeps join as they land. Takes\n"
    "every option of mapa allocate and mapa cf; there --write-lp is the\n"
    "allocation model and --cf-write-lp FILE the Critical Friend model;\n"
    "--window W (month, quarter, Nd) adds metrics per window of interactions.csv.\n";

static int run(int argc, char **argv)
{
    return mapa_cli_plan(argc, argv, "plan", help_text, MAPA_MODE_PLAN);
}

const mapa_command mapa_cmd_plan = {
    "plan", "validate and plan: allocation, SPOCs, Critical Friends, network figures, duplicates",
    help_text, run};
