/* json.c: strict JSON parsing into a flat node array (see json.h). */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

typedef struct parser {
    char *text;
    size_t len, pos;
    json_doc *doc;
    json_error *err;
    int failed;
} parser;

/* Records the first error only: later ones are consequences of it. */
static uint32_t fail(parser *p, size_t at, const char *reason)
{
    if (!p->failed) {
        p->failed = 1;
        p->err->offset = at;
        snprintf(p->err->reason, sizeof p->err->reason, "%s", reason);
    }
    return NONE;
}

static uint32_t fail_oom(parser *p, size_t at)
{
    if (!p->failed)
        p->err->out_of_memory = 1;
    return fail(p, at, "out of memory");
}

static uint32_t new_node(parser *p, json_type type, size_t offset)
{
    json_doc *d = p->doc;
    if (d->count == d->cap) {
        /* Every node consumes at least one input byte, so count <= len + 1
         * and the doubling below cannot overflow before malloc refuses. */
        size_t cap = d->cap ? d->cap * 2 : 64;
        json_node *nodes = realloc(d->nodes, cap * sizeof *nodes);
        if (!nodes)
            return fail_oom(p, offset);
        d->nodes = nodes;
        d->cap = cap;
    }
    json_node *n = &d->nodes[d->count];
    memset(n, 0, sizeof *n);
    n->type = (uint8_t)type;
    n->offset = (uint32_t)offset;
    return (uint32_t)d->count++;
}

