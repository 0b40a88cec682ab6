/* safetensors_write.c: atomic writing of safetensors files, and the F16 and
 * BF16 conversions shared with the reader.
 *
 * The file goes to PATH.tmp-XXXXXXXX beside PATH, is fsynced and renamed
 * over PATH, so readers see either the old file or the whole new one.
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "safetensors_internal.h"

/* ---- Half and bfloat16 -------------------------------------------------- */

static uint32_t f32_bits(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    return x;
}

static float bits_f32(uint32_t x)
{
    float f;
    memcpy(&f, &x, 4);
    return f;
}

float st_f16_to_f32(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000) << 16, exp = (h >> 10) & 0x1F, man = h & 0x3FF;
    if (exp == 0x1F) /* inf, or NaN keeping its payload */
        return bits_f32(sign | 0x7F800000u | man << 13);
    if (exp != 0)
        return bits_f32(sign | (exp + 112) << 23 | man << 13);
    /* Zero or subnormal: man * 2^-24 is exact in float. */
    float v = (float)man * (1.0f / 16777216.0f);
    return sign ? -v : v;
}

/* Shifts mag right by `shift` bits, rounding to nearest, ties to even. */
static uint32_t shift_round_even(uint32_t mag, unsigned shift)
{
    uint32_t kept = mag >> shift, rest = mag & ((1u << shift) - 1), half = 1u << (shift - 1);
    return kept + (rest > half || (rest == half && (kept & 1)));
}

uint16_t st_f32_to_f16(float f)
{
    uint32_t x = f32_bits(f), sign = (x >> 16) & 0x8000, man = x & 0x7FFFFF;
    int exp = (int)((x >> 23) & 0xFF);
    if (exp == 0xFF) /* inf stays inf; NaN stays a (quiet) NaN */
        return (uint16_t)(sign | 0x7C00 | (man ? 0x200 | man >> 13 : 0));
    int e = exp - 127 + 15;
    if (e >= 31)
        return (uint16_t)(sign | 0x7C00);
    if (e <= 0) {
        if (e < -10) /* below half the smallest subnormal */
            return (uint16_t)sign;
        /* A carry out of the subnormal range yields 0x400, the smallest
         * normal, which is the right encoding. */
        return (uint16_t)(sign | shift_round_even(man | 0x800000, (unsigned)(14 - e)));
    }
    /* A carry may ripple into the exponent, up to 0x7C00 = inf: correct. */
    return (uint16_t)(sign | shift_round_even((uint32_t)e << 23 | man, 13));
}

float st_bf16_to_f32(uint16_t h)
{
    return bits_f32((uint32_t)h << 16);
}

uint16_t st_f32_to_bf16(float f)
{
    uint32_t x = f32_bits(f);
    if ((x & 0x7FFFFFFFu) > 0x7F800000u) /* NaN: truncating could make it inf */
        return (uint16_t)(x >> 16 | 0x40);
    return (uint16_t)((x + 0x7FFFu + ((x >> 16) & 1)) >> 16);
}

/* ---- Header ------------------------------------------------------------- */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    int oom;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap - b->len < n && cap <= SIZE_MAX / 2)
            cap *= 2;
        char *p = cap - b->len >= n ? realloc(b->p, cap) : NULL;
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void sb_cstr(sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static void sb_u64(sbuf *b, uint64_t v)
{
    char t[24];
    snprintf(t, sizeof t, "%" PRIu64, v);
    sb_cstr(b, t);
}

/* Quotes s as a JSON string; bytes >= 0x80 (UTF-8) pass through. */
static void sb_json_str(sbuf *b, const char *s)
{
    sb_put(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            esc[2] = '\0';
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
        } else {
            sb_put(b, s, 1);
            continue;
        }
        sb_cstr(b, esc);
    }
    sb_put(b, "\"", 1);
}

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts strs and returns a string that occurs twice in it, or NULL. */
static const char *sorted_duplicate(const char **strs, size_t n)
{
    if (n > 1)
        qsort(strs, n, sizeof *strs, str_ptr_cmp);
    for (size_t i = 1; i < n; i++)
        if (strcmp(strs[i], strs[i - 1]) == 0)
            return strs[i];
    return NULL;
}

typedef struct writer {
    const char *path;
    edcg_error *err;
    const st_write_tensor *tensors;
    size_t count;
    edcg_dtype dtype;
    unsigned size; /* bytes per element */
} writer;

static edcg_status wfail(const writer *w, edcg_status st, const char *why, const char *name)
{
    return st_fail(w->err, st, w->path, "cannot write: %s%s%s", why, name ? " " : "",
                   name ? st_clip(name).s : "");
}

