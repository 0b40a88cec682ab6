/* filter_stores.h: the dialog's model and direction lists as GtkListStores,
 * shared by the GIMP 3 (GTK 3) and GIMP 2.10 (GTK 2) dialogs: this file is
 * compiled with each front end's GTK; GtkListStore is the same in both. */
#ifndef EDCG_FILTER_STORES_H
#define EDCG_FILTER_STORES_H

#include <gtk/gtk.h>

#include "filter_models.h"

/* Columns of both stores: the argument value and what the user sees. */
enum { FILTER_STORE_ID, FILTER_STORE_LABEL, FILTER_STORE_COLUMNS };

/* One row per installed model (id: its name; label: "name (a / b)"), plus
 * `current` when it names no installed model (e.g. a path), so the combo
 * box can show what the last run used. The caller owns the store. */
GtkListStore *filter_model_store_new(const filter_models *models, const char *current);

/* Two rows, "a2b" and "b2a"; label them with filter_direction_store_update. */
GtkListStore *filter_direction_store_new(void);

/* Labels the two rows with the domain names of the model that `model`
 * names ("apple -> orange"), or with generic names when it is not
 * installed. The rows stay in place, so a combo box keeps its choice. */
void filter_direction_store_update(GtkListStore *store, const filter_models *models,
                                   const char *model);

#endif