static void skip_ws(parser *p)
{
    while (p->pos < p->len) {
        char c = p->text[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *dst, unsigned cp)
{
    if (cp < 0x80) {
        dst[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        dst[0] = (char)(0xC0 | (cp >> 6));
        dst[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        dst[0] = (char)(0xE0 | (cp >> 12));
        dst[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        dst[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    dst[0] = (char)(0xF0 | (cp >> 18));
    dst[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    dst[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    dst[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes a \u escape at text[r] (the backslash); returns the bytes it used
 * or 0 on error. A high surrogate must be followed by a low one. */
static size_t unicode_escape(parser *p, size_t r, unsigned *cp)
{
    const char *t = p->text;
    if (r + 6 > p->len || hex4(t + r + 2, cp) != 0) {
        fail(p, r, "invalid \\u escape");
        return 0;
    }
    if (*cp >= 0xDC00 && *cp <= 0xDFFF) {
        fail(p, r, "unpaired low surrogate in \\u escape");
        return 0;
    }
    if (*cp < 0xD800 || *cp > 0xDBFF)
        return 6;
    unsigned lo;
    if (r + 12 > p->len || t[r + 6] != '\\' || t[r + 7] != 'u' || hex4(t + r + 8, &lo) != 0 || lo < 0xDC00 ||
        lo > 0xDFFF) {
        fail(p, r, "unpaired high surrogate in \\u escape");
        return 0;
    }
    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
    return 12;
}

/* Parses the string at text[pos] == '"', decoding it in place: the write
 * cursor never passes the read cursor, and the NUL lands at or before the
 * closing quote. */
static uint32_t parse_string(parser *p)
{
    size_t start = p->pos, r = start + 1, w = start + 1;
    char *t = p->text;
    for (;;) {
        if (r >= p->len)
            return fail(p, start, "unterminated string");
        unsigned char c = (unsigned char)t[r];
        if (c == '"')
            break;
        if (c < 0x20)
            return fail(p, r, "control character in string (must be escaped)");
        if (c != '\\') {
            t[w++] = t[r++];
            continue;
        }
        if (r + 1 >= p->len)
            return fail(p, start, "unterminated string");
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *hit = t[r + 1] ? strchr(from, t[r + 1]) : NULL;
        if (hit) {
            t[w++] = to[hit - from];
            r += 2;
        } else if (t[r + 1] == 'u') {
            unsigned cp;
            size_t used = unicode_escape(p, r, &cp);
            if (!used)
                return NONE;
            w += put_utf8(t + w, cp);
            r += used;
        } else {
            return fail(p, r, "invalid escape in string");
        }
    }
    uint32_t id = new_node(p, JSON_STRING, start);
    if (id == NONE)
        return NONE;
    t[w] = '\0';
    p->doc->nodes[id].u.str = t + start + 1;
    p->doc->nodes[id].len = (uint32_t)(w - start - 1);
    p->pos = r + 1;
    return id;
}

static int is_digit(parser *p, size_t i)
{
    return i < p->len && p->text[i] >= '0' && p->text[i] <= '9';
}

static uint32_t parse_number(parser *p)
{
    size_t start = p->pos, i = start;
    unsigned flags = JSON_NUM_INTEGER;
    uint64_t mag = 0;
    if (p->text[i] == '-') {
        flags |= JSON_NUM_NEGATIVE;
        i++;
    }
    if (!is_digit(p, i))
        return fail(p, start, "invalid number");
    if (p->text[i] == '0' && is_digit(p, i + 1))
        return fail(p, start, "number with a leading zero");
    for (; is_digit(p, i); i++) {
        unsigned d = (unsigned)(p->text[i] - '0');
        if (mag > (UINT64_MAX - d) / 10)
            flags |= JSON_NUM_OVERFLOW;
        mag = mag * 10 + d;
    }
    if (i < p->len && p->text[i] == '.') {
        flags &= ~JSON_NUM_INTEGER;
        if (!is_digit(p, ++i))
            return fail(p, start, "invalid number");
        while (is_digit(p, i))
            i++;
    }
    if (i < p->len && (p->text[i] == 'e' || p->text[i] == 'E')) {
        flags &= ~JSON_NUM_INTEGER;
        i++;
        if (i < p->len && (p->text[i] == '+' || p->text[i] == '-'))
            i++;
        if (!is_digit(p, i))
            return fail(p, start, "invalid number");
        while (is_digit(p, i))
            i++;
    }
    uint32_t id = new_node(p, JSON_NUMBER, start);
    if (id == NONE)
        return NONE;
    p->doc->nodes[id].flags = (uint8_t)flags;
    p->doc->nodes[id].u.mag = mag;
    p->pos = i;
    return id;
}

static uint32_t parse_literal(parser *p)
{
    static const struct {
        const char *word;
        json_type type;
    } lits[] = {{"true", JSON_TRUE}, {"false", JSON_FALSE}, {"null", JSON_NULL}};
    for (size_t k = 0; k < sizeof lits / sizeof lits[0]; k++) {
        size_t n = strlen(lits[k].word);
        if (p->len - p->pos >= n && memcmp(p->text + p->pos, lits[k].word, n) == 0) {
            uint32_t id = new_node(p, lits[k].type, p->pos);
            p->pos += n;
            return id;
        }
    }
    return fail(p, p->pos, "unexpected character");
}

typedef struct key_ref {
    const char *s;
    uint32_t len, offset;
} key_ref;

static int key_cmp(const void *a, const void *b)
{
    const key_ref *x = a, *y = b;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    int c = memcmp(x->s, y->s, x->len);
    if (c)
        return c;
    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Sorting makes duplicate detection O(n log n) even for huge objects. */
static uint32_t check_duplicates(parser *p, uint32_t obj)
{
    json_node *nodes = p->doc->nodes;
    size_t n = nodes[obj].len;
    if (n < 2)
        return obj;
    key_ref *keys = malloc(n * sizeof *keys);
    if (!keys)
        return fail_oom(p, nodes[obj].offset);
    uint32_t k = nodes[obj].u.first;
    for (size_t i = 0; i < n; i++) {
        keys[i] = (key_ref){nodes[k].u.str, nodes[k].len, nodes[k].offset};
        k = nodes[nodes[k].next].next;
    }
    qsort(keys, n, sizeof *keys, key_cmp);
    for (size_t i = 1; i < n; i++) {
        if (keys[i].len == keys[i - 1].len && memcmp(keys[i].s, keys[i - 1].s, keys[i].len) == 0) {
            char reason[96];
            snprintf(reason, sizeof reason, "duplicate key \"%.60s\"", keys[i].s);
            fail(p, keys[i].offset, reason);
            free(keys);
            return NONE;
        }
    }
    free(keys);
    return obj;
}

static uint32_t parse_value(parser *p, int depth);

/* Parses an array or object whose opening bracket is at text[pos]. */
static uint32_t parse_container(parser *p, int depth)
{
    int is_obj = p->text[p->pos] == '{';
    char close = is_obj ? '}' : ']';
    if (depth >= JSON_MAX_DEPTH)
        return fail(p, p->pos, "nested deeper than 64 levels");
    uint32_t id = new_node(p, is_obj ? JSON_OBJECT : JSON_ARRAY, p->pos);
    if (id == NONE)
        return NONE;
    uint32_t last = NONE;
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->text[p->pos] == close) {
        p->pos++;
        return id;
    }
    for (;;) {
        skip_ws(p);
        /* A member is one node in an array, a key and its value in an
         * object; members are chained through `next`. */
        uint32_t head, tail;
        if (is_obj) {
            if (p->pos >= p->len || p->text[p->pos] != '"')
                return fail(p, p->pos, "expected a string key");
            head = parse_string(p);
            if (head == NONE)
                return NONE;
            skip_ws(p);
            if (p->pos >= p->len || p->text[p->pos] != ':')
                return fail(p, p->pos, "expected ':' after key");
            p->pos++;
            tail = parse_value(p, depth + 1);
            if (tail == NONE)
                return NONE;
            p->doc->nodes[head].next = tail;
        } else {
            head = tail = parse_value(p, depth + 1);
            if (head == NONE)
                return NONE;
        }
        if (last != NONE)
            p->doc->nodes[last].next = head;
        else
            p->doc->nodes[id].u.first = head;
        last = tail;
        if (p->doc->nodes[id].len == UINT32_MAX)
            return fail(p, p->pos, "too many elements");
        p->doc->nodes[id].len++;
        skip_ws(p);
        if (p->pos >= p->len)
            return fail(p, p->pos, "unexpected end of input");
        char c = p->text[p->pos++];
        if (c == close)
            return is_obj ? check_duplicates(p, id) : id;
        if (c != ',')
            return fail(p, p->pos - 1, is_obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static uint32_t parse_value(parser *p, int depth)
{
    skip_ws(p);
    if (p->pos >= p->len)
        return fail(p, p->pos, "unexpected end of input");
    char c = p->text[p->pos];
    if (c == '{' || c == '[')
        return parse_container(p, depth);
    if (c == '"')
        return parse_string(p);
    if (c == '-' || (c >= '0' && c <= '9'))
        return parse_number(p);
    return parse_literal(p);
}

int json_parse(char *text, size_t len, json_doc *doc, json_error *err)
{
    parser p = {text, len, 0, doc, err, 0};
    memset(doc, 0, sizeof *doc);
    memset(err, 0, sizeof *err);
    if (len >= UINT32_MAX) {
        fail(&p, 0, "document larger than 4 GiB");
    } else if (parse_value(&p, 0) != NONE) {
        skip_ws(&p);
        if (p.pos < len)
            fail(&p, p.pos, "unexpected data after the JSON value");
    }
    if (p.failed) {
        json_free(doc);
        return -1;
    }
    return 0;
}

void json_free(json_doc *doc)
{
    free(doc->nodes);
    memset(doc, 0, sizeof *doc);
}

const json_node *json_root(const json_doc *doc)
{
    return doc->count ? &doc->nodes[0] : NULL;
}

const json_node *json_first(const json_doc *doc, const json_node *n)
{
    if (n->type != JSON_ARRAY && n->type != JSON_OBJECT)
        return NULL;
    return n->u.first ? &doc->nodes[n->u.first] : NULL;
}

const json_node *json_next(const json_doc *doc, const json_node *n)
{
    return n->next ? &doc->nodes[n->next] : NULL;
}

int json_str_eq(const json_node *n, const char *s)
{
    size_t len = strlen(s);
    return n->type == JSON_STRING && n->len == len && memcmp(n->u.str, s, len) == 0;
}

const char *json_type_name(json_type type)
{
    static const char *const names[] = {"null",     "a boolean", "a boolean", "a number",
                                        "a string", "an array",  "an object"};
    return (unsigned)type < sizeof names / sizeof names[0] ? names[type] : "unknown";
}

json_int_result json_get_u64(const json_node *n, uint64_t *out)
{
    if (n->type != JSON_NUMBER)
        return JSON_INT_NOT_NUMBER;
    if (!(n->flags & JSON_NUM_INTEGER))
        return JSON_INT_NOT_INTEGER;
    /* "-0" is an integer zero, not a negative number. */
    if ((n->flags & JSON_NUM_NEGATIVE) && (n->u.mag != 0 || (n->flags & JSON_NUM_OVERFLOW)))
        return JSON_INT_NEGATIVE;
    if (n->flags & JSON_NUM_OVERFLOW)
        return JSON_INT_TOO_LARGE;
    *out = n->u.mag;
    return JSON_INT_OK;
}

json_int_result json_get_i64(const json_node *n, int64_t *out)
{
    if (n->type != JSON_NUMBER)
        return JSON_INT_NOT_NUMBER;
    if (!(n->flags & JSON_NUM_INTEGER))
        return JSON_INT_NOT_INTEGER;
    uint64_t limit = (n->flags & JSON_NUM_NEGATIVE) ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    if ((n->flags & JSON_NUM_OVERFLOW) || n->u.mag > limit)
        return JSON_INT_TOO_LARGE;
    if (!(n->flags & JSON_NUM_NEGATIVE))
        *out = (int64_t)n->u.mag;
    else if (n->u.mag == (uint64_t)INT64_MAX + 1)
        *out = INT64_MIN;
    else
        *out = -(int64_t)n->u.mag;
    return JSON_INT_OK;
}

const char *json_int_result_str(json_int_result r)
{
    switch (r) {
    case JSON_INT_OK:
        return "is an integer";
    case JSON_INT_NOT_NUMBER:
        return "is not a number";
    case JSON_INT_NOT_INTEGER:
        return "is not an integer";
    case JSON_INT_NEGATIVE:
        return "is negative";
    case JSON_INT_TOO_LARGE:
        return "is too large";
    }
    return "is invalid";
}