/* Bytes of tensor t, or 0 with *bad set when its shape is invalid. */
static uint64_t tensor_bytes(const writer *w, const st_write_tensor *t, int *bad)
{
    uint64_t n = w->size;
    *bad = t->ndim < 0 || t->ndim > ST_MAX_DIMS;
    for (int i = 0; !*bad && i < t->ndim; i++) {
        uint64_t d = (uint64_t)t->shape[i];
        *bad = t->shape[i] < 0 || (d && n > (uint64_t)INT64_MAX / d);
        n *= d;
    }
    /* The data must exist and be addressable on this machine. */
    if (*bad || (n && !t->data) || (uint64_t)(size_t)n != n)
        *bad = 1;
    return *bad ? 0 : n;
}

static edcg_status check_args(const writer *w, const char *const *meta_kv, size_t meta_pairs)
{
    if (!w->path || (w->count && !w->tensors) || (meta_pairs && !meta_kv))
        return wfail(w, EDCG_ERR_INVALID, "missing path, tensors or metadata", NULL);
    if (!w->size)
        return wfail(w, EDCG_ERR_INVALID, "unsupported dtype", NULL);
    for (size_t i = 0; i < 2 * meta_pairs; i++) {
        if (!meta_kv[i])
            return wfail(w, EDCG_ERR_INVALID, "a metadata key or value is NULL", NULL);
        if (!st_utf8_valid(meta_kv[i]))
            return wfail(w, EDCG_ERR_INVALID, "metadata is not valid UTF-8", NULL);
    }
    for (size_t i = 0; i < w->count; i++) {
        const char *name = w->tensors[i].name;
        int bad;
        if (!name || !*name)
            return wfail(w, EDCG_ERR_INVALID, "a tensor has no name", NULL);
        if (strcmp(name, "__metadata__") == 0)
            return wfail(w, EDCG_ERR_INVALID, "reserved tensor name", name);
        if (!st_utf8_valid(name))
            return wfail(w, EDCG_ERR_INVALID, "tensor name is not valid UTF-8:", name);
        tensor_bytes(w, &w->tensors[i], &bad);
        if (bad)
            return wfail(w, EDCG_ERR_INVALID, "invalid shape or no data for tensor", name);
    }
    return EDCG_OK;
}

/* Duplicate names would make a file that st_read refuses. */
static edcg_status check_unique(const writer *w, const char *const *meta_kv, size_t meta_pairs)
{
    size_t n = w->count > meta_pairs ? w->count : meta_pairs;
    const char **strs = malloc((n ? n : 1) * sizeof *strs);
    if (!strs)
        return wfail(w, EDCG_ERR_NOMEM, "out of memory", NULL);
    for (size_t i = 0; i < w->count; i++)
        strs[i] = w->tensors[i].name;
    const char *dup = sorted_duplicate(strs, w->count);
    edcg_status st = dup ? wfail(w, EDCG_ERR_INVALID, "duplicate tensor name", dup) : EDCG_OK;
    for (size_t i = 0; !st && i < meta_pairs; i++)
        strs[i] = meta_kv[2 * i];
    dup = st ? NULL : sorted_duplicate(strs, meta_pairs);
    if (dup)
        st = wfail(w, EDCG_ERR_INVALID, "duplicate metadata key", dup);
    free(strs);
    return st;
}

/* The JSON header, padded with spaces to a multiple of 8 bytes (as the
 * reference implementation does) so that the data starts aligned. */
static edcg_status build_header(const writer *w, const char *const *meta_kv, size_t meta_pairs, sbuf *b)
{
    uint64_t offset = 0;
    int bad;
    sb_put(b, "{", 1);
    if (meta_pairs) {
        sb_cstr(b, "\"__metadata__\":{");
        for (size_t i = 0; i < meta_pairs; i++) {
            sb_cstr(b, i ? "," : "");
            sb_json_str(b, meta_kv[2 * i]);
            sb_put(b, ":", 1);
            sb_json_str(b, meta_kv[2 * i + 1]);
        }
        sb_put(b, "}", 1);
    }
    for (size_t i = 0; i < w->count; i++) {
        const st_write_tensor *t = &w->tensors[i];
        uint64_t bytes = tensor_bytes(w, t, &bad);
        if (offset > UINT64_MAX - bytes)
            return wfail(w, EDCG_ERR_INVALID, "tensors too large", NULL);
        sb_cstr(b, meta_pairs || i ? "," : "");
        sb_json_str(b, t->name);
        sb_cstr(b, ":{\"dtype\":\"");
        sb_cstr(b, st_dtype_name(w->dtype));
        sb_cstr(b, "\",\"shape\":[");
        for (int d = 0; d < t->ndim; d++) {
            sb_cstr(b, d ? "," : "");
            sb_u64(b, (uint64_t)t->shape[d]);
        }
        sb_cstr(b, "],\"data_offsets\":[");
        sb_u64(b, offset);
        sb_put(b, ",", 1);
        sb_u64(b, offset += bytes);
        sb_cstr(b, "]}");
    }
    sb_put(b, "}", 1);
    while (!b->oom && b->len % 8)
        sb_put(b, " ", 1);
    if (b->oom)
        return wfail(w, EDCG_ERR_NOMEM, "out of memory", NULL);
    if (b->len > ST_MAX_HEADER_BYTES)
        return wfail(w, EDCG_ERR_INVALID, "header over the size limit", NULL);
    return EDCG_OK;
}

