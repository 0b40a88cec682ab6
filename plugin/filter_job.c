#include "filter_job.h"

#include <string.h>

#include "filter_i18n.h"
#include "filter_memory.h"
#include "gegl_translate.h"

/* Direction and options from the arguments, for a job holding a model. */
static gboolean configure(filter_job *job, const filter_args *args, GError **error)
{
    edcg_error err = {{0}};
    if (edcg_direction_parse(job->model, args->direction, &job->direction, &err) != EDCG_OK) {
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_ARGUMENT,
                    _("Direction \"%s\" does not fit this model: %s"), args->direction,
                    err.message);
        filter_job_clear(job);
        return FALSE;
    }
    edcg_translate_options_init(&job->options);
    job->options.strength = (float)args->strength;
    job->options.edge_strength = (float)args->edge_strength;
    job->options.work_size = args->work_size;
    return TRUE;
}

gboolean filter_job_prepare(filter_job *job, const filter_args *args, GError **error)
{
    edcg_error err = {{0}};
    memset(job, 0, sizeof *job);
    if (!filter_args_validate(args, error))
        return FALSE;
    job->model_path = edcg_model_resolve(args->model, &err);
    if (!job->model_path) {
        /* The engine's message names the folders searched; it is English. */
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_MODEL, _("Model \"%s\" not found: %s"),
                    args->model, err.message);
        return FALSE;
    }
    job->model = edcg_model_load(job->model_path, &err);
    if (!job->model) {
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_MODEL,
                    _("Could not read the model \"%s\": %s"), job->model_path, err.message);
        filter_job_clear(job);
        return FALSE;
    }
    job->model_arg = g_strdup(args->model);
    return configure(job, args, error);
}

gboolean filter_job_update(filter_job *job, const filter_args *args, GError **error)
{
    if (!job->model || g_strcmp0(job->model_arg, args->model) != 0) {
        filter_job_clear(job);
        return filter_job_prepare(job, args, error);
    }
    if (!filter_args_validate(args, error)) {
        filter_job_clear(job);
        return FALSE;
    }
    return configure(job, args, error);
}

void filter_job_clear(filter_job *job)
{
    edcg_model_free(job->model);
    g_free(job->model_arg);
    g_free(job->model_path);
    memset(job, 0, sizeof *job);
}

typedef struct progress_relay {
    filter_progress_fn fn;
    void *data;
} progress_relay;

/* The engine asks "cancel?" as a nonzero return; the front ends answer
 * "continue?" as TRUE. */
static int relay_progress(void *user_data, double fraction)
{
    const progress_relay *relay = user_data;
    return relay->fn(fraction, relay->data) ? 0 : 1;
}

gboolean filter_job_run(const filter_job *job, GeglBuffer *in, const GeglRectangle *rect,
                        GeglBuffer *out, guint64 available, filter_progress_fn progress,
                        void *progress_data, GError **error)
{
    const guint64 needed =
        filter_memory_needed(job->model, &job->options, rect->width, rect->height);
    if (!filter_memory_check(needed, available, job->options.work_size, error))
        return FALSE;
    edcg_translate_options options = job->options;
    progress_relay relay = {progress, progress_data};
    if (progress) {
        options.progress = relay_progress;
        options.progress_data = &relay;
    }
    edcg_error err = {{0}};
    edcg_status s = edcg_gegl_translate(job->model, job->direction, in, rect, out, &options, &err);
    if (s == EDCG_OK)
        return TRUE;
    if (s == EDCG_ERR_CANCELLED)
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_ENGINE, _("Translation cancelled."));
    else if (s == EDCG_ERR_NOMEM)
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_MEMORY,
                    _("Not enough memory for the translation: %s"), err.message);
    else
        g_set_error(error, FILTER_ERROR, FILTER_ERROR_ENGINE, _("The translation failed: %s"),
                    err.message);
    return FALSE;
}
