/* filter_models.h: the installed models as the dialog shows them: the
 * domain pairs found on the engine's search path (the same list as
 * `edcg list`, read afresh each time the dialog opens, so a pair just
 * trained with the CLI appears without copying), and the two directions of
 * a pair labelled with its domain names. */
#ifndef EDCG_FILTER_MODELS_H
#define EDCG_FILTER_MODELS_H

#include <glib.h>

#include "edcg.h"

typedef struct filter_models {
    edcg_model_entry *entries; /* sorted by name; owned */
    size_t count;
} filter_models;

/* Lists the models on the search path (headers only: no weights are read). */
void filter_models_load(filter_models *models);
void filter_models_clear(filter_models *models);

/* Index of the entry that `model` names, as an installed name or as the
 * path of that entry's file; -1 when none does (e.g. a path elsewhere). */
int filter_models_find(const filter_models *models, const char *model);

/* "a2b" or "b2a": the canonical argument value of a direction. */
const char *filter_direction_id(edcg_direction direction);

/* The dialog label of a direction, e.g. "apple -> orange" (g_free it). */
char *filter_direction_label(const edcg_model_entry *entry, edcg_direction direction);

/* The direction `text` means for this pair, by the rule of
 * edcg_direction_parse ("a2b", "b2a", or the target domain's name, any
 * case), read from the entry's metadata so no weights need loading.
 * FALSE when it means neither. */
gboolean filter_direction_for_entry(const edcg_model_entry *entry, const char *text,
                                    edcg_direction *direction);

/* The canonical id ("a2b" or "b2a") of direction `text` for the model that
 * `model` names: domain names are mapped when the model is installed.
 * NULL when `text` is not understood for it. Static strings. */
const char *filter_direction_normalize(const filter_models *models, const char *model,
                                       const char *text);

#endif
