/* arch.c: architecture descriptions and their parameter counts (Table 1). */
#include <string.h>

#include "error.h"
#include "model.h"

static const char *const variant_names[] = {"ed", "ed-tedge", "cyclegan", "skip"};

void edcg_arch_default(edcg_arch *arch)
{
    arch->variant = EDCG_VARIANT_ED;
    arch->ngf = 64;
    arch->ndf = 64;
    arch->blocks = 9;
}

const char *edcg_variant_name(edcg_variant v)
{
    return (unsigned)v < 4 ? variant_names[v] : "unknown";
}

edcg_status edcg_variant_parse(const char *name, edcg_variant *out)
{
    for (int i = 0; i < 4; i++)
        if (name && strcmp(name, variant_names[i]) == 0) {
            *out = (edcg_variant)i;
            return EDCG_OK;
        }
    return EDCG_ERR_INVALID;
}

edcg_status edcg_arch_validate(const edcg_arch *arch, edcg_error *err)
{
    if ((unsigned)arch->variant > EDCG_VARIANT_SKIP)
        return edcg_fail(err, EDCG_ERR_INVALID, "unknown variant %d", (int)arch->variant);
    if (arch->ngf < 1 || arch->ngf > MODEL_MAX_NGF)
        return edcg_fail(err, EDCG_ERR_INVALID, "ngf %d is outside 1..%d", arch->ngf,
                         MODEL_MAX_NGF);
    if (arch->ndf < 1 || arch->ndf > MODEL_MAX_NGF)
        return edcg_fail(err, EDCG_ERR_INVALID, "ndf %d is outside 1..%d", arch->ndf,
                         MODEL_MAX_NGF);
    if (arch->blocks < 0 || arch->blocks > MODEL_MAX_BLOCKS)
        return edcg_fail(err, EDCG_ERR_INVALID, "blocks %d is outside 0..%d", arch->blocks,
                         MODEL_MAX_BLOCKS);
    return EDCG_OK;
}

static int64_t count_prefix(const edcg_model *m, const char *prefix)
{
    int64_t n = 0;
    size_t len = strlen(prefix);
    for (size_t i = 0; i < m->nparams; i++)
        if (strncmp(m->params[i].name, prefix, len) == 0)
            n += (int64_t)m->params[i].numel;
    return n;
}

/* Counted from the same layout the model is built from, so a wrong layer
 * shows up as a wrong Table 1 number. */
edcg_status edcg_arch_param_counts(const edcg_arch *arch, edcg_param_counts *out,
                                   edcg_error *err)
{
    if (edcg_arch_validate(arch, err))
        return EDCG_ERR_INVALID;
    edcg_model *m = model_build(arch, 1, 0);
    if (!m)
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
    int ed = variant_has_ed(arch->variant);
    out->encoder = ed ? count_prefix(m, "encoder.") : count_prefix(m, "g_ab.encoder.");
    out->ed_block = ed ? out->encoder + count_prefix(m, "ed_decoder.") : 0;
    /* In the ED variants the generator's encoder is the shared one. */
    out->generator = count_prefix(m, "g_ab.") + (ed ? out->encoder : 0);
    out->discriminator = count_prefix(m, "d_a.");
    out->cyclegan_total = 2 * out->generator + 2 * out->discriminator;
    out->trainable = out->cyclegan_total - (ed ? 2 * out->encoder : 0);
    edcg_model_free(m);
    return EDCG_OK;
}
