/* trainer_lane.c: splitting a batch's images across parallel lanes. */
#include "trainer_lane.h"

#include <stdlib.h>
#include <string.h>

#include "trainer.h"

static void lane_free(trainer_lane *l)
{
    exec_free(&l->own);
    free(l->grads);
    generator_tape_free(&l->gen_tape[0]);
    generator_tape_free(&l->gen_tape[1]);
    generator_tape_free(&l->ed_tape);
    for (int i = 0; i < DISC_LAYERS; i++)
        layer_tape_free(&l->disc_tape[i]);
    fbuf *bufs[] = {&l->disc_grad[0], &l->disc_grad[1], &l->edge, &l->sum, &l->grad_out,
                    &l->grad_in, &l->grad_tmp, &l->disc_dy, &l->ed_rec[0], &l->ed_rec[1]};
    for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
        fbuf_free(bufs[i]);
}

void trainer_lanes_free(edcg_trainer *t)
{
    for (int i = 0; i < t->nlanes; i++)
        lane_free(&t->lanes[i]);
    free(t->lanes);
    t->lanes = NULL;
    t->nlanes = 0;
}

static size_t total_params(const edcg_trainer *t)
{
    return t->offset[t->m->nparams];
}

/* Gives lane l a context of `threads` threads that adds its gradients into
 * its own block (none for lane 0: it adds into the params' own). */
static int lane_prepare(edcg_trainer *t, int l, int threads)
{
    trainer_lane *lane = &t->lanes[l];
    if (!lane->own.filters || exec_threads(&lane->own) != threads) {
        exec_free(&lane->own);
        /* Fewer threads than asked (none could start) is still correct. */
        (void)exec_init(&lane->own, threads);
        lane->own.filters = filter_cache_new();
    }
    if (l > 0 && !lane->grads && !(lane->grads = malloc(sizeof(float) * total_params(t))))
        return -1;
    lane->own.grads = lane->grads;
    lane->own.grads_home = t->grads;
    lane->exec = &lane->own;
    /* The weights may have changed since this lane's last step. */
    filter_cache_stale(lane->own.filters);
    if (lane->grads)
        for (size_t i = 0; i < t->m->nparams; i++)
            if (t->m->params[i].requires_grad)
                memset(lane->grads + t->offset[i], 0, sizeof(float) * t->m->params[i].numel);
    return 0;
}

/* Lanes for n images: one per thread, at most one per image. */
static int lanes_prepare(edcg_trainer *t, int n)
{
    const int threads = exec_threads(&t->exec);
    const int k = n < threads ? n : threads;
    if (!t->lanes) {
        if (!(t->lanes = calloc((size_t)threads, sizeof *t->lanes)))
            return -1;
        t->nlanes = threads;
    }
    if (k <= 1) {
        t->lanes[0].exec = &t->exec;
        return 1;
    }
    for (int l = 0; l < k; l++)
        if (lane_prepare(t, l, threads / k))
            return -1;
    return k;
}

typedef struct lanes_job {
    edcg_trainer *t;
    int n, k;
    lane_image_fn fn;
    void *arg;
} lanes_job;

static void run_lanes(void *arg, int part, int begin, int end)
{
    const lanes_job *j = arg;
    (void)part;
    for (int l = begin; l < end; l++) {
        trainer_lane *lane = &j->t->lanes[l];
        lane->failed = 0;
        /* Contiguous images per lane: lane order is image order. */
        for (int i = l * j->n / j->k; i < (l + 1) * j->n / j->k && !lane->failed; i++)
            lane->failed = j->fn(j->t, lane, i, j->arg) != 0;
    }
}

static void add_lane_grads(edcg_trainer *t, const trainer_lane *lane)
{
    for (size_t i = 0; i < t->m->nparams; i++) {
        param *p = &t->m->params[i];
        if (!p->requires_grad)
            continue;
        const float *g = lane->grads + t->offset[i];
        for (size_t e = 0; e < p->numel; e++)
            p->grad[e] += g[e];
    }
}

int trainer_lanes_run(edcg_trainer *t, int n, lane_image_fn fn, void *arg)
{
    const int k = lanes_prepare(t, n);
    if (k < 1)
        return -1;
    lanes_job j = {t, n, k, fn, arg};
    if (k == 1) /* the lane's layers use the trainer's threads themselves */
        run_lanes(&j, 0, 0, 1);
    else
        exec_run(&t->exec, k, run_lanes, &j);
    for (int l = 0; l < k; l++)
        if (t->lanes[l].failed)
            return -1;
    for (int l = 1; l < k; l++)
        add_lane_grads(t, &t->lanes[l]);
    return 0;
}
