/* `mapa cf DIR --teams OUT/teams.csv -o OUT`: Critical Friends for a saved allocation. */
#include "cli/cli.h"
#include "cli/plan_options.h"

static const mapa_cli_spec spec = {
    "cf", "Usage: mapa cf [OPTIONS] DIR --teams TEAMS.csv -o OUT",
    "Choose the Critical Friends of each sub-team of a saved plan (TEAMS.csv, as\n"
    "mapa allocate writes it): members of other teams who join its Decision-making\n"
    "and Evaluation stages. Each team gets cf_required CFs from distinct home\n"
    "teams, each member serves at most cf_capacity teams, and the team graph\n"
    "(h -> t when a member of h reviews t) is strongly connected (docs/model.md).\n"
    "Writes OUT/critical_friends.csv and the critical_friends section of\n"
    "OUT/summary.json (other sections are kept). Each option overrides settings.json.\n",
    mapa_cli_plan_opts, "folder",
    "Exit 65 when the places cannot all be filled: the reasons are printed and\n"
    "written to OUT/summary.json (no critical_friends.csv is written).\n"};

static int run(int argc, char **argv)
{
    return mapa_cli_plan(&spec, MAPA_MODE_CF, argc, argv);
}

const mapa_command mapa_cmd_cf = {"cf", "choose Critical Friends for a saved plan", &spec,
                                  MAPA_MODE_CF, run};
