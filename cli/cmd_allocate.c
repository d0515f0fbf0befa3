/* `mapa allocate DIR -o OUT`: members to sub-teams and SPOCs, optimal under the settings. */
#include "cli/cli.h"
#include "cli/plan_options.h"

static const mapa_cli_spec spec = {
    "allocate", "Usage: mapa allocate [OPTIONS] DIR -o OUT",
    "Allocate the members of the partnership in DIR to one sub-team per topic and\n"
    "choose each team's SPOC, optimally for the objective (docs/model.md). Writes\n"
    "OUT/teams.csv and OUT/summary.json (whole or not at all) and prints a summary.\n"
    "Each option overrides settings.json.\n",
    mapa_cli_plan_opts, "folder",
    "Exit 65 when the limits cannot all hold: the reasons are printed and written\n"
    "to OUT/summary.json (no teams.csv is written).\n"};

static int run(int argc, char **argv)
{
    return mapa_cli_plan(&spec, MAPA_MODE_ALLOCATE, argc, argv);
}

const mapa_command mapa_cmd_allocate = {"allocate", "allocate members to sub-teams and SPOCs",
                                        &spec, MAPA_MODE_ALLOCATE, run};
