/* generator.h: encoder, residual blocks, decoder (Johnson et al.; paper 3.2).
 *
 * The ED-Block is the same shape with no residual blocks, so one struct
 * serves both: ED(s) = ed_decoder(encoder(s)). In the ED variants both
 * generators and the ED-Block point at one shared encoder.
 */
#ifndef EDCG_GENERATOR_H
#define EDCG_GENERATOR_H

#include "layer.h"
#include "resblock.h"

#define ENCODER_LAYERS 3
#define DECODER_LAYERS 3

typedef struct generator {
    const layer *encoder;   /* ENCODER_LAYERS layers, possibly shared */
    const resblock *blocks; /* nblocks blocks */
    int nblocks;
    const layer *decoder;   /* DECODER_LAYERS layers: ct3s2, ct3s2, c7s1 + tanh */
    int skip;               /* additive encoder->decoder skips (variant skip) */
} generator;

typedef struct generator_tape {
    int h, w;
    layer_tape enc[ENCODER_LAYERS];
    resblock_tape *res;  /* nblocks of them */
    int res_count;
    layer_tape dec[DECODER_LAYERS];
    fbuf skip_sum[2];    /* decoder inputs with the skips added */
    fbuf grad[4];
} generator_tape;

/* Output of a generator_forward: 3 x h x w. */
const float *generator_tape_output(const generator_tape *t);
void generator_tape_free(generator_tape *t);

/* Training forward on one 3 x h x w image (h, w multiples of 4). */
int generator_forward(const generator *g, const float *x, int h, int w, generator_tape *t,
                      exec_ctx *e);

/* dy: gradient of the output (3 x h x w). dx (may be NULL) receives the
 * input gradient; without it a frozen encoder is not walked at all.
 * Returns -1 when out of memory. */
int generator_backward(const generator *g, generator_tape *t, const float *dy, float *dx,
                       exec_ctx *e);

#endif
