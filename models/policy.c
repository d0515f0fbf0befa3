/* Policy names: one table per kind, read by the CLI, the sweep files and the HDF5 rows. */
#include <string.h>

#include <mapa/policy.h>

static const struct {
    const char *name;
    mapa_alloc_policy policy;
} alloc_names[] = {
    {"optimal", MAPA_POLICY_OPTIMAL}, {"greedy", MAPA_POLICY_GREEDY}, {"random", MAPA_POLICY_RANDOM}};

static const struct {
    const char *name;
    mapa_cf_policy policy;
} cf_names[] = {{"optimal", MAPA_CF_OPTIMAL}, {"random", MAPA_CF_RANDOM}, {"none", MAPA_CF_NONE}};

#define COUNT(a) (sizeof(a) / sizeof *(a))

const char *mapa_alloc_policy_name(mapa_alloc_policy policy)
{
    for (size_t k = 0; k < COUNT(alloc_names); k++)
        if (alloc_names[k].policy == policy)
            return alloc_names[k].name;
    return "optimal";
}

bool mapa_alloc_policy_parse(mapa_alloc_policy *out, const char *name)
{
    for (size_t k = 0; k < COUNT(alloc_names); k++)
        if (strcmp(alloc_names[k].name, name) == 0) {
            *out = alloc_names[k].policy;
            return true;
        }
    return false;
}

const char *mapa_cf_policy_name(mapa_cf_policy policy)
{
    for (size_t k = 0; k < COUNT(cf_names); k++)
        if (cf_names[k].policy == policy)
            return cf_names[k].name;
    return "optimal";
}

bool mapa_cf_policy_parse(mapa_cf_policy *out, const char *name)
{
    for (size_t k = 0; k < COUNT(cf_names); k++)
        if (strcmp(cf_names[k].name, name) == 0) {
            *out = cf_names[k].policy;
            return true;
        }
    return false;
}
