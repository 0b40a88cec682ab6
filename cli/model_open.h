/* model_open.h: a model named on the command line (a path or an installed
 * name) loaded, with one error line naming the file when it cannot be. */
#ifndef EDCG_CLI_MODEL_OPEN_H
#define EDCG_CLI_MODEL_OPEN_H

#include "edcg.h"

/* NULL after printing the error. *path_out (may be NULL) receives the
 * resolved path (malloc'ed). */
edcg_model *model_open(const char *name_or_path, char **path_out);

/* The model's name for tables: its file name without .safetensors. */
char *model_display_name(const char *path);

#endif
