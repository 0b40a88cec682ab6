#include "config.h"

#include "filter_i18n.h"
#include "filter_params.h"

void edcg3_add_arguments(GimpProcedure *procedure)
{
    const filter_param_info *p;
    /* Strings, not GimpChoice: the model may be a path, and models trained
     * after GIMP registered the procedure must still be accepted. */
    p = filter_param(FILTER_PARAM_MODEL);
    gimp_procedure_add_string_argument(procedure, p->name, _(p->nick), _(p->blurb), "",
                                       G_PARAM_READWRITE);
    p = filter_param(FILTER_PARAM_DIRECTION);
    gimp_procedure_add_string_argument(procedure, p->name, _(p->nick), _(p->blurb), "a2b",
                                       G_PARAM_READWRITE);
    p = filter_param(FILTER_PARAM_STRENGTH);
    gimp_procedure_add_double_argument(procedure, p->name, _(p->nick), _(p->blurb), p->min,
                                       p->max, p->def, G_PARAM_READWRITE);
    p = filter_param(FILTER_PARAM_EDGE_STRENGTH);
    gimp_procedure_add_double_argument(procedure, p->name, _(p->nick), _(p->blurb), p->min,
                                       p->max, p->def, G_PARAM_READWRITE);
    p = filter_param(FILTER_PARAM_WORK_SIZE);
    gimp_procedure_add_int_argument(procedure, p->name, _(p->nick), _(p->blurb), (int)p->min,
                                    (int)p->max, (int)p->def, G_PARAM_READWRITE);
}

gboolean edcg3_config_get_args(GimpProcedureConfig *config, filter_args *args, GError **error)
{
    char *model = NULL, *direction = NULL;
    double strength = 0, edge_strength = 0;
    int work_size = 0;
    g_object_get(config, filter_param(FILTER_PARAM_MODEL)->name, &model,
                 filter_param(FILTER_PARAM_DIRECTION)->name, &direction,
                 filter_param(FILTER_PARAM_STRENGTH)->name, &strength,
                 filter_param(FILTER_PARAM_EDGE_STRENGTH)->name, &edge_strength,
                 filter_param(FILTER_PARAM_WORK_SIZE)->name, &work_size, NULL);
    gboolean ok = filter_args_set(args, model, direction, strength, edge_strength, work_size,
                                  error);
    g_free(model);
    g_free(direction);
    return ok;
}
