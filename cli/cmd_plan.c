/* `mapa plan DIR -o OUT`: the whole pipeline a co-ordinator runs before a meeting. */
#include "cli/cli.h"
#include "cli/plan_options.h"

static const mapa_cli_spec spec = {
    "plan", "Usage: mapa plan [OPTIONS] DIR -o OUT",
    "Validate the partnership in DIR and plan it: the allocation of members to\n"
    "sub-teams with their SPOCs (as mapa allocate), then the Critical Friends of\n"
    "each team (as mapa cf), then the network figures of the plan (as mapa\n"
    "metrics), the duplicated actions of actions.csv (as mapa duplicates) and the\n"
    "diagrams (as mapa draw). Writes OUT/teams.csv, OUT/critical_friends.csv,\n"
    "OUT/summary.json, OUT/metrics/, OUT/duplicates.csv and OUT/diagrams/.\n"
    "Each option overrides settings.json.\n",
    mapa_cli_plan_opts, "folder",
    "Exit 65 when the limits cannot all hold or the Critical Friend places cannot\n"
    "all be filled: the reasons are printed and written to OUT/summary.json.\n"};

static int run(int argc, char **argv)
{
    return mapa_cli_plan(&spec, MAPA_MODE_PLAN, argc, argv);
}

const mapa_command mapa_cmd_plan = {
    "plan", "validate and plan: allocation, SPOCs, Critical Friends, network figures, duplicates",
    &spec, MAPA_MODE_PLAN, run};
