#include "filter_stores.h"

#include "filter_i18n.h"

GtkListStore *filter_model_store_new(const filter_models *models, const char *current)
{
    GtkListStore *store = gtk_list_store_new(FILTER_STORE_COLUMNS, G_TYPE_STRING, G_TYPE_STRING);
    for (size_t i = 0; i < models->count; i++) {
        const edcg_model_entry *e = &models->entries[i];
        /* TRANSLATORS: a model in the dialog: its name and its two domains. */
        char *label = g_strdup_printf(_("%s (%s / %s)"), e->name, e->domain_a, e->domain_b);
        gtk_list_store_insert_with_values(store, NULL, -1, FILTER_STORE_ID, e->name,
                                          FILTER_STORE_LABEL, label, -1);
        g_free(label);
    }
    if (current && *current && filter_models_find(models, current) < 0)
        gtk_list_store_insert_with_values(store, NULL, -1, FILTER_STORE_ID, current,
                                          FILTER_STORE_LABEL, current, -1);
    return store;
}

GtkListStore *filter_direction_store_new(void)
{
    GtkListStore *store = gtk_list_store_new(FILTER_STORE_COLUMNS, G_TYPE_STRING, G_TYPE_STRING);
    gtk_list_store_insert_with_values(store, NULL, -1, FILTER_STORE_ID, "a2b", FILTER_STORE_LABEL,
                                      "a2b", -1);
    gtk_list_store_insert_with_values(store, NULL, -1, FILTER_STORE_ID, "b2a", FILTER_STORE_LABEL,
                                      "b2a", -1);
    return store;
}

void filter_direction_store_update(GtkListStore *store, const filter_models *models,
                                   const char *model)
{
    const int i = filter_models_find(models, model);
    GtkTreeIter iter;
    gboolean valid = gtk_tree_model_get_iter_first(GTK_TREE_MODEL(store), &iter);
    for (int d = EDCG_A_TO_B; valid && d <= EDCG_B_TO_A; d++) {
        char *label = i >= 0 ? filter_direction_label(&models->entries[i], (edcg_direction)d)
                             : g_strdup(d == EDCG_A_TO_B ? _("domain A -> domain B")
                                                         : _("domain B -> domain A"));
        gtk_list_store_set(store, &iter, FILTER_STORE_LABEL, label, -1);
        g_free(label);
        valid = gtk_tree_model_iter_next(GTK_TREE_MODEL(store), &iter);
    }
}
