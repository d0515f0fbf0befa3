/* libFuzzer target: an edge list (mapa metrics --edges FILE). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mapa_network net = MAPA_NETWORK_INIT;
    mapa_diags d = MAPA_DIAGS_INIT;
    if (mapa_read_edges_csv(&net, fuzz_file(data, size), &d) == MAPA_OK)
        mapa_network_dispose(&net);
    fuzz_check_diags(&d);
    mapa_diags_dispose(&d);
    return 0;
}
