/* trainer.h: the inside of an edcg_trainer (internal; tests reach it to
 * compare gradients with the PyTorch reference before Adam runs). */
#ifndef EDCG_TRAINER_H
#define EDCG_TRAINER_H

#include "adam.h"
#include "edcg.h"
#include "image_pool.h"
#include "layer.h"
#include "model.h"
#include "rng.h"
#include "trainer_lane.h"

typedef enum param_group { GROUP_ED = 0, GROUP_G = 1, GROUP_D = 2 } param_group;

struct edcg_trainer {
    edcg_model *m;
    edcg_train_config cfg;
    float *adam_m, *adam_v, *grads; /* one block each, laid out like the params */
    size_t *offset;                 /* param i's start in those blocks */
    long steps[3];                  /* Adam steps per group */
    float lr[3];                    /* current learning rate per group */
    image_pool pool[2];             /* fakes of domain A, of domain B */
    rng rng;

    exec_ctx exec;        /* the trainer's threads (and the single lane's context) */
    trainer_lane *lanes;  /* one per thread, made at the first step */
    int nlanes;
    fbuf fakes[2];  /* this batch's fakes of domain A and B */
    fbuf pooled[2]; /* what the image pools gave the discriminators for them */

    char **extra_keys, **extra_values; /* from the last checkpoint loaded */
    size_t nextra;
};

param_group param_group_of(const param *p);

/* Gradients only (no Adam): the generators' objective (Eq. 6), leaving
 * fakes in t->fakes for the discriminators, then the discriminators'. */
edcg_status trainer_generator_gradients(edcg_trainer *t, const edcg_batch *a,
                                        const edcg_batch *b, edcg_gan_losses *losses,
                                        edcg_error *err);
edcg_status trainer_discriminator_gradients(edcg_trainer *t, const edcg_batch *a,
                                            const edcg_batch *b, edcg_gan_losses *losses,
                                            edcg_error *err);
edcg_status trainer_ed_gradients(edcg_trainer *t, const edcg_batch *x, edcg_ed_losses *losses,
                                 edcg_error *err);

/* Zeroes the gradients of a group and makes exactly that group trainable. */
void trainer_select_group(edcg_trainer *t, param_group g);
void trainer_adam_step(edcg_trainer *t, param_group g);

#endif
