/* model_io.c: a model to and from a safetensors file (docs/weights-format.md). */
#include "model_io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* ngf 256 with 32 blocks in F32 is ~3 GB; nothing real comes near. */
#define MODEL_MAX_FILE_BYTES ((uint64_t)4 << 30)

static const char *const arch_keys[] = {"format", "format_version", "variant", "ngf", "ndf",
                                        "blocks"};

static int is_arch_key(const char *key)
{
    for (size_t i = 0; i < sizeof arch_keys / sizeof *arch_keys; i++)
        if (strcmp(key, arch_keys[i]) == 0)
            return 1;
    return 0;
}

static int is_disc_param(const param *p)
{
    return strncmp(p->name, "d_a.", 4) == 0 || strncmp(p->name, "d_b.", 4) == 0;
}

edcg_status model_meta_kv_build(const edcg_model *m, const char *format, size_t extra_slots,
                                model_meta_kv *out, edcg_error *err)
{
    memset(out, 0, sizeof *out);
    out->kv = calloc(2 * (m->nmeta + 6 + extra_slots), sizeof *out->kv);
    if (!out->kv)
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
    snprintf(out->numbers[0], sizeof out->numbers[0], "%d", m->arch.ngf);
    snprintf(out->numbers[1], sizeof out->numbers[1], "%d", m->arch.ndf);
    snprintf(out->numbers[2], sizeof out->numbers[2], "%d", m->arch.blocks);
    const char *fixed[] = {"format", format, "format_version", "1",
                           "variant", edcg_variant_name(m->arch.variant),
                           "ngf", out->numbers[0], "ndf", out->numbers[1],
                           "blocks", out->numbers[2]};
    size_t n = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        out->kv[n++] = fixed[i];
    for (size_t i = 0; i < m->nmeta; i++) {
        if (is_arch_key(m->meta_keys[i]))
            continue;
        out->kv[n++] = m->meta_keys[i];
        out->kv[n++] = m->meta_values[i];
    }
    out->pairs = n / 2;
    return EDCG_OK;
}

void model_meta_kv_free(model_meta_kv *kv)
{
    free(kv->kv);
    kv->kv = NULL;
}

edcg_status model_collect_tensors(const edcg_model *m, int include_disc, size_t extra_slots,
                                  st_write_tensor **out, size_t *count, edcg_error *err)
{
    st_write_tensor *t = calloc(m->nparams + extra_slots + 1, sizeof *t);
    if (!t)
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < m->nparams; i++) {
        const param *p = &m->params[i];
        if (!include_disc && is_disc_param(p))
            continue;
        t[n].name = p->name;
        t[n].ndim = p->ndim;
        memcpy(t[n].shape, p->shape, sizeof(int64_t) * (size_t)p->ndim);
        t[n].data = p->data;
        n++;
    }
    *out = t;
    *count = n;
    return EDCG_OK;
}

edcg_status edcg_model_save(const edcg_model *m, const char *path,
                            const edcg_save_options *options, edcg_error *err)
{
    edcg_save_options defaults = {EDCG_DTYPE_F32, 0};
    if (!options)
        options = &defaults;
    st_write_tensor *tensors;
    size_t count;
    model_meta_kv kv;
    edcg_status s = model_collect_tensors(m, options->include_discriminators && m->has_disc, 0,
                                          &tensors, &count, err);
    if (s)
        return s;
    if ((s = model_meta_kv_build(m, "edcg-model", 0, &kv, err))) {
        free(tensors);
        return s;
    }
    s = st_write(path, tensors, count, options->dtype, kv.kv, kv.pairs, err);
    model_meta_kv_free(&kv);
    free(tensors);
    return s;
}

