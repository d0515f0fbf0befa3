/* `mapa plan DIR -o OUT`: the whole pipeline a co-ordinator runs before a meeting. */
#include "cli/cli.h"

static const char help_text[] =
    "Usage: mapa plan [OPTIONS] DIR -o OUT\n\n"
    "Validate the partnership in DIR and plan it: today the allocation of members\n"
    "to sub-teams with their SPOCs (as mapa allocate); Critical Friends, network\n"
    "metrics, duplicated actions and diagrams join as they land. Takes every option\n"
    "of mapa allocate (mapa help allocate).\n";

static int run(int argc, char **argv)
{
    return mapa_cli_plan(argc, argv, "plan", help_text, true);
}

const mapa_command mapa_cmd_plan = {"plan", "validate and plan a partnership (allocation today)",
                                    help_text, run};
