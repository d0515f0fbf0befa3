/* The generator's parameters by name: mapa generate's options and sweep files share them. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <mapa/generate.h>

typedef enum kind { COUNT, REAL, SEED } kind;

static const struct {
    const char *name;
    kind kind;
    size_t offset;
} KEYS[] = {
    {"members", COUNT, offsetof(mapa_generator, members)},
    {"topics", COUNT, offsetof(mapa_generator, topics)},
    {"agencies", COUNT, offsetof(mapa_generator, agencies)},
    {"seed", SEED, offsetof(mapa_generator, seed)},
    {"prefs", COUNT, offsetof(mapa_generator, prefs)},
    {"agency_skew", REAL, offsetof(mapa_generator, agency_skew)},
    {"popularity_skew", REAL, offsetof(mapa_generator, popularity_skew)},
    {"dispersion", REAL, offsetof(mapa_generator, dispersion)},
    {"affinity", REAL, offsetof(mapa_generator, affinity)},
    {"capacity_slack", REAL, offsetof(mapa_generator, capacity_slack)},
    {"min_agencies", COUNT, offsetof(mapa_generator, min_agencies)},
    {"cf_required", COUNT, offsetof(mapa_generator, cf_required)},
    {"spoc_willing", REAL, offsetof(mapa_generator, spoc_willing)},
    {"coordinators", COUNT, offsetof(mapa_generator, coordinators)},
    {"actions", COUNT, offsetof(mapa_generator, actions)},
    {"duplicate_share", REAL, offsetof(mapa_generator, duplicate_share)},
    {"interactions", COUNT, offsetof(mapa_generator, interactions)},
};
enum { N_KEYS = sizeof KEYS / sizeof KEYS[0] };

const char *mapa_generator_keys(void)
{
    return "members, topics, agencies, seed, prefs, agency_skew, popularity_skew, dispersion, "
           "affinity, capacity_slack, min_agencies, cf_required, spoc_willing, coordinators, "
           "actions, duplicate_share, interactions";
}

static int find(const char *key)
{
    for (int k = 0; k < (int)N_KEYS; k++)
        if (strcmp(KEYS[k].name, key) == 0)
            return k;
    return -1;
}

mapa_err mapa_generator_set(mapa_generator *g, const char *key, double value)
{
    int k = find(key);
    if (k < 0)
        return mapa_error_set(MAPA_EINVAL, "'%s' is not a generator parameter (known: %s)", key,
                              mapa_generator_keys());
    char *base = (char *)g + KEYS[k].offset;
    if (KEYS[k].kind == REAL) {
        if (!isfinite(value))
            return mapa_error_set(MAPA_EINVAL, "%s must be a finite number", key);
        memcpy(base, &value, sizeof value);
        return MAPA_OK;
    }
    if (!(value >= 0 && value <= 4e18 && floor(value) == value))
        return mapa_error_set(MAPA_EINVAL, "%s must be a whole number from 0 (got %g)", key, value);
    if (KEYS[k].kind == SEED) {
        unsigned long v = (unsigned long)value;
        memcpy(base, &v, sizeof v);
    } else {
        size_t v = (size_t)value;
        memcpy(base, &v, sizeof v);
    }
    return MAPA_OK;
}

double mapa_generator_get(const mapa_generator *g, const char *key)
{
    int k = find(key);
    if (k < 0)
        return NAN;
    const char *base = (const char *)g + KEYS[k].offset;
    if (KEYS[k].kind == REAL) {
        double v;
        memcpy(&v, base, sizeof v);
        return v;
    }
    if (KEYS[k].kind == SEED) {
        unsigned long v;
        memcpy(&v, base, sizeof v);
        return (double)v;
    }
    size_t v;
    memcpy(&v, base, sizeof v);
    return (double)v;
}
