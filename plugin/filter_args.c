#include "filter_args.h"

#include <string.h>

#include "filter_i18n.h"
#include "filter_params.h"

G_DEFINE_QUARK(edcg-filter-error-quark, filter_error)

void filter_args_defaults(filter_args *args)
{
    memset(args, 0, sizeof *args);
    g_strlcpy(args->direction, "a2b", sizeof args->direction);
    args->strength = filter_param(FILTER_PARAM_STRENGTH)->def;
    args->edge_strength = filter_param(FILTER_PARAM_EDGE_STRENGTH)->def;
    args->work_size = (int)filter_param(FILTER_PARAM_WORK_SIZE)->def;
}

static gboolean copy_string(char *dst, size_t size, const char *src, const char *what,
                            GError **error)
{
    if (g_strlcpy(dst, src ? src : "", size) < size)
        return TRUE;
    g_set_error(error, FILTER_ERROR, FILTER_ERROR_ARGUMENT,
                _("The %s argument is too long (at most %u bytes)."), what,
                (unsigned)(size - 1));
    return FALSE;
}

gboolean filter_args_set(filter_args *args, const char *model, const char *direction,
                         double strength, double edge_strength, int work_size, GError **error)
{
    if (!copy_string(args->model, sizeof args->model, model, "model", error) ||
        !copy_string(args->direction, sizeof args->direction, direction, "direction", error))
        return FALSE;
    args->strength = strength;
    args->edge_strength = edge_strength;
    args->work_size = work_size;
    return TRUE;
}

/* NaN fails both comparisons, so it is refused too. */
static gboolean in_range(double v, filter_param_id id)
{
    const filter_param_info *p = filter_param(id);
    return v >= p->min && v <= p->max;
}

gboolean filter_args_validate(const filter_args *args, GError **error)
{
    if (!args->model[0]) {
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_ARGUMENT,
                    _("No model given: pass an installed model name (see `edcg list`) or the "
                      "path of a .safetensors file."));
        return FALSE;
    }
    if (!args->direction[0]) {
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_ARGUMENT,
                    _("No direction given: use \"a2b\", \"b2a\" or a domain name."));
        return FALSE;
    }
    if (!in_range(args->strength, FILTER_PARAM_STRENGTH)) {
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_ARGUMENT,
                    _("Strength %g is outside 0 to 1."), args->strength);
        return FALSE;
    }
    if (!in_range(args->edge_strength, FILTER_PARAM_EDGE_STRENGTH)) {
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_ARGUMENT,
                    _("Edge strength %g is outside 0 to 2."), args->edge_strength);
        return FALSE;
    }
    const int ws = args->work_size;
    if (ws < -1 || ws > FILTER_WORK_SIZE_MAX || (ws > 0 && ws < FILTER_WORK_SIZE_MIN)) {
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_ARGUMENT,
                    _("Working resolution %d is not allowed: use -1 (automatic), 0 (full "
                      "resolution) or %d to %d pixels."),
                    ws, FILTER_WORK_SIZE_MIN, FILTER_WORK_SIZE_MAX);
        return FALSE;
    }
    return TRUE;
}
