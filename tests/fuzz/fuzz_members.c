/* libFuzzer target: members.csv read into a partnership that holds the example's agencies and
 * topics. */
#include "fuzz_common.h"
#include "io/readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mapa_partnership *p = fuzz_partnership(FUZZ_AGENCIES_TOPICS);
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa__csv_table t = MAPA__CSV_TABLE_INIT;
    if (fuzz_parse(&t, data, size, "members.csv", &d) == MAPA_OK)
        mapa__read_members(p, &t, true, NULL, &d);
    fuzz_check_diags(&d);
    mapa__csv_table_dispose(&t);
    mapa_diags_dispose(&d);
    mapa_partnership_free(p);
    return 0;
}
