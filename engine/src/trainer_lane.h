/* trainer_lane.h: the parallel workers of a training step (internal).
 *
 * A batch's images are independent (instance norm has no batch statistics),
 * so a step splits them across lanes instead of splitting every small layer
 * across threads: at 128x128 a residual block's GEMMs have only 64 tile
 * columns per image, too few to share, while whole images share perfectly.
 * Each lane owns the tapes and buffers of one image in flight and adds its
 * images' weight gradients into its own block; lane 0 adds straight into the
 * trainer's gradients and the others are added to them in lane order, so a
 * step is deterministic for a given thread count and batch size. With one
 * lane (batch 1 or one thread) the lane runs in the trainer's own context
 * and the layers split their work across its threads instead; with more
 * threads than images, each lane gets a share of the threads.
 */
#ifndef EDCG_TRAINER_LANE_H
#define EDCG_TRAINER_LANE_H

#include "exec.h"
#include "fbuf.h"
#include "generator.h"
#include "layer.h"
#include "model.h"

typedef struct trainer_lane {
    exec_ctx own;   /* the lane's context when a step has several lanes */
    exec_ctx *exec; /* &own, or the trainer's context for a single lane */
    float *grads;   /* lanes after the first: their gradient block */
    generator_tape gen_tape[2];
    generator_tape ed_tape;
    layer_tape disc_tape[DISC_LAYERS];
    fbuf disc_grad[2];
    fbuf edge, sum, grad_out, grad_in, grad_tmp, disc_dy;
    fbuf ed_rec[2]; /* ED(real A), ED(real B) of the image in flight */
    int failed; /* out of memory in this step */
} trainer_lane;

typedef struct edcg_trainer edcg_trainer;

/* fn runs image i of the batch in lane l; returns 0, or -1 (out of memory). */
typedef int (*lane_image_fn)(edcg_trainer *t, trainer_lane *l, int i, void *arg);

/* Runs fn over the n images of a batch, split across the lanes, then adds
 * the lanes' gradients of the selected group into the trainer's. Call after
 * trainer_select_group. Returns 0, or -1 when out of memory. */
int trainer_lanes_run(edcg_trainer *t, int n, lane_image_fn fn, void *arg);

void trainer_lanes_free(edcg_trainer *t);

#endif
