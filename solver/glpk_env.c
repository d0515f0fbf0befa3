/* GLPK's error and terminal hooks tamed in one place (STYLE: errors). */
#include "solver/glpk_env.h"

#include <glpk.h>
#include <string.h>

static int on_term(void *info, const char *s)
{
    mapa__glpk_guard *g = info;
    if (g->log) {
        char line[256];
        size_t n = strlen(s);
        while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
            n--;
        if (n >= sizeof line)
            n = sizeof line - 1;
        memcpy(line, s, n);
        line[n] = '\0';
        if (n)
            g->log(line, g->payload);
    }
    return 1; /* never print */
}

static void on_error(void *info)
{
    mapa__glpk_guard *g = info;
    longjmp(g->jump, 1);
}

void mapa__glpk_hooks_on(mapa__glpk_guard *g)
{
    glp_term_hook(on_term, g);
    glp_error_hook(on_error, g);
}

void mapa__glpk_hooks_off(int failed)
{
    if (failed) {
        glp_free_env(); /* GLPK's manual: the environment is invalid after an error */
        return;
    }
    glp_term_hook(NULL, NULL);
    glp_error_hook(NULL, NULL);
}
