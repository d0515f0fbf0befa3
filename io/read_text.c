/* A whole text file in memory (io/read_text.h). */
#include "io/read_text.h"

#include "models/util.h"

char *mapa__read_text(FILE *fp, size_t limit, size_t *size)
{
    char *text = NULL;
    size_t cap = 0;
    *size = 0;
    for (;;) {
        void *grown = text;
        if (*size > limit || !mapa__grow(&grown, &cap, *size + 4097, 1))
            break;
        text = grown;
        size_t got = fread(text + *size, 1, cap - *size - 1, fp);
        *size += got;
        if (got == 0)
            break;
    }
    if (text)
        text[*size] = '\0';
    return text;
}
