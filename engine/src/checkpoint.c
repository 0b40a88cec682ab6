/* checkpoint.c: everything training needs to continue exactly, in one
 * safetensors file: all params (discriminators included), Adam moments
 * ("adam.m.NAME", "adam.v.NAME"), the image pools ("pool.a", "pool.b"),
 * and in metadata the Adam step counts, learning rates, the pool RNG, and
 * the caller's own pairs (prefixed "extra."). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "model_io.h"
#include "trainer.h"

#define CHECKPOINT_MAX_BYTES ((uint64_t)16 << 30)
#define NAME_LEN (PARAM_NAME_MAX + 8)

static const char *const trainer_prefixes[] = {"adam.", "pool.", NULL};

typedef struct ckpt_strings {
    char (*names)[NAME_LEN];
    char steps[3][24], rng[80], *extra_keys;
} ckpt_strings;

edcg_status edcg_trainer_save(const edcg_trainer *t, const char *path,
                              const char *const *extra_kv, size_t extra_pairs, edcg_error *err)
{
    const edcg_model *m = t->m;
    st_write_tensor *tensors = NULL;
    size_t count;
    model_meta_kv kv = {0};
    ckpt_strings str = {0};
    edcg_status s = model_collect_tensors(m, 1, 2 * m->nparams + 2, &tensors, &count, err);
    if (!s)
        s = model_meta_kv_build(m, "edcg-checkpoint", 7 + extra_pairs, &kv, err);
    if (!s) {
        str.names = calloc(2 * m->nparams + 1, NAME_LEN);
        str.extra_keys = calloc(extra_pairs + 1, NAME_LEN);
        if (!str.names || !str.extra_keys)
            s = edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
    }
    if (s)
        goto done;
    for (size_t i = 0; i < m->nparams; i++)
        for (int k = 0; k < 2; k++) {
            st_write_tensor *w = &tensors[count++];
            char *name = str.names[2 * i + k];
            snprintf(name, NAME_LEN, "adam.%c.%s", k ? 'v' : 'm', m->params[i].name);
            w->name = name;
            w->ndim = 1;
            w->shape[0] = (int64_t)m->params[i].numel;
            w->data = (k ? t->adam_v : t->adam_m) + t->offset[i];
        }
    for (int d = 0; d < 2; d++)
        if (t->pool[d].count > 0) {
            st_write_tensor *w = &tensors[count++];
            w->name = d ? "pool.b" : "pool.a";
            w->ndim = 2;
            w->shape[0] = t->pool[d].count;
            w->shape[1] = (int64_t)t->pool[d].image_floats;
            w->data = t->pool[d].images;
        }
    const char **p = kv.kv + 2 * kv.pairs;
    static const char *const step_keys[3] = {"trainer.steps.ed", "trainer.steps.g",
                                             "trainer.steps.d"};
    for (int g = 0; g < 3; g++) {
        snprintf(str.steps[g], sizeof str.steps[g], "%ld", t->steps[g]);
        *p++ = step_keys[g];
        *p++ = str.steps[g];
    }
    snprintf(str.rng, sizeof str.rng, "%016" PRIx64 "%016" PRIx64 "%016" PRIx64 "%016" PRIx64,
             t->rng.s[0], t->rng.s[1], t->rng.s[2], t->rng.s[3]);
    *p++ = "trainer.rng";
    *p++ = str.rng;
    for (size_t i = 0; i < extra_pairs; i++) {
        char *key = str.extra_keys + i * NAME_LEN;
        snprintf(key, NAME_LEN, "extra.%s", extra_kv[2 * i]);
        *p++ = key;
        *p++ = extra_kv[2 * i + 1];
    }
    s = st_write(path, tensors, count, EDCG_DTYPE_F32, kv.kv, (size_t)(p - kv.kv) / 2, err);
done:
    free(tensors);
    free(str.names);
    free(str.extra_keys);
    model_meta_kv_free(&kv);
    return s;
}

static int parse_u64_hex(const char *s, uint64_t out[4])
{
    if (!s || strlen(s) != 64)
        return -1;
    for (int i = 0; i < 4; i++) {
        char part[17];
        memcpy(part, s + 16 * i, 16);
        part[16] = '\0';
        char *end;
        out[i] = strtoull(part, &end, 16);
        if (*end)
            return -1;
    }
    return 0;
}

/* copy 0: only checks that every moment is there with the right size. */
static edcg_status read_adam(edcg_trainer *t, const st_file *f, const char *path, int copy,
                             edcg_error *err)
{
    char name[NAME_LEN];
    for (size_t i = 0; i < t->m->nparams; i++)
        for (int k = 0; k < 2; k++) {
            snprintf(name, sizeof name, "adam.%c.%s", k ? 'v' : 'm', t->m->params[i].name);
            const st_tensor *st = st_find(f, name);
            int64_t shape[1] = {(int64_t)t->m->params[i].numel};
            if (!st)
                return edcg_fail(err, EDCG_ERR_FORMAT, "%s: tensor %s is missing", path, name);
            edcg_status s = st_expect_shape(path, st, 1, shape, err);
            if (s)
                return s;
        }
    for (size_t i = 0; i < t->m->nparams && copy; i++)
        for (int k = 0; k < 2; k++) {
            snprintf(name, sizeof name, "adam.%c.%s", k ? 'v' : 'm', t->m->params[i].name);
            st_to_f32(f, st_find(f, name), (k ? t->adam_v : t->adam_m) + t->offset[i]);
        }
    return EDCG_OK;
}

