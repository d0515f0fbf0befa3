/* Where a key is written in a JSON file (io/json_position.h). */
#include <string.h>

#include "io/json_position.h"

void mapa__json_key_position(const char *text, const char *key, size_t *line, size_t *col)
{
    *line = 1;
    *col = 1;
    size_t klen = strlen(key);
    for (const char *s = text; *s; s++) {
        if (*s == '"' && strncmp(s + 1, key, klen) == 0 && s[klen + 1] == '"')
            return;
        if (*s == '\n') {
            (*line)++;
            *col = 1;
        } else if ((*s & 0xC0) != 0x80) {
            (*col)++;
        }
    }
    *line = 1;
    *col = 1;
}
