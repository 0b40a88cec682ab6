/* filter_args.h: the filter's argument values and their validation, the
 * same for the dialog, batch calls and "repeat last" in both GIMP versions. */
#ifndef EDCG_FILTER_ARGS_H
#define EDCG_FILTER_ARGS_H

#include <glib.h>

/* Plain data with fixed-size strings: GIMP 2.10 stores the last-used values
 * as one blob (gimp_set_data), so the struct must hold no pointers. */
typedef struct filter_args {
    char model[1024];    /* installed name or path */
    char direction[256]; /* "a2b", "b2a" or a domain name */
    double strength;     /* 0..1 */
    double edge_strength; /* 0..2 */
    int work_size;       /* -1 automatic, 0 full resolution, else >= 32 */
} filter_args;

#define FILTER_ERROR (filter_error_quark())
GQuark filter_error_quark(void);

typedef enum filter_error_code {
    FILTER_ERROR_ARGUMENT, /* a bad argument: the caller's mistake */
    FILTER_ERROR_MODEL,    /* the model cannot be found or read */
    FILTER_ERROR_IMAGE,    /* the layer is not one the filter can work on */
    FILTER_ERROR_MEMORY,   /* the run would need more memory than there is */
    FILTER_ERROR_ENGINE    /* the translation itself failed */
} filter_error_code;

/* The defaults of filter_params.h, no model. */
void filter_args_defaults(filter_args *args);

/* Copies the values in (strings may be NULL: empty). FALSE with a
 * translated message in *error when a string does not fit. */
gboolean filter_args_set(filter_args *args, const char *model, const char *direction,
                         double strength, double edge_strength, int work_size, GError **error);

/* TRUE when every value is usable; otherwise FALSE with a translated
 * message naming the argument and its allowed values. The model and the
 * direction are only checked for presence here (filter_job_prepare checks
 * that they exist). */
gboolean filter_args_validate(const filter_args *args, GError **error);

#endif