/* ---- File --------------------------------------------------------------- */

/* Returns 0 or an errno value. */
static int write_full(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t r = write(fd, p, n < ((size_t)1 << 30) ? n : (size_t)1 << 30);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r < 0 ? errno : EIO;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Converts in small chunks so that no copy of a whole tensor is needed. */
static int write_tensor(const writer *w, int fd, const st_write_tensor *t, uint64_t numel)
{
    if (w->dtype == EDCG_DTYPE_F32 && st_host_is_little_endian())
        return write_full(fd, t->data, (size_t)numel * 4);
    uint8_t buf[4096];
    size_t per = sizeof buf / w->size;
    for (uint64_t i = 0; i < numel; i += per) {
        size_t n = numel - i < per ? (size_t)(numel - i) : per;
        for (size_t k = 0; k < n; k++) {
            float v = t->data[i + k];
            uint32_t x = w->dtype == EDCG_DTYPE_F32   ? f32_bits(v)
                         : w->dtype == EDCG_DTYPE_F16 ? st_f32_to_f16(v)
                                                      : st_f32_to_bf16(v);
            for (unsigned byte = 0; byte < w->size; byte++)
                buf[k * w->size + byte] = (uint8_t)(x >> (8 * byte));
        }
        int e = write_full(fd, buf, n * w->size);
        if (e)
            return e;
    }
    return 0;
}

static int write_contents(const writer *w, int fd, const sbuf *header)
{
    uint8_t len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (uint8_t)((uint64_t)header->len >> (8 * i));
    int e = write_full(fd, len, 8);
    if (!e)
        e = write_full(fd, header->p, header->len);
    for (size_t i = 0; !e && i < w->count; i++) {
        int bad;
        e = write_tensor(w, fd, &w->tensors[i], tensor_bytes(w, &w->tensors[i], &bad) / w->size);
    }
    return e;
}

/* Creates PATH.tmp-XXXXXXXX with O_EXCL (like mkstemp, but honouring the
 * umask for the final file's permissions). Returns the fd or -1 (errno). */
static int open_temp(const char *path, char **tmp)
{
    size_t n = strlen(path) + 24;
    struct timespec ts;
    *tmp = malloc(n);
    if (!*tmp) {
        errno = ENOMEM;
        return -1;
    }
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t seed = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 32 ^ (uint64_t)getpid() << 16 ^
                    (uint64_t)(uintptr_t)tmp;
    for (int attempt = 0; attempt < 100; attempt++) {
        seed += 0x9E3779B97F4A7C15u; /* splitmix64 */
        uint64_t z = (seed ^ seed >> 30) * 0xBF58476D1CE4E5B9u;
        z = (z ^ z >> 27) * 0x94D049BB133111EBu;
        snprintf(*tmp, n, "%s.tmp-%08" PRIx32, path, (uint32_t)(z ^ z >> 31));
        int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

/* Makes the rename durable; best effort, as some file systems refuse. */
static void sync_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? malloc((size_t)(slash - path) + 2) : NULL;
    if (slash && !dir)
        return;
    if (dir) {
        size_t len = slash == path ? 1 : (size_t)(slash - path);
        memcpy(dir, path, len);
        dir[len] = '\0';
    }
    int fd = open(dir ? dir : ".", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

edcg_status st_write(const char *path, const st_write_tensor *tensors, size_t count, edcg_dtype dtype,
                     const char *const *meta_kv, size_t meta_pairs, edcg_error *err)
{
    writer w = {path, err, tensors, count, dtype, st_dtype_size(dtype)};
    sbuf header = {NULL, 0, 0, 0};
    char *tmp = NULL;
    edcg_status st = check_args(&w, meta_kv, meta_pairs);
    if (!st)
        st = check_unique(&w, meta_kv, meta_pairs);
    if (!st)
        st = build_header(&w, meta_kv, meta_pairs, &header);
    if (st) {
        free(header.p);
        return st;
    }
    int fd = open_temp(path, &tmp), e = fd < 0 ? errno : 0;
    if (fd >= 0) {
        e = write_contents(&w, fd, &header);
        if (!e && fsync(fd) != 0)
            e = errno;
        if (close(fd) != 0 && !e)
            e = errno;
        if (!e && rename(tmp, path) != 0)
            e = errno;
        if (e)
            unlink(tmp);
        else
            sync_parent(path);
    }
    free(tmp);
    free(header.p);
    return e ? wfail(&w, EDCG_ERR_IO, strerror(e), NULL) : EDCG_OK;
}
