/* libFuzzer target: agencies.csv read into an empty partnership. */
#include <stdlib.h>

#include "fuzz_common.h"
#include "io/readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mapa_partnership *p = NULL;
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa__csv_table t = MAPA__CSV_TABLE_INIT;
    if (mapa_partnership_new(&p) != MAPA_OK)
        abort();
    if (fuzz_parse(&t, data, size, "agencies.csv", &d) == MAPA_OK)
        mapa__read_agencies(p, &t, NULL, &d);
    fuzz_check_diags(&d);
    mapa__csv_table_dispose(&t);
    mapa_diags_dispose(&d);
    mapa_partnership_free(p);
    return 0;
}
