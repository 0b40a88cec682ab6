#include "filter_params.h"

#include "filter_i18n.h"

/* Defaults: the paper's model (edge strength 1), the full translation
 * (strength 1) and the model's own working resolution (-1). */
static const filter_param_info params[FILTER_PARAM_COUNT] = {
    [FILTER_PARAM_MODEL] = {"model", N_("_Model"),
                            N_("Installed model name (see `edcg list`) or path of a "
                               ".safetensors model file"),
                            0, 0, 0},
    [FILTER_PARAM_DIRECTION] = {"direction", N_("_Direction"),
                                N_("\"a2b\", \"b2a\", or the name of the domain to translate "
                                   "into"),
                                0, 0, 0},
    [FILTER_PARAM_STRENGTH] = {"strength", N_("_Strength"),
                               N_("Blend of the translation over the original (0: unchanged, "
                                  "1: fully translated)"),
                               0.0, 1.0, 1.0},
    [FILTER_PARAM_EDGE_STRENGTH] = {"edge-strength", N_("_Edge strength"),
                                    N_("Weight of the edge map added to the translation (1: the "
                                       "paper's model, 0: no edges)"),
                                    0.0, 2.0, 1.0},
    [FILTER_PARAM_WORK_SIZE] = {"work-size", N_("_Working resolution"),
                                N_("Longest side the network runs at: -1 chooses from the "
                                   "model, 0 is full resolution"),
                                -1, FILTER_WORK_SIZE_MAX, -1},
};

const filter_param_info *filter_param(filter_param_id id)
{
    return id < FILTER_PARAM_COUNT ? &params[id] : NULL;
}

const char *filter_menu_label(void)
{
    return N_("ED-_CycleGAN Translate...");
}

const char *filter_blurb(void)
{
    return N_("Translate the layer into another domain with an ED-CycleGAN model");
}

const char *filter_help(void)
{
    return N_("Translates the selected part of the layer from one image domain into the "
              "other (for example apple to orange) with an installed ED-CycleGAN model. "
              "Alpha is kept. Models are found on the same search path as `edcg list`: "
              "$EDCG_MODEL_PATH, the user's data folder and the system folder.");
}
