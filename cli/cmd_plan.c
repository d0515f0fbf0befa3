/* `mapa plan DIR -o OUT`: the whole pipeline a co-ordinator runs before a meeting. */
#include "cli/cli.h"

static const char help_text[] =
    "Usage: mapa plan [OPTIONS] DIR -o OUT\n\n"
    "Validate the partnership in DIR and plan it: the allocation of members to\n"
    "sub-teams with their SPOCs (as mapa allocate), then the Critical Friends of\n"
    "each team (as mapa cf), then the network figures of the plan (as mapa\n"
    "metrics) and the duplicated actions of actions.csv (as mapa duplicates).\n"
    "Writes OUT/teams.csv, OUT/critical_friends.csv, OUT/summary.json, OUT/metrics/\n"
    "OUT/duplicates.csv and the diagrams in OUT/diagrams/. Takes every option of\n"
    "mapa allocate and mapa cf; there --write-lp is the allocation model and\n"
    "--cf-write-lp FILE the Critical Friend model; --window W (month, quarter, Nd)\n"
    "adds metrics per window of interactions.csv; --hdf5 FILE writes the plan's\n"
    "figures and arrays as one run of the HDF5 dataset (docs/hdf5-schema.md).\n";

static int run(int argc, char **argv)
{
    return mapa_cli_plan(argc, argv, "plan", help_text, MAPA_MODE_PLAN);
}

const mapa_command mapa_cmd_plan = {
    "plan", "validate and plan: allocation, SPOCs, Critical Friends, network figures, duplicates",
    help_text, run};
