/* `mapa cf DIR --teams OUT/teams.csv -o OUT`: Critical Friends for a saved allocation. */
#include "cli/cli.h"

static const char help_text[] =
    "Usage: mapa cf [OPTIONS] DIR --teams TEAMS.csv -o OUT\n\n"
    "Choose the Critical Friends of each sub-team of a saved plan (TEAMS.csv, as\n"
    "mapa allocate writes it): members of other teams who join its Decision-making\n"
    "and Evaluation stages. Each team gets cf_required CFs from distinct home\n"
    "teams, each member serves at most cf_capacity teams, and the team graph\n"
    "(h -> t when a member of h reviews t) is strongly connected (docs/model.md).\n"
    "Writes OUT/critical_friends.csv and the critical_friends section of\n"
    "OUT/summary.json (other sections are kept).\n\n"
    "Options (each overrides settings.json):\n"
    "  -o, --out OUT          folder for the plan\n"
    "      --teams FILE       the allocation (teams.csv)\n"
    "      --no-spoc-cf       SPOCs do no Critical Friend duty\n"
    "      --cf-per-stage     separate CFs for Decision-making and Evaluation\n"
    "      --cf-policy NAME   optimal (default), random or none (research baselines)\n"
    "      --seed N           seed of the random baseline\n"
    "      --soft             fill as many places as possible and report the rest\n"
    "      --write-lp FILE    write the model solved, in CPLEX LP format\n"
    "  -v, --verbose          log each round of connectivity cuts, on stderr\n"
    "  -q, --quiet            no summary on stdout\n"
    "  -h, --help             show this help\n\n"
    "Exit 65 when the places cannot all be filled: the reasons are printed and\n"
    "written to OUT/summary.json (no critical_friends.csv is written).\n";

static int run(int argc, char **argv)
{
    return mapa_cli_plan(argc, argv, "cf", help_text, MAPA_MODE_CF);
}

const mapa_command mapa_cmd_cf = {"cf", "choose Critical Friends for a saved plan", help_text, run};
