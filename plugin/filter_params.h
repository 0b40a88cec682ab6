/* filter_params.h: the PDB procedure both front ends register (name, menu,
 * documentation and its five arguments), so that GIMP 3 and GIMP 2.10 offer
 * the same procedure with the same names, ranges and defaults. */
#ifndef EDCG_FILTER_PARAMS_H
#define EDCG_FILTER_PARAMS_H

#define FILTER_PROC "plug-in-edcyclegan"
#define FILTER_BINARY "edcyclegan" /* also the plug-in folder and gettext domain */
#define FILTER_MENU_PATH "<Image>/Filters/Artistic"
#define FILTER_AUTHOR "ED-CycleGAN contributors"
#define FILTER_COPYRIGHT "GPL-3.0-or-later"
#define FILTER_DATE "2026"
/* Image types the menu entry is enabled for; others get a clear error. */
#define FILTER_IMAGE_TYPES "RGB*"

/* The largest working resolution the dialog offers (the engine accepts any
 * size; above this a full-resolution run, 0, is the clearer choice). */
#define FILTER_WORK_SIZE_MAX 16384
/* The engine's smallest working resolution (0 and -1 are special). */
#define FILTER_WORK_SIZE_MIN 32

typedef enum filter_param_id {
    FILTER_PARAM_MODEL,
    FILTER_PARAM_DIRECTION,
    FILTER_PARAM_STRENGTH,
    FILTER_PARAM_EDGE_STRENGTH,
    FILTER_PARAM_WORK_SIZE,
    FILTER_PARAM_COUNT
} filter_param_id;

/* nick and blurb are untranslated (marked with N_()); callers pass them
 * through _() when they register the procedure. min/max/def are used by the
 * numeric arguments only. */
typedef struct filter_param_info {
    const char *name; /* the PDB argument name, e.g. "edge-strength" */
    const char *nick; /* the dialog label, with a mnemonic */
    const char *blurb;
    double min, max, def;
} filter_param_info;

const filter_param_info *filter_param(filter_param_id id);

/* Untranslated (N_()) menu label, one-line blurb and help text. */
const char *filter_menu_label(void);
const char *filter_blurb(void);
const char *filter_help(void);

#endif
