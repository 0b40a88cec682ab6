/* train_ed.c: phase 1, the ED-Block alone on the recover loss
 * L_recover = |s - ED(s)|_1 (Eq. 1), before it is frozen. */
#include "error.h"
#include "losses.h"
#include "trainer.h"

edcg_status trainer_ed_gradients(edcg_trainer *t, const edcg_batch *x, edcg_ed_losses *losses,
                                 edcg_error *err)
{
    const size_t count = (size_t)3 * x->h * x->w;
    trainer_select_group(t, GROUP_ED);
    if (fbuf_reserve(&t->grad_out, count))
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
    double total = 0.0;
    for (int i = 0; i < x->n; i++) {
        const float *s = x->data + (size_t)i * count;
        if (generator_forward(&t->m->ed_block, s, x->h, x->w, &t->ed_tape, &t->exec))
            return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
        /* Per-image means / n: the batch mean, one image in memory at a time. */
        total += loss_l1(generator_tape_output(&t->ed_tape), s, count, 1.0f / (float)x->n,
                         t->grad_out.data);
        if (generator_backward(&t->m->ed_block, &t->ed_tape, t->grad_out.data, NULL, &t->exec))
            return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
    }
    if (losses)
        losses->recover = (float)(total / x->n);
    return EDCG_OK;
}
