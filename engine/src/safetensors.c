/* safetensors.c: reading safetensors files, and the helpers the other
 * safetensors sources share.
 *
 * Layout: 8-byte little-endian header length N, N bytes of JSON, then the
 * data section. Nothing from the file is trusted: every size is checked
 * against the file size before it is used to allocate or index anything,
 * and the data is read only after safetensors_header.c accepted the header.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "safetensors_internal.h"

/* ---- Shared helpers ------------------------------------------------------ */

static const struct {
    const char *name;
    unsigned size;
} dtypes[] = {[EDCG_DTYPE_F32] = {"F32", 4}, [EDCG_DTYPE_F16] = {"F16", 2}, [EDCG_DTYPE_BF16] = {"BF16", 2}};

#define N_DTYPES (sizeof dtypes / sizeof dtypes[0])

unsigned st_dtype_size(edcg_dtype d)
{
    return (unsigned)d < N_DTYPES ? dtypes[d].size : 0;
}

const char *st_dtype_name(edcg_dtype d)
{
    return (unsigned)d < N_DTYPES ? dtypes[d].name : "?";
}

int st_dtype_parse(const char *s, size_t n, edcg_dtype *out)
{
    for (size_t i = 0; i < N_DTYPES; i++) {
        if (strlen(dtypes[i].name) == n && memcmp(dtypes[i].name, s, n) == 0) {
            *out = (edcg_dtype)i;
            return 0;
        }
    }
    return -1;
}

int st_host_is_little_endian(void)
{
    const uint16_t one = 1;
    uint8_t first;
    memcpy(&first, &one, 1);
    return first == 1;
}

/* Length of the valid UTF-8 sequence at s (NUL-terminated), 0 if invalid:
 * no overlong forms, surrogates or code points past U+10FFFF. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n = c < 0x80                 ? 1
               : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) || (c == 0xF0 && s[1] < 0x90) ||
        (c == 0xF4 && s[1] >= 0x90))
        return 0;
    return n;
}

int st_utf8_valid(const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; *c;) {
        size_t len = utf8_len(c);
        if (len == 0)
            return 0;
        c += len;
    }
    return 1;
}

edcg_status st_vfail(edcg_error *err, edcg_status st, const char *path, const char *fmt, va_list ap)
{
    if (!err)
        return st;
    int n = snprintf(err->message, sizeof err->message, "%s: ", path ? path : "(null)");
    if (n >= 0 && (size_t)n < sizeof err->message)
        vsnprintf(err->message + n, sizeof err->message - (size_t)n, fmt, ap);
    /* Names come from the file and may hold anything, but a GUI may show
     * the message as is: one line of valid UTF-8. */
    for (unsigned char *c = (unsigned char *)err->message; *c;) {
        size_t len = utf8_len(c);
        if (len == 0 || *c < 0x20 || *c == 0x7F)
            *c++ = '?';
        else
            c += len;
    }
    return st;
}

edcg_status st_fail(edcg_error *err, edcg_status st, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    st = st_vfail(err, st, path, fmt, ap);
    va_end(ap);
    return st;
}

st_clipped st_clip(const char *s)
{
    st_clipped c;
    size_t n = strlen(s);
    if (n < sizeof c.s) {
        memcpy(c.s, s, n + 1);
        return c;
    }
    size_t cut = sizeof c.s - 8;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) /* not inside a UTF-8 sequence */
        cut--;
    memcpy(c.s, s, cut);
    memcpy(c.s + cut, "...", 4);
    return c;
}

st_shape_text st_shape_str(int ndim, const int64_t *shape)
{
    st_shape_text t;
    size_t len = 0;
    t.s[len++] = '[';
    for (int i = 0; i < ndim && i < ST_MAX_DIMS; i++)
        len += (size_t)snprintf(t.s + len, sizeof t.s - len, "%s%" PRId64, i ? ", " : "", shape[i]);
    snprintf(t.s + len, sizeof t.s - len, "]");
    return t;
}

/* ---- Reading ------------------------------------------------------------- */

typedef struct reader {
    const char *path;
    edcg_error *err;
    int fd;
    uint64_t size;     /* of the whole file */
    uint64_t data_len; /* of the data section */
} reader;