/* Strict decimal integer in [lo, hi]. */
static int parse_int(const char *s, int lo, int hi, int *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

edcg_status model_arch_from_file(const st_file *f, const char *path, const char *format,
                                 edcg_arch *arch, int *has_disc, edcg_error *err)
{
    const char *fmt = st_meta(f, "format");
    if (!fmt || strcmp(fmt, format) != 0)
        return edcg_fail(err, EDCG_ERR_FORMAT, "%s: not an %s file (metadata 'format' is %s)",
                         path, format, fmt ? fmt : "missing");
    int version;
    if (parse_int(st_meta(f, "format_version"), 1, 1000000, &version) || version != 1)
        return edcg_fail(err, EDCG_ERR_FORMAT,
                         "%s: unsupported format_version '%s' (this build reads 1)", path,
                         st_meta(f, "format_version") ? st_meta(f, "format_version") : "missing");
    const char *variant = st_meta(f, "variant");
    if (edcg_variant_parse(variant, &arch->variant))
        return edcg_fail(err, EDCG_ERR_FORMAT, "%s: unknown variant '%s'", path,
                         variant ? variant : "missing");
    const char *names[3] = {"ngf", "ndf", "blocks"};
    int *fields[3] = {&arch->ngf, &arch->ndf, &arch->blocks};
    const int lo[3] = {1, 1, 0}, hi[3] = {MODEL_MAX_NGF, MODEL_MAX_NGF, MODEL_MAX_BLOCKS};
    for (int i = 0; i < 3; i++)
        if (parse_int(st_meta(f, names[i]), lo[i], hi[i], fields[i]))
            return edcg_fail(err, EDCG_ERR_FORMAT, "%s: metadata '%s' must be an integer in %d..%d",
                             path, names[i], lo[i], hi[i]);
    *has_disc = st_find(f, "d_a.conv0.weight") != NULL;
    return EDCG_OK;
}

static int has_prefix(const char *name, const char *const *prefixes)
{
    for (; prefixes && *prefixes; prefixes++)
        if (strncmp(name, *prefixes, strlen(*prefixes)) == 0)
            return 1;
    return 0;
}

edcg_status model_read_params(edcg_model *m, const st_file *f, const char *path,
                              const char *const *other_prefixes, edcg_error *err)
{
    edcg_status s;
    for (size_t i = 0; i < m->nparams; i++) {
        param *p = &m->params[i];
        const st_tensor *t = st_find(f, p->name);
        if (!t)
            return edcg_fail(err, EDCG_ERR_FORMAT,
                             "%s: tensor %s is missing (variant %s, ngf %d, %d blocks)", path,
                             p->name, edcg_variant_name(m->arch.variant), m->arch.ngf,
                             m->arch.blocks);
        if ((s = st_expect_shape(path, t, p->ndim, p->shape, err)))
            return s;
    }
    for (size_t i = 0; i < f->count; i++) {
        const char *name = f->tensors[i].name;
        if (!has_prefix(name, other_prefixes) && !model_find_param(m, name))
            return edcg_fail(err, EDCG_ERR_FORMAT, "%s: unexpected tensor %s for variant %s", path,
                             name, edcg_variant_name(m->arch.variant));
    }
    /* Everything checked: only now touch the data. */
    for (size_t i = 0; i < m->nparams; i++)
        st_to_f32(f, st_find(f, m->params[i].name), m->params[i].data);
    return EDCG_OK;
}

edcg_status model_read_meta(edcg_model *m, const st_file *f, edcg_error *err)
{
    for (size_t i = 0; i < f->meta_count; i++) {
        const char *k = f->meta_keys[i];
        /* A checkpoint's own bookkeeping is not the model's provenance. */
        if (strncmp(k, "trainer.", 8) == 0 || strncmp(k, "extra.", 6) == 0)
            continue;
        edcg_status s = edcg_model_set_meta(m, k, f->meta_values[i], err);
        if (s)
            return s;
    }
    return EDCG_OK;
}

edcg_model *edcg_model_load(const char *path, edcg_error *err)
{
    st_file f;
    if (st_read(path, MODEL_MAX_FILE_BYTES, &f, err))
        return NULL;
    /* A training checkpoint holds a whole model too (plus Adam moments and
     * pools, ignored here): loading one snapshots a run that is still going. */
    static const char *const checkpoint_only[] = {"adam.", "pool.", NULL};
    const char *fmt = st_meta(&f, "format");
    const int checkpoint = fmt && strcmp(fmt, "edcg-checkpoint") == 0;
    edcg_arch arch;
    int has_disc;
    edcg_model *m = NULL;
    if (model_arch_from_file(&f, path, checkpoint ? "edcg-checkpoint" : "edcg-model", &arch,
                             &has_disc, err) == EDCG_OK) {
        m = model_build(&arch, has_disc, 1);
        if (!m)
            edcg_fail(err, EDCG_ERR_NOMEM, "%s: out of memory loading the model", path);
        else if (model_read_params(m, &f, path, checkpoint ? checkpoint_only : NULL, err) ||
                 model_read_meta(m, &f, err)) {
            edcg_model_free(m);
            m = NULL;
        }
    }
    st_free(&f);
    return m;
}
