#include "filter_models.h"

#include <string.h>

#include "filter_i18n.h"

void filter_models_load(filter_models *models)
{
    models->count = edcg_model_list(&models->entries);
}

void filter_models_clear(filter_models *models)
{
    edcg_model_list_free(models->entries, models->count);
    models->entries = NULL;
    models->count = 0;
}

int filter_models_find(const filter_models *models, const char *model)
{
    if (!model || !*model)
        return -1;
    for (size_t i = 0; i < models->count; i++)
        if (strcmp(models->entries[i].name, model) == 0 ||
            strcmp(models->entries[i].path, model) == 0)
            return (int)i;
    return -1;
}

const char *filter_direction_id(edcg_direction direction)
{
    return direction == EDCG_B_TO_A ? "b2a" : "a2b";
}

char *filter_direction_label(const edcg_model_entry *entry, edcg_direction direction)
{
    const char *from = direction == EDCG_A_TO_B ? entry->domain_a : entry->domain_b;
    const char *to = direction == EDCG_A_TO_B ? entry->domain_b : entry->domain_a;
    /* TRANSLATORS: a translation direction, from one image domain to
     * another, e.g. "apple -> orange". */
    return g_strdup_printf(_("%s -> %s"), from, to);
}

gboolean filter_direction_for_entry(const edcg_model_entry *entry, const char *text,
                                    edcg_direction *direction)
{
    return edcg_direction_parse_names(entry->domain_a, entry->domain_b, text, direction, NULL) ==
           EDCG_OK;
}

const char *filter_direction_normalize(const filter_models *models, const char *model,
                                       const char *text)
{
    edcg_direction d;
    int i = filter_models_find(models, model);
    if (i >= 0 && filter_direction_for_entry(&models->entries[i], text, &d))
        return filter_direction_id(d);
    if (text && (g_ascii_strcasecmp(text, "a2b") == 0 || g_ascii_strcasecmp(text, "b2a") == 0))
        return g_ascii_tolower(text[0]) == 'a' ? "a2b" : "b2a";
    return NULL;
}
