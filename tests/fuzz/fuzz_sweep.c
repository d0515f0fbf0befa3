/* libFuzzer target: a sweep file (mapa sweep FILE), loaded and checked, not run. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mapa_sweep s;
    mapa_diags d = MAPA_DIAGS_INIT;
    if (mapa_sweep_load(&s, fuzz_file(data, size), &d) == MAPA_OK)
        mapa_sweep_dispose(&s);
    fuzz_check_diags(&d);
    mapa_diags_dispose(&d);
    return 0;
}
