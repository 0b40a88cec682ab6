/* model.h: the inside of an edcg_model (internal). */
#ifndef EDCG_MODEL_H
#define EDCG_MODEL_H

#include "edcg.h"
#include "generator.h"
#include "layer.h"
#include "param.h"

#define DISC_LAYERS 5
/* Generous caps that keep a hostile file from asking for absurd memory. */
#define MODEL_MAX_NGF 256
#define MODEL_MAX_BLOCKS 32

enum { DOMAIN_A = 0, DOMAIN_B = 1 };

struct edcg_model {
    edcg_arch arch;
    int has_disc;
    param *params; /* file order (docs/weights-format.md) */
    size_t nparams;

    layer encoder[ENCODER_LAYERS];       /* shared, ED variants */
    layer ed_decoder[DECODER_LAYERS];
    layer own_encoder[2][ENCODER_LAYERS]; /* cyclegan / skip */
    resblock *blocks[2];
    layer decoder[2][DECODER_LAYERS];
    layer disc[2][DISC_LAYERS];           /* [DOMAIN_A] judges A images */

    generator gen[2];   /* [EDCG_A_TO_B], [EDCG_B_TO_A] */
    generator ed_block; /* encoder + ed_decoder, no blocks */

    char **meta_keys, **meta_values;
    size_t nmeta;
};

int variant_has_ed(edcg_variant v);

/* Lays out layers and params for arch. alloc_data: 0 leaves param data NULL
 * (for counting). Returns NULL when out of memory. */
edcg_model *model_build(const edcg_arch *arch, int with_disc, int alloc_data);

param *model_find_param(const edcg_model *m, const char *name);

#endif
