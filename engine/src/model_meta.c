/* model_meta.c: the string key/value metadata of a model. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "model.h"

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static long meta_index(const edcg_model *m, const char *key)
{
    for (size_t i = 0; i < m->nmeta; i++)
        if (strcmp(m->meta_keys[i], key) == 0)
            return (long)i;
    return -1;
}

edcg_status edcg_model_set_meta(edcg_model *m, const char *key, const char *value,
                                edcg_error *err)
{
    if (!key || !*key)
        return edcg_fail(err, EDCG_ERR_INVALID, "metadata key is empty");
    long i = meta_index(m, key);
    if (!value) {
        if (i >= 0) {
            free(m->meta_keys[i]);
            free(m->meta_values[i]);
            m->nmeta--;
            m->meta_keys[i] = m->meta_keys[m->nmeta];
            m->meta_values[i] = m->meta_values[m->nmeta];
        }
        return EDCG_OK;
    }
    char *v = dup_string(value);
    if (!v)
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
    if (i >= 0) {
        free(m->meta_values[i]);
        m->meta_values[i] = v;
        return EDCG_OK;
    }
    char *k = dup_string(key);
    char **keys = realloc(m->meta_keys, sizeof *keys * (m->nmeta + 1));
    if (keys)
        m->meta_keys = keys;
    char **values = keys ? realloc(m->meta_values, sizeof *values * (m->nmeta + 1)) : NULL;
    if (values)
        m->meta_values = values;
    if (!k || !keys || !values) {
        free(k);
        free(v);
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
    }
    m->meta_keys[m->nmeta] = k;
    m->meta_values[m->nmeta] = v;
    m->nmeta++;
    return EDCG_OK;
}

const char *edcg_model_get_meta(const edcg_model *m, const char *key)
{
    long i = meta_index(m, key);
    return i >= 0 ? m->meta_values[i] : NULL;
}

const char *edcg_model_domain(const edcg_model *m, int domain)
{
    const char *name = edcg_model_get_meta(m, domain ? "domain_b" : "domain_a");
    return name ? name : domain ? "b" : "a";
}

size_t edcg_model_meta_count(const edcg_model *m)
{
    return m->nmeta;
}

void edcg_model_meta_at(const edcg_model *m, size_t i, const char **key, const char **value)
{
    *key = m->meta_keys[i];
    *value = m->meta_values[i];
}
