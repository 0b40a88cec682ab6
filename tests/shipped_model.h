/* shipped_model.h: a trained model, for the checks whose results on random
 * weights say little (seams, regional colour shifts, fast-path error on
 * real photos): the repository's weights/apple2orange.safetensors. */
#ifndef EDCG_TEST_SHIPPED_MODEL_H
#define EDCG_TEST_SHIPPED_MODEL_H

#include <stdio.h>

#include "edcg.h"

/* NULL (with the reason printed) when the file is absent or unreadable: the
 * caller then exits 77, skipped. */
static inline edcg_model *shipped_model(void)
{
    edcg_error err;
    edcg_model *m = edcg_model_load(WEIGHTS_DIR "/apple2orange.safetensors", &err);
    if (!m)
        printf("SKIP: no trained model: %s\n", err.message);
    return m;
}

#endif
