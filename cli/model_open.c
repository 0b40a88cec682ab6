#include "model_open.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "paths.h"

edcg_model *model_open(const char *name_or_path, char **path_out)
{
    edcg_error err;
    char *path = edcg_model_resolve(name_or_path, &err);
    if (!path) {
        diag_error("%s", err.message);
        return NULL;
    }
    edcg_model *model = edcg_model_load(path, &err);
    if (!model) {
        diag_error("%s", err.message);
        free(path);
        return NULL;
    }
    if (path_out)
        *path_out = path;
    else
        free(path);
    return model;
}

char *model_display_name(const char *path)
{
    return path_stem(path);
}
