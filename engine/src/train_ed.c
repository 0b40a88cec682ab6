/* train_ed.c: phase 1, the ED-Block alone on the recover loss
 * L_recover = |s - ED(s)|_1 (Eq. 1), before it is frozen. */
#include <stdlib.h>

#include "error.h"
#include "losses.h"
#include "trainer.h"

typedef struct ed_job {
    const edcg_batch *x;
    double *loss; /* per image */
} ed_job;

static int ed_image(edcg_trainer *t, trainer_lane *l, int i, void *arg)
{
    const ed_job *j = arg;
    const size_t count = (size_t)3 * j->x->h * j->x->w;
    const float *s = j->x->data + (size_t)i * count;
    if (fbuf_reserve(&l->grad_out, count) ||
        generator_forward(&t->m->ed_block, s, j->x->h, j->x->w, &l->ed_tape, l->exec))
        return -1;
    /* Per-image means / n: the batch mean, one image per lane in memory. */
    j->loss[i] = loss_l1(generator_tape_output(&l->ed_tape), s, count, 1.0f / (float)j->x->n,
                         l->grad_out.data);
    return generator_backward(&t->m->ed_block, &l->ed_tape, l->grad_out.data, NULL, l->exec);
}

edcg_status trainer_ed_gradients(edcg_trainer *t, const edcg_batch *x, edcg_ed_losses *losses,
                                 edcg_error *err)
{
    ed_job j = {x, calloc((size_t)x->n, sizeof(double))};
    trainer_select_group(t, GROUP_ED);
    const int rc = !j.loss || trainer_lanes_run(t, x->n, ed_image, &j);
    double total = 0.0;
    for (int i = 0; i < x->n && !rc; i++)
        total += j.loss[i];
    free(j.loss);
    if (rc)
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
    if (losses)
        losses->recover = (float)(total / x->n);
    return EDCG_OK;
}
