#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "rng.h"

int variant_has_ed(edcg_variant v)
{
    return v == EDCG_VARIANT_ED || v == EDCG_VARIANT_ED_TEDGE;
}

typedef struct builder {
    edcg_model *m;
    size_t cap;
    int alloc_data;
    int failed;
} builder;

static param *add_param(builder *b, const char *prefix, const char *suffix, int ndim,
                        const int64_t *shape)
{
    if (b->failed)
        return NULL;
    if (b->m->nparams == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        param *p = realloc(b->m->params, cap * sizeof *p);
        if (!p) {
            b->failed = 1;
            return NULL;
        }
        b->m->params = p;
        b->cap = cap;
    }
    param *p = &b->m->params[b->m->nparams];
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s.%s", prefix, suffix);
    p->ndim = ndim;
    p->numel = 1;
    for (int i = 0; i < ndim; i++) {
        p->shape[i] = shape[i];
        p->numel *= (size_t)shape[i];
    }
    if (b->alloc_data && !(p->data = calloc(p->numel, sizeof(float)))) {
        b->failed = 1;
        return NULL;
    }
    b->m->nparams++;
    return p;
}

/* Params are referenced by index until building ends: the array may move. */
typedef struct conv_spec {
    int cin, cout, k, stride, pad;
    pad_mode mode;
    int transposed, norm;
    act_kind act;
} conv_spec;

static void add_layer(builder *b, layer *l, const char *name, conv_spec s)
{
    int64_t wshape[4] = {s.transposed ? s.cin : s.cout, s.transposed ? s.cout : s.cin, s.k, s.k};
    int64_t bshape[1] = {s.cout};
    memset(l, 0, sizeof *l);
    l->transposed = s.transposed;
    l->norm = s.norm;
    l->act = s.act;
    size_t first = b->m->nparams;
    add_param(b, name, "weight", 4, wshape);
    add_param(b, name, "bias", 1, bshape);
    /* Store indices now, pointers after the last realloc (model_link). */
    if (s.transposed) {
        conv_transpose2d c = {s.cin, s.cout, s.k, s.stride, s.pad, 1, (param *)(uintptr_t)(first + 1),
                              (param *)(uintptr_t)(first + 2)};
        l->convt = c;
    } else {
        conv2d c = {s.cin, s.cout, s.k, s.stride, s.pad, s.mode, (param *)(uintptr_t)(first + 1),
                    (param *)(uintptr_t)(first + 2)};
        l->conv = c;
    }
}

static void add_encoder(builder *b, layer *enc, const char *prefix, int f)
{
    char name[PARAM_NAME_MAX];
    snprintf(name, sizeof name, "%s.conv0", prefix);
    add_layer(b, &enc[0], name, (conv_spec){3, f, 7, 1, 3, PAD_REFLECT, 0, 1, ACT_RELU});
    snprintf(name, sizeof name, "%s.down1", prefix);
    add_layer(b, &enc[1], name, (conv_spec){f, 2 * f, 3, 2, 1, PAD_ZERO, 0, 1, ACT_RELU});
    snprintf(name, sizeof name, "%s.down2", prefix);
    add_layer(b, &enc[2], name, (conv_spec){2 * f, 4 * f, 3, 2, 1, PAD_ZERO, 0, 1, ACT_RELU});
}

static void add_decoder(builder *b, layer *dec, const char *prefix, int f)
{
    char name[PARAM_NAME_MAX];
    snprintf(name, sizeof name, "%s.up1", prefix);
    add_layer(b, &dec[0], name, (conv_spec){4 * f, 2 * f, 3, 2, 1, PAD_ZERO, 1, 1, ACT_RELU});
    snprintf(name, sizeof name, "%s.up2", prefix);
    add_layer(b, &dec[1], name, (conv_spec){2 * f, f, 3, 2, 1, PAD_ZERO, 1, 1, ACT_RELU});
    snprintf(name, sizeof name, "%s.out", prefix);
    add_layer(b, &dec[2], name, (conv_spec){f, 3, 7, 1, 3, PAD_REFLECT, 0, 0, ACT_TANH});
}

static void add_generator_body(builder *b, edcg_model *m, int dir, const char *prefix)
{
    const int f = m->arch.ngf;
    char name[PARAM_NAME_MAX];
    if (!variant_has_ed(m->arch.variant)) {
        snprintf(name, sizeof name, "%s.encoder", prefix);
        add_encoder(b, m->own_encoder[dir], name, f);
    }
    for (int i = 0; i < m->arch.blocks; i++) {
        snprintf(name, sizeof name, "%s.res.%d.conv1", prefix, i);
        add_layer(b, &m->blocks[dir][i].conv1, name,
                  (conv_spec){4 * f, 4 * f, 3, 1, 1, PAD_REFLECT, 0, 1, ACT_RELU});
        snprintf(name, sizeof name, "%s.res.%d.conv2", prefix, i);
        add_layer(b, &m->blocks[dir][i].conv2, name,
                  (conv_spec){4 * f, 4 * f, 3, 1, 1, PAD_REFLECT, 0, 1, ACT_NONE});
    }
    snprintf(name, sizeof name, "%s.decoder", prefix);
    add_decoder(b, m->decoder[dir], name, f);
}

