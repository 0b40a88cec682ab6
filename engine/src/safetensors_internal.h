/* safetensors_internal.h: what the safetensors sources share (internal to
 * safetensors.c, safetensors_header.c and safetensors_write.c). */
#ifndef EDCG_SAFETENSORS_INTERNAL_H
#define EDCG_SAFETENSORS_INTERNAL_H

#include <stdarg.h>

#include "safetensors.h"

#if defined(__GNUC__)
#define ST_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ST_PRINTF(f, a)
#endif

/* Fills err (if not NULL) with "PATH: " and the formatted problem, as one
 * line of valid UTF-8 whatever the path and names hold; returns st. */
edcg_status st_vfail(edcg_error *err, edcg_status st, const char *path, const char *fmt, va_list ap);
edcg_status st_fail(edcg_error *err, edcg_status st, const char *path, const char *fmt, ...) ST_PRINTF(4, 5);

/* 1 when s is valid UTF-8 (what JSON requires, and Python's reader checks). */
int st_utf8_valid(const char *s);

/* A name from a file, shortened so that it cannot push the rest of a
 * message out of the 512-byte buffer. Use as st_clip(name).s. */
typedef struct st_clipped {
    char s[88];
} st_clipped;
st_clipped st_clip(const char *s);

/* "[2, 3]". */
typedef struct st_shape_text {
    char s[ST_MAX_DIMS * 22 + 4];
} st_shape_text;
st_shape_text st_shape_str(int ndim, const int64_t *shape);

/* Bytes per element (0 for an invalid dtype) and the file's dtype name. */
unsigned st_dtype_size(edcg_dtype d);
const char *st_dtype_name(edcg_dtype d);
/* Parses "F32", "F16" or "BF16" (n bytes); -1 if unknown. */
int st_dtype_parse(const char *s, size_t n, edcg_dtype *out);

int st_host_is_little_endian(void);

/* Validates the JSON header text[0..len) of a file whose data section
 * holds data_len bytes, and fills out's tensors (sorted by data offset)
 * and metadata; text is modified. On failure out may be partly filled. */
edcg_status st_parse_header(const char *path, char *text, size_t len, uint64_t data_len, st_file *out,
                            edcg_error *err);

#endif
