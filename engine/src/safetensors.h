/* safetensors.h: reading and writing safetensors files (internal).
 *
 * A weight file is untrusted input: st_read validates the whole header
 * (length, JSON syntax, dtypes, shapes, offsets inside the data, no
 * overlaps, no gaps) before anything uses the data, and reports the first
 * problem as one line naming the file.
 */
#ifndef EDCG_SAFETENSORS_H
#define EDCG_SAFETENSORS_H

#include <stddef.h>
#include <stdint.h>

#include "edcg.h"

#define ST_MAX_DIMS 8
/* Header JSON larger than this is refused (safetensors' own limit is 100 MB). */
#define ST_MAX_HEADER_BYTES (100u * 1024u * 1024u)

typedef struct st_tensor {
    char *name;
    edcg_dtype dtype;
    int ndim;
    int64_t shape[ST_MAX_DIMS];
    uint64_t begin, end; /* byte offsets into the data section */
} st_tensor;

typedef struct st_file {
    st_tensor *tensors;  /* in file order of data offsets */
    size_t count;
    char **meta_keys;    /* __metadata__, string values only */
    char **meta_values;
    size_t meta_count;
    uint8_t *data;       /* the data section, owned */
    uint64_t data_len;
} st_file;

/* Reads and validates a whole file. On failure *out is zeroed and err says
 * "PATH: problem". max_bytes caps the file size (0: no cap). */
edcg_status st_read(const char *path, uint64_t max_bytes, st_file *out, edcg_error *err);
/* The same checks without reading the data: for listing files' metadata. */
edcg_status st_read_header(const char *path, st_file *out, edcg_error *err);
void st_free(st_file *f);

const st_tensor *st_find(const st_file *f, const char *name);
const char *st_meta(const st_file *f, const char *key);
int64_t st_numel(const st_tensor *t);

/* Converts a tensor's data to F32 into dst, which holds st_numel(t) floats. */
void st_to_f32(const st_file *f, const st_tensor *t, float *dst);

/* Checks that t has exactly the given shape; on mismatch fills err with
 * "PATH: tensor NAME has shape [..], expected [..]". */
edcg_status st_expect_shape(const char *path, const st_tensor *t, int ndim,
                            const int64_t *shape, edcg_error *err);

typedef struct st_write_tensor {
    const char *name;
    int ndim;
    int64_t shape[ST_MAX_DIMS];
    const float *data;   /* F32 source, converted to the file's dtype */
} st_write_tensor;

/* Writes tensors (all stored as `dtype`) and metadata pairs to PATH.tmp-XXXX
 * in the same folder, fsyncs, then renames over path. Nothing is left behind
 * on failure. meta_kv holds 2*meta_pairs strings: key, value, key, value... */
edcg_status st_write(const char *path, const st_write_tensor *tensors, size_t count,
                     edcg_dtype dtype, const char *const *meta_kv, size_t meta_pairs,
                     edcg_error *err);

/* IEEE half and bfloat16 conversions (round to nearest even). */
float st_f16_to_f32(uint16_t h);
uint16_t st_f32_to_f16(float f);
float st_bf16_to_f32(uint16_t h);
uint16_t st_f32_to_bf16(float f);

#endif
