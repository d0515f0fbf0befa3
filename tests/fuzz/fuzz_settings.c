/* libFuzzer target: settings.json over the default settings. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "io/readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1); /* the reader's text is NUL-terminated, as read from a file */
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    mapa_settings s;
    mapa_settings_init(&s);
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa__parse_settings(&s, text, size, "settings.json", &d);
    fuzz_check_diags(&d);
    mapa_diags_dispose(&d);
    mapa_settings_dispose(&s);
    free(text);
    return 0;
}