static edcg_status read_pools(edcg_trainer *t, const st_file *f, const char *path,
                              edcg_error *err)
{
    for (int d = 0; d < 2; d++) {
        image_pool *pool = &t->pool[d];
        image_pool_free(pool);
        const st_tensor *st = st_find(f, d ? "pool.b" : "pool.a");
        if (!st)
            continue;
        if (st->ndim != 2 || st->shape[0] < 1 || st->shape[0] > pool->capacity ||
            st->shape[1] < 1 || st->shape[1] > ((int64_t)3 << 26))
            return edcg_fail(err, EDCG_ERR_FORMAT, "%s: image pool %s does not fit a pool of %d",
                             path, st->name, pool->capacity);
        pool->image_floats = (size_t)st->shape[1];
        pool->images = malloc(sizeof(float) * pool->image_floats * (size_t)pool->capacity);
        if (!pool->images)
            return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
        pool->count = (int)st->shape[0];
        st_to_f32(f, st, pool->images);
    }
    return EDCG_OK;
}

static edcg_status read_extras(edcg_trainer *t, const st_file *f, edcg_error *err)
{
    for (size_t i = 0; i < t->nextra; i++) {
        free(t->extra_keys[i]);
        free(t->extra_values[i]);
    }
    t->nextra = 0;
    free(t->extra_keys);
    free(t->extra_values);
    t->extra_keys = calloc(f->meta_count + 1, sizeof(char *));
    t->extra_values = calloc(f->meta_count + 1, sizeof(char *));
    if (!t->extra_keys || !t->extra_values)
        return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < f->meta_count; i++) {
        if (strncmp(f->meta_keys[i], "extra.", 6) != 0)
            continue;
        const char *k = f->meta_keys[i] + 6, *v = f->meta_values[i];
        char *kc = malloc(strlen(k) + 1), *vc = malloc(strlen(v) + 1);
        if (!kc || !vc) {
            free(kc);
            free(vc);
            return edcg_fail(err, EDCG_ERR_NOMEM, "out of memory");
        }
        strcpy(kc, k);
        strcpy(vc, v);
        t->extra_keys[t->nextra] = kc;
        t->extra_values[t->nextra] = vc;
        t->nextra++;
    }
    return EDCG_OK;
}

edcg_status edcg_trainer_load(edcg_trainer *t, const char *path, edcg_error *err)
{
    st_file f;
    edcg_status s = st_read(path, CHECKPOINT_MAX_BYTES, &f, err);
    if (s)
        return s;
    edcg_arch arch;
    int has_disc;
    long steps[3];
    uint64_t rng_state[4];
    if ((s = model_arch_from_file(&f, path, "edcg-checkpoint", &arch, &has_disc, err)))
        goto done;
    if (memcmp(&arch, &t->m->arch, sizeof arch) != 0 || !has_disc) {
        s = edcg_fail(err, EDCG_ERR_FORMAT,
                      "%s: checkpoint is for variant %s, ngf %d, ndf %d, %d blocks; this run "
                      "trains variant %s, ngf %d, ndf %d, %d blocks", path,
                      edcg_variant_name(arch.variant), arch.ngf, arch.ndf, arch.blocks,
                      edcg_variant_name(t->m->arch.variant), t->m->arch.ngf, t->m->arch.ndf,
                      t->m->arch.blocks);
        goto done;
    }
    static const char *const step_keys[3] = {"trainer.steps.ed", "trainer.steps.g",
                                             "trainer.steps.d"};
    for (int g = 0; g < 3; g++) {
        const char *v = st_meta(&f, step_keys[g]);
        char *end = NULL;
        steps[g] = v ? strtol(v, &end, 10) : -1;
        if (!v || *end || steps[g] < 0) {
            s = edcg_fail(err, EDCG_ERR_FORMAT, "%s: metadata %s is missing or invalid", path,
                          step_keys[g]);
            goto done;
        }
    }
    if (parse_u64_hex(st_meta(&f, "trainer.rng"), rng_state)) {
        s = edcg_fail(err, EDCG_ERR_FORMAT, "%s: metadata trainer.rng is missing or invalid", path);
        goto done;
    }
    /* Every check before any state changes; pools validate before they copy. */
    if ((s = read_adam(t, &f, path, 0, err)) ||
        (s = model_read_params(t->m, &f, path, trainer_prefixes, err)) ||
        (s = read_adam(t, &f, path, 1, err)) || (s = read_pools(t, &f, path, err)) ||
        (s = read_extras(t, &f, err)) || (s = model_read_meta(t->m, &f, err)))
        goto done;
    memcpy(t->steps, steps, sizeof steps);
    memcpy(t->rng.s, rng_state, sizeof rng_state);
done:
    st_free(&f);
    return s;
}

const char *edcg_trainer_get_extra(const edcg_trainer *t, const char *key)
{
    for (size_t i = 0; i < t->nextra; i++)
        if (strcmp(t->extra_keys[i], key) == 0)
            return t->extra_values[i];
    return NULL;
}
