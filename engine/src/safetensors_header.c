/* safetensors_header.c: validation of a safetensors header against the
 * data section it describes.
 *
 * The header is untrusted JSON: every tensor needs exactly dtype, shape and
 * data_offsets, sizes must agree, and the tensors must tile the data with
 * no gaps or overlaps (as the safetensors specification requires).
 * Memory grows with validated content only.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "safetensors_internal.h"

typedef struct hdr {
    const char *path;
    edcg_error *err;
    uint64_t data_len; /* bytes in the data section */
    size_t cap;        /* allocated entries of out->tensors */
} hdr;

static edcg_status rfail(const hdr *r, edcg_status st, const char *fmt, ...) ST_PRINTF(3, 4);

static edcg_status rfail(const hdr *r, edcg_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    st = st_vfail(r->err, st, r->path, fmt, ap);
    va_end(ap);
    return st;
}

/* The file is malformed: the common case. */
static edcg_status bad(const hdr *r, const char *fmt, ...) ST_PRINTF(2, 3);

static edcg_status bad(const hdr *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    edcg_status st = st_vfail(r->err, EDCG_ERR_FORMAT, r->path, fmt, ap);
    va_end(ap);
    return st;
}

static char *dup_str(const char *s, size_t len)
{
    char *d = malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

static edcg_status load_metadata(hdr *r, const json_doc *doc, const json_node *obj, st_file *out)
{
    if (obj->type != JSON_OBJECT)
        return bad(r, "__metadata__ must be an object, not %s", json_type_name((json_type)obj->type));
    size_t n = obj->len ? obj->len : 1;
    out->meta_keys = calloc(n, sizeof *out->meta_keys);
    out->meta_values = calloc(n, sizeof *out->meta_values);
    if (!out->meta_keys || !out->meta_values)
        return rfail(r, EDCG_ERR_NOMEM, "out of memory for metadata");
    for (const json_node *k = json_first(doc, obj); k; k = json_next(doc, json_next(doc, k))) {
        const json_node *v = json_next(doc, k);
        if (v->type != JSON_STRING)
            return bad(r, "__metadata__ value of %s must be a string, not %s", st_clip(k->u.str).s,
                       json_type_name((json_type)v->type));
        /* The strings are handed out as C strings: a NUL would cut them. */
        if (strlen(k->u.str) != k->len || strlen(v->u.str) != v->len)
            return bad(r, "__metadata__ entry %s contains a NUL byte", st_clip(k->u.str).s);
        char *key = dup_str(k->u.str, k->len), *value = dup_str(v->u.str, v->len);
        out->meta_keys[out->meta_count] = key;
        out->meta_values[out->meta_count++] = value;
        if (!key || !value)
            return rfail(r, EDCG_ERR_NOMEM, "out of memory for metadata");
    }
    return EDCG_OK;
}

static edcg_status parse_dtype(hdr *r, const char *name, const json_node *v, st_tensor *t)
{
    if (v->type != JSON_STRING)
        return bad(r, "tensor %s: dtype must be a string, not %s", st_clip(name).s,
                   json_type_name((json_type)v->type));
    if (st_dtype_parse(v->u.str, v->len, &t->dtype) == 0)
        return EDCG_OK;
    return bad(r, "tensor %s has unsupported dtype %s", st_clip(name).s, st_clip(v->u.str).s);
}

static edcg_status parse_shape(hdr *r, const json_doc *doc, const char *name, const json_node *v,
                               st_tensor *t)
{
    if (v->type != JSON_ARRAY)
        return bad(r, "tensor %s: shape must be an array, not %s", st_clip(name).s,
                   json_type_name((json_type)v->type));
    if (v->len > ST_MAX_DIMS)
        return bad(r, "tensor %s has %" PRIu32 " dimensions, more than %d", st_clip(name).s, v->len,
                   ST_MAX_DIMS);
    int64_t numel = 1;
    t->ndim = 0;
    for (const json_node *e = json_first(doc, v); e; e = json_next(doc, e)) {
        uint64_t d;
        json_int_result res = json_get_u64(e, &d);
        if (res == JSON_INT_OK && d > (uint64_t)INT64_MAX)
            res = JSON_INT_TOO_LARGE;
        if (res != JSON_INT_OK)
            return bad(r, "tensor %s: shape[%d] %s", st_clip(name).s, t->ndim, json_int_result_str(res));
        /* Any overflowing partial product is refused, even if a later 0
         * would make the total small. */
        if (d != 0 && numel > INT64_MAX / (int64_t)d)
            return bad(r, "tensor %s: shape has more than 2^63 elements", st_clip(name).s);
        numel *= (int64_t)d;
        t->shape[t->ndim++] = (int64_t)d;
    }
    return EDCG_OK;
}

static edcg_status parse_offsets(hdr *r, const json_doc *doc, const char *name, const json_node *v,
                                 st_tensor *t)
{
    if (v->type != JSON_ARRAY || v->len != 2)
        return bad(r, "tensor %s: data_offsets must be an array of 2 integers", st_clip(name).s);
    const json_node *b = json_first(doc, v), *e = json_next(doc, b);
    json_int_result res = json_get_u64(b, &t->begin);
    if (res == JSON_INT_OK)
        res = json_get_u64(e, &t->end);
    if (res != JSON_INT_OK)
        return bad(r, "tensor %s: a data offset %s", st_clip(name).s, json_int_result_str(res));
    if (t->end < t->begin)
        return bad(r, "tensor %s: data_offsets [%" PRIu64 ", %" PRIu64 "] end before they begin",
                   st_clip(name).s, t->begin, t->end);
    return EDCG_OK;
}

/* Fills t from one header entry; `seen` has a bit for each of the three
 * fields (the JSON parser already refused duplicate keys). */
static edcg_status parse_tensor(hdr *r, const json_doc *doc, const char *name, const json_node *obj,
                                st_tensor *t)
{
    static const char *const fields[] = {"dtype", "shape", "data_offsets"};
    unsigned seen = 0;
    if (obj->type != JSON_OBJECT)
        return bad(r, "tensor %s must be an object, not %s", st_clip(name).s,
                   json_type_name((json_type)obj->type));
    for (const json_node *k = json_first(doc, obj); k; k = json_next(doc, json_next(doc, k))) {
        const json_node *v = json_next(doc, k);
        int field = -1;
        for (int i = 0; i < 3; i++)
            if (json_str_eq(k, fields[i]))
                field = i;
        edcg_status st;
        if (field == 0)
            st = parse_dtype(r, name, v, t);
        else if (field == 1)
            st = parse_shape(r, doc, name, v, t);
        else if (field == 2)
            st = parse_offsets(r, doc, name, v, t);
        else
            st = bad(r, "tensor %s has unexpected key %s", st_clip(name).s, st_clip(k->u.str).s);
        seen |= field >= 0 ? 1u << field : 0;
        if (st)
            return st;
    }
    for (int i = 0; i < 3; i++)
        if (!(seen & (1u << i)))
            return bad(r, "tensor %s has no %s", st_clip(name).s, fields[i]);
    uint64_t numel = (uint64_t)st_numel(t), size = st_dtype_size(t->dtype);
    if (numel > UINT64_MAX / size || numel * size != t->end - t->begin)
        return bad(r, "tensor %s: shape %s of %s does not match data_offsets [%" PRIu64 ", %" PRIu64 "]",
                   st_clip(name).s, st_shape_str(t->ndim, t->shape).s, st_dtype_name(t->dtype), t->begin,
                   t->end);
    return EDCG_OK;
}

static edcg_status load_tensor(hdr *r, const json_doc *doc, const json_node *key, const json_node *obj,
                               st_file *out)
{
    if (key->len == 0)
        return bad(r, "a tensor has an empty name");
    if (strlen(key->u.str) != key->len)
        return bad(r, "tensor name %s... contains a NUL byte", st_clip(key->u.str).s);
    if (out->count == r->cap) {
        /* Grown per valid tensor, so memory follows real content. */
        size_t cap = r->cap ? r->cap * 2 : 16;
        st_tensor *tensors = realloc(out->tensors, cap * sizeof *tensors);
        if (!tensors)
            return rfail(r, EDCG_ERR_NOMEM, "out of memory for tensors");
        out->tensors = tensors;
        r->cap = cap;
    }
    st_tensor *t = &out->tensors[out->count];
    memset(t, 0, sizeof *t);
    edcg_status st = parse_tensor(r, doc, key->u.str, obj, t);
    if (st)
        return st;
    t->name = dup_str(key->u.str, key->len);
    if (!t->name)
        return rfail(r, EDCG_ERR_NOMEM, "out of memory for tensor names");
    out->count++;
    return EDCG_OK;
}

static int tensor_cmp(const void *a, const void *b)
{
    const st_tensor *x = a, *y = b;
    if (x->begin != y->begin)
        return x->begin < y->begin ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return strcmp(x->name, y->name); /* names are unique: a total order */
}

/* The tensors must tile the data section exactly: no gaps, no overlaps, no
 * bytes before, after or missing. */
static edcg_status check_layout(hdr *r, st_file *out)
{
    uint64_t pos = 0;
    const char *prev = NULL;
    if (out->count > 1)
        qsort(out->tensors, out->count, sizeof *out->tensors, tensor_cmp);
    for (size_t i = 0; i < out->count; i++) {
        const st_tensor *t = &out->tensors[i];
        if (t->begin > pos && !prev)
            return bad(r, "%" PRIu64 " unused bytes at the start of the data, before tensor %s", t->begin,
                       st_clip(t->name).s);
        if (t->begin > pos)
            return bad(r, "%" PRIu64 " unused bytes between tensors %s and %s", t->begin - pos,
                       st_clip(prev).s, st_clip(t->name).s);
        if (t->begin < pos)
            return bad(r, "tensors %s and %s overlap", st_clip(prev).s, st_clip(t->name).s);
        pos = t->end;
        prev = t->name;
    }
    if (pos > r->data_len)
        return bad(r, "file is truncated: header says %" PRIu64 " bytes of data, file holds %" PRIu64, pos,
                   r->data_len);
    if (pos < r->data_len)
        return bad(r, "%" PRIu64 " unused bytes after the last tensor's data", r->data_len - pos);
    return EDCG_OK;
}

edcg_status st_parse_header(const char *path, char *text, size_t len, uint64_t data_len, st_file *out,
                            edcg_error *err)
{
    hdr h = {path, err, data_len, 0}, *r = &h;
    json_doc doc;
    json_error je;
    if (json_parse(text, len, &doc, &je) != 0) {
        if (je.out_of_memory)
            return rfail(r, EDCG_ERR_NOMEM, "out of memory parsing the header");
        return bad(r, "invalid JSON header at byte %zu: %s", 8 + je.offset, je.reason);
    }
    const json_node *root = json_root(&doc);
    edcg_status st = EDCG_OK;
    if (root->type != JSON_OBJECT)
        st = bad(r, "header must be a JSON object, not %s", json_type_name((json_type)root->type));
    for (const json_node *k = json_first(&doc, root); k && !st; k = json_next(&doc, json_next(&doc, k))) {
        if (json_str_eq(k, "__metadata__"))
            st = load_metadata(r, &doc, json_next(&doc, k), out);
        else
            st = load_tensor(r, &doc, k, json_next(&doc, k), out);
    }
    json_free(&doc);
    return st ? st : check_layout(r, out);
}
