/* param.h: one named parameter tensor of a model (internal).
 *
 * The names and shapes are those of the weight file (docs/weights-format.md);
 * layers point at params, never own them, so saving, loading, Adam and
 * checkpoints walk one flat list.
 */
#ifndef EDCG_PARAM_H
#define EDCG_PARAM_H

#include <stddef.h>
#include <stdint.h>

#define PARAM_NAME_MAX 48

typedef struct param {
    char name[PARAM_NAME_MAX];
    int ndim;
    int64_t shape[4];
    size_t numel;
    float *data;       /* owned by the model */
    float *grad;       /* owned by the trainer; NULL in inference */
    int requires_grad; /* set per training phase; frozen params keep grad untouched */
} param;

/* The gradient buffer a backward pass should accumulate into, or NULL when
 * the parameter is frozen (or has none), so frozen layers skip that GEMM. */
static inline float *param_grad(const param *p)
{
    return p && p->requires_grad ? p->grad : NULL;
}

#endif
