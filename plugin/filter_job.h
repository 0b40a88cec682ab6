/* filter_job.h: one translation as both front ends run it: the arguments
 * turned into a loaded model, a direction and engine options, then applied
 * to a region of a GEGL buffer through the same function as `edcg apply`
 * (edcg_gegl_translate), so the filter gives the CLI's pixels. */
#ifndef EDCG_FILTER_JOB_H
#define EDCG_FILTER_JOB_H

#include <gegl.h>

#include "edcg.h"
#include "filter_args.h"

typedef struct filter_job {
    edcg_model *model;       /* owned */
    char *model_arg;         /* owned; the model argument it was loaded for */
    char *model_path;        /* owned; the resolved file */
    edcg_direction direction;
    edcg_translate_options options; /* progress fields: see filter_job_run */
} filter_job;

/* Validates the arguments, finds the model on the search path (or at the
 * given path), loads it and parses the direction. FALSE with a translated
 * message in *error otherwise, and *job left empty (nothing to clear). */
gboolean filter_job_prepare(filter_job *job, const filter_args *args, GError **error);
void filter_job_clear(filter_job *job);

/* As filter_job_prepare, for a job that may already hold a model (zeroed or
 * prepared before): keeps the loaded model when the model argument is the
 * same, so the dialog's preview does not reread weights at every change.
 * On failure *job is left empty. */
gboolean filter_job_update(filter_job *job, const filter_args *args, GError **error);

/* Reports progress in [0, 1]; returns FALSE to cancel. */
typedef gboolean (*filter_progress_fn)(double fraction, void *user_data);

/* Translates `rect` of `in` into the same rectangle of `out` (the shadow
 * buffer: GIMP merges it into the layer through the selection mask). Alpha
 * is copied unchanged. Refuses, before starting, a run that needs more than
 * `available` bytes (filter_memory_available()). On any failure or cancel
 * `out` is not written. */
gboolean filter_job_run(const filter_job *job, GeglBuffer *in, const GeglRectangle *rect,
                        GeglBuffer *out, guint64 available, filter_progress_fn progress,
                        void *progress_data, GError **error);

#endif