static void add_discriminator(builder *b, layer *d, const char *prefix, int f)
{
    char name[PARAM_NAME_MAX];
    int cin = 3;
    for (int i = 0; i < DISC_LAYERS; i++) {
        int last = i == DISC_LAYERS - 1;
        int cout = last ? 1 : f << i;
        snprintf(name, sizeof name, "%s.conv%d", prefix, i);
        add_layer(b, &d[i], name,
                  (conv_spec){cin, cout, 4, last ? 1 : 2, 1, PAD_ZERO, 0, i > 0 && !last,
                              last ? ACT_NONE : ACT_LRELU});
        cin = cout;
    }
}

static void link_layer(edcg_model *m, layer *l)
{
    param **w = l->transposed ? &l->convt.weight : &l->conv.weight;
    param **bias = l->transposed ? &l->convt.bias : &l->conv.bias;
    *w = &m->params[(uintptr_t)*w - 1];
    *bias = &m->params[(uintptr_t)*bias - 1];
}

static void link_layers(edcg_model *m, layer *ls, int n)
{
    for (int i = 0; i < n; i++)
        link_layer(m, &ls[i]);
}

/* Turns the param indices stored while building into pointers and wires
 * the generators to their (shared or own) encoders. */
static void model_link(edcg_model *m)
{
    int ed = variant_has_ed(m->arch.variant);
    if (ed) {
        link_layers(m, m->encoder, ENCODER_LAYERS);
        link_layers(m, m->ed_decoder, DECODER_LAYERS);
        m->ed_block = (generator){m->encoder, NULL, 0, m->ed_decoder, 0};
    }
    for (int d = 0; d < 2; d++) {
        if (!ed)
            link_layers(m, m->own_encoder[d], ENCODER_LAYERS);
        for (int i = 0; i < m->arch.blocks; i++) {
            link_layer(m, &m->blocks[d][i].conv1);
            link_layer(m, &m->blocks[d][i].conv2);
        }
        link_layers(m, m->decoder[d], DECODER_LAYERS);
        if (m->has_disc)
            link_layers(m, m->disc[d], DISC_LAYERS);
        m->gen[d] = (generator){ed ? m->encoder : m->own_encoder[d], m->blocks[d], m->arch.blocks,
                                m->decoder[d], m->arch.variant == EDCG_VARIANT_SKIP};
    }
}

edcg_model *model_build(const edcg_arch *arch, int with_disc, int alloc_data)
{
    edcg_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->arch = *arch;
    m->has_disc = with_disc;
    builder b = {m, 0, alloc_data, 0};
    for (int d = 0; d < 2 && arch->blocks > 0; d++)
        if (!(m->blocks[d] = calloc((size_t)arch->blocks, sizeof(resblock))))
            b.failed = 1;
    if (variant_has_ed(arch->variant)) {
        add_encoder(&b, m->encoder, "encoder", arch->ngf);
        add_decoder(&b, m->ed_decoder, "ed_decoder", arch->ngf);
    }
    add_generator_body(&b, m, EDCG_A_TO_B, "g_ab");
    add_generator_body(&b, m, EDCG_B_TO_A, "g_ba");
    if (with_disc) {
        add_discriminator(&b, m->disc[DOMAIN_A], "d_a", arch->ndf);
        add_discriminator(&b, m->disc[DOMAIN_B], "d_b", arch->ndf);
    }
    if (b.failed) {
        edcg_model_free(m);
        return NULL;
    }
    model_link(m);
    return m;
}

param *model_find_param(const edcg_model *m, const char *name)
{
    for (size_t i = 0; i < m->nparams; i++)
        if (strcmp(m->params[i].name, name) == 0)
            return &m->params[i];
    return NULL;
}

edcg_model *edcg_model_new(const edcg_arch *arch, uint64_t seed, edcg_error *err)
{
    if (edcg_arch_validate(arch, err))
        return NULL;
    edcg_model *m = model_build(arch, 1, 1);
    if (!m) {
        edcg_fail(err, EDCG_ERR_NOMEM, "out of memory building a model (ngf %d, %d blocks)",
                  arch->ngf, arch->blocks);
        return NULL;
    }
    /* CycleGAN's init_weights('normal', 0.02): weights N(0, 0.02), biases 0. */
    rng r;
    rng_seed(&r, seed);
    for (size_t i = 0; i < m->nparams; i++) {
        param *p = &m->params[i];
        if (p->ndim == 4)
            for (size_t j = 0; j < p->numel; j++)
                p->data[j] = (float)(0.02 * rng_normal(&r));
    }
    return m;
}

void edcg_model_free(edcg_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nparams; i++)
        free(m->params[i].data);
    free(m->params);
    free(m->blocks[0]);
    free(m->blocks[1]);
    for (size_t i = 0; i < m->nmeta; i++) {
        free(m->meta_keys[i]);
        free(m->meta_values[i]);
    }
    free(m->meta_keys);
    free(m->meta_values);
    free(m);
}

const edcg_arch *edcg_model_arch(const edcg_model *m)
{
    return &m->arch;
}

int edcg_model_has_discriminators(const edcg_model *m)
{
    return m->has_disc;
}

size_t edcg_model_tensor_count(const edcg_model *m)
{
    return m->nparams;
}

int edcg_model_tensor_at(const edcg_model *m, size_t i, const char **name, int64_t shape[4])
{
    const param *p = &m->params[i];
    if (name)
        *name = p->name;
    for (int d = 0; d < p->ndim && shape; d++)
        shape[d] = p->shape[d];
    return p->ndim;
}