/* Returns the bytes read; less than n at end of file or on error (*error). */
static size_t read_full(int fd, void *buf, size_t n, int *error)
{
    size_t got = 0;
    *error = 0;
    while (got < n) {
        size_t chunk = n - got < ((size_t)1 << 30) ? n - got : (size_t)1 << 30;
        ssize_t r = read(fd, (char *)buf + got, chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            *error = errno;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    return got;
}

static edcg_status short_read(const reader *r, int error)
{
    if (error)
        return st_fail(r->err, EDCG_ERR_IO, r->path, "cannot read: %s", strerror(error));
    return st_fail(r->err, EDCG_ERR_FORMAT, r->path, "file is truncated: it shrank while being read");
}

static edcg_status open_file(reader *r, uint64_t max_bytes)
{
    struct stat st;
    /* O_NONBLOCK: a FIFO must not hang the open before fstat refuses it. */
    r->fd = open(r->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (r->fd < 0)
        return st_fail(r->err, EDCG_ERR_IO, r->path, "cannot open: %s", strerror(errno));
    if (fstat(r->fd, &st) != 0)
        return st_fail(r->err, EDCG_ERR_IO, r->path, "cannot stat: %s", strerror(errno));
    if (!S_ISREG(st.st_mode))
        return st_fail(r->err, EDCG_ERR_IO, r->path, "not a regular file");
    r->size = (uint64_t)st.st_size;
    if (max_bytes && r->size > max_bytes)
        return st_fail(r->err, EDCG_ERR_NOMEM, r->path,
                       "file is %" PRIu64 " bytes, over the limit of %" PRIu64, r->size, max_bytes);
    return EDCG_OK;
}

static edcg_status read_header(reader *r, char **header, size_t *len)
{
    unsigned char b[8];
    int error;
    if (r->size == 0)
        return st_fail(r->err, EDCG_ERR_FORMAT, r->path, "file is empty");
    if (r->size < 8)
        return st_fail(r->err, EDCG_ERR_FORMAT, r->path,
                       "file is truncated: it ends inside the 8-byte header length (%" PRIu64 " bytes)",
                       r->size);
    if (read_full(r->fd, b, 8, &error) != 8)
        return short_read(r, error);
    uint64_t n = 0;
    for (int i = 7; i >= 0; i--)
        n = n << 8 | b[i];
    if (n == 0)
        return st_fail(r->err, EDCG_ERR_FORMAT, r->path, "header length is 0");
    if (n > ST_MAX_HEADER_BYTES)
        return st_fail(r->err, EDCG_ERR_FORMAT, r->path,
                       "header length %" PRIu64 " is over the limit of %u bytes", n, ST_MAX_HEADER_BYTES);
    if (n > r->size - 8)
        return st_fail(r->err, EDCG_ERR_FORMAT, r->path,
                       "file is truncated: header length says %" PRIu64 " bytes of JSON, file holds %" PRIu64
                       " after the length",
                       n, r->size - 8);
    r->data_len = r->size - 8 - n;
    *header = malloc((size_t)n);
    if (!*header)
        return st_fail(r->err, EDCG_ERR_NOMEM, r->path, "out of memory for a %" PRIu64 "-byte header", n);
    if (read_full(r->fd, *header, (size_t)n, &error) != n)
        return short_read(r, error);
    *len = (size_t)n;
    return EDCG_OK;
}

static edcg_status read_data(const reader *r, st_file *out)
{
    int error;
    if ((uint64_t)(size_t)r->data_len != r->data_len)
        return st_fail(r->err, EDCG_ERR_NOMEM, r->path, "data section too large for this machine");
    out->data = malloc(r->data_len ? (size_t)r->data_len : 1);
    if (!out->data)
        return st_fail(r->err, EDCG_ERR_NOMEM, r->path, "out of memory for %" PRIu64 " bytes of data",
                       r->data_len);
    out->data_len = r->data_len;
    if (read_full(r->fd, out->data, (size_t)r->data_len, &error) != r->data_len)
        return short_read(r, error);
    return EDCG_OK;
}

static edcg_status read_file(const char *path, uint64_t max_bytes, int with_data, st_file *out,
                             edcg_error *err)
{
    reader r = {path, err, -1, 0, 0};
    char *header = NULL;
    size_t header_len = 0;
    if (err)
        err->message[0] = '\0';
    if (!out || !path)
        return st_fail(err, EDCG_ERR_INVALID, path, "st_read needs a path and an output");
    memset(out, 0, sizeof *out);
    edcg_status st = open_file(&r, max_bytes);
    if (!st)
        st = read_header(&r, &header, &header_len);
    if (!st)
        st = st_parse_header(path, header, header_len, r.data_len, out, err);
    free(header);
    if (!st && with_data)
        st = read_data(&r, out);
    else if (!st)
        out->data_len = 0; /* header only: st_to_f32 finds nothing to convert */
    if (r.fd >= 0)
        close(r.fd);
    if (st)
        st_free(out);
    return st;
}

edcg_status st_read(const char *path, uint64_t max_bytes, st_file *out, edcg_error *err)
{
    return read_file(path, max_bytes, 1, out, err);
}

edcg_status st_read_header(const char *path, st_file *out, edcg_error *err)
{
    return read_file(path, 0, 0, out, err);
}

void st_free(st_file *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->count; i++)
        free(f->tensors[i].name);
    for (size_t i = 0; i < f->meta_count; i++) {
        free(f->meta_keys[i]);
        free(f->meta_values[i]);
    }
    free(f->tensors);
    free(f->meta_keys);
    free(f->meta_values);
    free(f->data);
    memset(f, 0, sizeof *f);
}

/* ---- Queries ------------------------------------------------------------- */

/* Linear: models hold a few hundred tensors, looked up once each. */
const st_tensor *st_find(const st_file *f, const char *name)
{
    for (size_t i = 0; f && name && i < f->count; i++)
        if (strcmp(f->tensors[i].name, name) == 0)
            return &f->tensors[i];
    return NULL;
}

const char *st_meta(const st_file *f, const char *key)
{
    for (size_t i = 0; f && key && i < f->meta_count; i++)
        if (strcmp(f->meta_keys[i], key) == 0)
            return f->meta_values[i];
    return NULL;
}

int64_t st_numel(const st_tensor *t)
{
    int64_t n = 1;
    for (int i = 0; i < t->ndim; i++)
        n *= t->shape[i];
    return n;
}

void st_to_f32(const st_file *f, const st_tensor *t, float *dst)
{
    if (!f || !t || !dst)
        return;
    uint64_t n = (uint64_t)st_numel(t), size = st_dtype_size(t->dtype);
    /* A tensor of another file must not make us read out of bounds. */
    if (!size || t->end > f->data_len || t->end - t->begin != n * size)
        return;
    const uint8_t *src = f->data + t->begin;
    if (t->dtype == EDCG_DTYPE_F32 && st_host_is_little_endian()) {
        memcpy(dst, src, (size_t)(n * 4));
        return;
    }
    for (size_t i = 0; i < (size_t)n; i++) {
        const uint8_t *p = src + i * size;
        if (t->dtype == EDCG_DTYPE_F32) {
            uint32_t bits =
                (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
            memcpy(&dst[i], &bits, 4);
        } else {
            uint16_t h = (uint16_t)(p[0] | p[1] << 8);
            dst[i] = t->dtype == EDCG_DTYPE_F16 ? st_f16_to_f32(h) : st_bf16_to_f32(h);
        }
    }
}

edcg_status st_expect_shape(const char *path, const st_tensor *t, int ndim, const int64_t *shape,
                            edcg_error *err)
{
    int same = t && t->ndim == ndim;
    for (int i = 0; same && i < ndim; i++)
        same = t->shape[i] == shape[i];
    if (same)
        return EDCG_OK;
    if (!t)
        return st_fail(err, EDCG_ERR_INVALID, path, "no tensor to check against shape %s",
                       st_shape_str(ndim, shape).s);
    return st_fail(err, EDCG_ERR_FORMAT, path, "tensor %s has shape %s, expected %s", st_clip(t->name).s,
                   st_shape_str(t->ndim, t->shape).s, st_shape_str(ndim, shape).s);
}
