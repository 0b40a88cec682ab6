/* json.h: a small strict JSON parser for safetensors headers (internal).
 *
 * The parser builds a compact tree of nodes in one array. Strings are decoded
 * in place inside the caller's buffer (decoding never makes a string longer),
 * so a parsed document borrows that buffer and must not outlive it.
 *
 * Strict means: RFC 8259 syntax only, no comments or trailing commas, no raw
 * control characters in strings, valid escapes only (\uXXXX surrogates must
 * pair up), no duplicate keys within an object, at most JSON_MAX_DEPTH nested
 * containers. Invalid UTF-8 is passed through untouched.
 */
#ifndef EDCG_JSON_H
#define EDCG_JSON_H

#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 64

typedef enum json_type {
    JSON_NULL,
    JSON_FALSE,
    JSON_TRUE,
    JSON_NUMBER,
    JSON_STRING,
    JSON_ARRAY,
    JSON_OBJECT
} json_type;

/* Number flags. */
#define JSON_NUM_INTEGER 1u  /* no fraction and no exponent */
#define JSON_NUM_NEGATIVE 2u /* leading minus sign */
#define JSON_NUM_OVERFLOW 4u /* integer magnitude above UINT64_MAX */

/* Objects store their members as alternating children: key (a string
 * node), value, key, value... */
typedef struct json_node {
    uint8_t type;    /* json_type */
    uint8_t flags;   /* JSON_NUM_* for numbers */
    uint32_t offset; /* byte offset of the value in the text */
    uint32_t len;    /* strings: decoded bytes; arrays: elements; objects: members */
    uint32_t next;   /* index of the next sibling; 0 = none (the root is never one) */
    union {
        const char *str; /* strings: NUL-terminated, may also hold NULs within len */
        uint64_t mag;    /* integers: magnitude (valid unless JSON_NUM_OVERFLOW) */
        uint32_t first;  /* arrays and objects: index of the first child; 0 = empty */
    } u;
} json_node;

typedef struct json_doc {
    json_node *nodes; /* nodes[0] is the root */
    size_t count, cap;
} json_doc;

typedef struct json_error {
    size_t offset;     /* byte offset of the problem in the text */
    int out_of_memory; /* 1 when an allocation failed, not the text */
    char reason[96];   /* e.g. "unterminated string" */
} json_error;

/* Parses text[0..len) (no NUL needed) into doc, decoding strings in place.
 * Returns 0, or -1 with err filled and doc zeroed. */
int json_parse(char *text, size_t len, json_doc *doc, json_error *err);
void json_free(json_doc *doc);

const json_node *json_root(const json_doc *doc);
/* First element of an array, first key of an object; NULL if empty or not a
 * container. */
const json_node *json_first(const json_doc *doc, const json_node *n);
/* Next sibling: the value after a key, the next key after a value. */
const json_node *json_next(const json_doc *doc, const json_node *n);
/* 1 when the string node n equals the NUL-terminated s. */
int json_str_eq(const json_node *n, const char *s);
const char *json_type_name(json_type type); /* "a string", "an array", ... */

typedef enum json_int_result {
    JSON_INT_OK,
    JSON_INT_NOT_NUMBER,
    JSON_INT_NOT_INTEGER,
    JSON_INT_NEGATIVE,
    JSON_INT_TOO_LARGE
} json_int_result;

json_int_result json_get_u64(const json_node *n, uint64_t *out);
json_int_result json_get_i64(const json_node *n, int64_t *out);
const char *json_int_result_str(json_int_result r); /* "is not an integer", ... */

#endif
