/* fuzz_safetensors.c: libFuzzer entry point for the safetensors reader.
 *
 * Not part of the meson build. Build and run from the repository root:
 *
 *   clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 \
 *     -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *     -Iengine/include -Iengine/src engine/src/json.c engine/src/safetensors.c \
 *     engine/src/safetensors_header.c engine/src/safetensors_write.c \
 *     tests/fuzz/fuzz_safetensors.c -lm -o fuzz_st
 *   mkdir -p corpus && ./fuzz_st -max_total_time=60 -max_len=4096 corpus
 *
 * Seed the corpus with a few real .safetensors files for faster progress.
 * Each input is parsed twice: as a JSON document in memory (fast, reaches
 * the parser directly) and as a whole file through st_read. A file that
 * st_read accepts is written back with st_write (as F32) and must read back
 * to the same tensors and metadata.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "safetensors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_json(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    json_doc doc;
    json_error je;
    if (!copy)
        return;
    memcpy(copy, data, size);
    if (json_parse(copy, size, &doc, &je) == 0)
        json_free(&doc);
    free(copy);
}

static int write_temp(char *path, const uint8_t *data, size_t size)
{
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    int ok = write(fd, data, size) == (ssize_t)size;
    close(fd);
    return ok ? 0 : -1;
}

static float *all_as_f32(const st_file *f, st_write_tensor *out)
{
    size_t total = 0;
    for (size_t i = 0; i < f->count; i++)
        total += (size_t)st_numel(&f->tensors[i]);
    float *buf = malloc((total ? total : 1) * sizeof *buf), *p = buf;
    for (size_t i = 0; buf && i < f->count; i++) {
        const st_tensor *t = &f->tensors[i];
        st_to_f32(f, t, p);
        out[i].name = t->name;
        out[i].ndim = t->ndim;
        memcpy(out[i].shape, t->shape, sizeof t->shape);
        out[i].data = p;
        p += st_numel(t);
    }
    return buf;
}

/* Writing back what was read must give the same tensors, bit for bit. */
static void round_trip(const st_file *f, const char *dir_path)
{
    char path[64];
    const char **meta = malloc((2 * f->meta_count + 1) * sizeof *meta);
    st_write_tensor *tw = calloc(f->count + 1, sizeof *tw);
    float *values = tw ? all_as_f32(f, tw) : NULL;
    st_file g;
    edcg_error err;
    snprintf(path, sizeof path, "%s.rt", dir_path);
    for (size_t i = 0; meta && i < f->meta_count; i++) {
        meta[2 * i] = f->meta_keys[i];
        meta[2 * i + 1] = f->meta_values[i];
    }
    if (meta && values && st_write(path, tw, f->count, EDCG_DTYPE_F32, meta, f->meta_count, &err) == EDCG_OK) {
        if (st_read(path, 0, &g, &err) != EDCG_OK)
            abort();
        if (g.count != f->count || g.meta_count != f->meta_count)
            abort();
        for (size_t i = 0; i < g.count; i++) {
            const st_tensor *t = st_find(&g, tw[i].name);
            if (!t || t->ndim != tw[i].ndim || memcmp(t->shape, tw[i].shape, sizeof t->shape) != 0 ||
                memcmp(g.data + t->begin, tw[i].data, (size_t)(t->end - t->begin)) != 0)
                abort();
        }
        for (size_t i = 0; i < g.meta_count; i++)
            if (!st_meta(f, g.meta_keys[i]) || strcmp(st_meta(f, g.meta_keys[i]), g.meta_values[i]) != 0)
                abort();
        st_free(&g);
        unlink(path);
    }
    free(values);
    free(tw);
    free(meta);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/fuzz-st-XXXXXX";
    st_file f;
    edcg_error err;
    fuzz_json(data, size);
    if (write_temp(path, data, size) != 0)
        return 0;
    if (st_read(path, 0, &f, &err) == EDCG_OK) {
        round_trip(&f, path);
        st_free(&f);
    } else if (!err.message[0] || strchr(err.message, '\n')) {
        abort(); /* every refusal says why, on one line */
    }
    unlink(path);
    return 0;
}
