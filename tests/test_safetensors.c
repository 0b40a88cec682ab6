/* test_safetensors.c: the safetensors reader refuses every broken file with
 * one line naming it, never crashes, and reads back what the writer wrote.
 * Set EDCG_TEST_VERBOSE=1 to print each refusal's message. */
#include <dirent.h>
#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "json.h"
#include "safetensors.h"

/* ---- Helpers ------------------------------------------------------------ */

typedef struct tmp_dir {
    char path[200];
} tmp_dir;

static void dir_open(tmp_dir *d)
{
    const char *base = getenv("TMPDIR");
    snprintf(d->path, sizeof d->path, "%s/st-test-XXXXXX", base && *base ? base : "/tmp");
    CHECK(mkdtemp(d->path) != NULL);
}

static void dir_file(const tmp_dir *d, const char *name, char out[512])
{
    snprintf(out, 512, "%s/%s", d->path, name);
}

static size_t dir_entries(const char *path)
{
    size_t n = 0;
    DIR *dir = opendir(path);
    for (struct dirent *e; dir && (e = readdir(dir));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (dir)
        closedir(dir);
    return n;
}

/* Removes the directory and everything in it (one level of subfolders). */
static void dir_close(const tmp_dir *d)
{
    DIR *dir = opendir(d->path);
    for (struct dirent *e; dir && (e = readdir(dir));) {
        char p[512], q[1024];
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        dir_file(d, e->d_name, p);
        chmod(p, 0700);
        DIR *sub = opendir(p);
        for (struct dirent *f; sub && (f = readdir(sub));) {
            snprintf(q, sizeof q, "%s/%s", p, f->d_name);
            unlink(q);
        }
        if (sub)
            closedir(sub);
        if (unlink(p) != 0)
            rmdir(p);
    }
    if (dir)
        closedir(dir);
    CHECK(rmdir(d->path) == 0);
}

static void write_bytes(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(p, 1, n, f) == n);
    if (f)
        fclose(f);
}

static uint64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

static unsigned char *read_bytes(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *p = malloc(1 << 20);
    *n = f && p ? fread(p, 1, 1 << 20, f) : 0;
    if (f)
        fclose(f);
    return p;
}

/* Writes the 8-byte length, the header (with ' standing for "), then
 * data_len bytes of data. */
static void write_st(const char *path, const char *header, size_t data_len)
{
    size_t n = strlen(header);
    unsigned char *p = calloc(1, 8 + n + data_len);
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)((uint64_t)n >> (8 * i));
    for (size_t i = 0; i < n; i++)
        p[8 + i] = header[i] == '\'' ? '"' : (unsigned char)header[i];
    write_bytes(path, p, 8 + n + data_len);
    free(p);
}

/* A message may reach a GUI label: it must be valid UTF-8 (RFC 3629). */
static int valid_utf8(const char *str)
{
    for (const unsigned char *s = (const unsigned char *)str; *s;) {
        unsigned c = *s++, cp;
        int more = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
        if (more < 0)
            return 0;
        cp = more ? c & (0x3Fu >> more) : c;
        for (int i = 0; i < more; i++, s++) {
            if ((*s & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (*s & 0x3Fu);
        }
        if ((more == 1 && cp < 0x80) || (more == 2 && cp < 0x800) || (more == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
    }
    return 1;
}

static void check_one_line(int line, const edcg_error *err, const char *path)
{
    CHECK_MSG(valid_utf8(err->message), "line %d: '%s'", line, err->message);
    CHECK_MSG(err->message[0] && strstr(err->message, path) == err->message, "line %d: '%s'", line,
              err->message);
    CHECK_MSG(!strchr(err->message, '\n'), "line %d: '%s'", line, err->message);
    if (getenv("EDCG_TEST_VERBOSE"))
        printf("     # %s\n", err->message);
}

/* Reads path, which must be refused with a message holding `needle`. */
static void expect_rejected(int line, const char *path, uint64_t max_bytes, const char *needle)
{
    st_file f;
    edcg_error err;
    memset(&f, 0xA5, sizeof f);
    edcg_status st = st_read(path, max_bytes, &f, &err);
    CHECK_MSG(st != EDCG_OK, "line %d: accepted", line);
    CHECK_MSG(!f.tensors && !f.count && !f.meta_keys && !f.meta_count && !f.data && !f.data_len,
              "line %d: output not zeroed", line);
    if (st == EDCG_OK) {
        st_free(&f);
        return;
    }
    check_one_line(line, &err, path);
    CHECK_MSG(!needle || strstr(err.message, needle), "line %d: '%s' lacks '%s'", line, err.message, needle);
}

static void reject_header(int line, const char *header, size_t data_len, const char *needle)
{
    tmp_dir d;
    char path[512];
    dir_open(&d);
    dir_file(&d, "bad.safetensors", path);
    write_st(path, header, data_len);
    expect_rejected(line, path, 0, needle);
    dir_close(&d);
}

/* One named test per broken header: the name is the spec. */
#define REJECT_TEST(fn, header, data_len, needle) \
    static void fn(void) { reject_header(__LINE__, header, data_len, needle); }

static void reject_raw(int line, const void *bytes, size_t n, const char *needle)
{
    tmp_dir d;
    char path[512];
    dir_open(&d);
    dir_file(&d, "raw.safetensors", path);
    write_bytes(path, bytes, n);
    expect_rejected(line, path, 0, needle);
    dir_close(&d);
}

static void put_u64le(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static int contains(const unsigned char *p, size_t n, const char *s)
{
    size_t k = strlen(s);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(p + i, s, k) == 0)
            return 1;
    return 0;
}

static uint32_t bits(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    return x;
}

/* A small model-like file: metadata and three tensors of varied shapes. */
static const float sample_a[6] = {0.0f, -1.5f, 3.25f, 1e-3f, -65504.0f, 0.333f};
static const float sample_b[1] = {42.0f};
static const float sample_c[4] = {1.0f, 2.0f, 0.5f, -0.25f};

static edcg_status write_sample(const char *path, edcg_dtype dtype, edcg_error *err)
{
    static const char *const meta[] = {"format", "edcg-model", "variant", "ed", "note", "a \"quoted\"\nline"};
    st_write_tensor t[3] = {{"enc.w", 2, {2, 3}, sample_a}, {"enc.b", 0, {0}, sample_b},
                            {"dec.w", 4, {1, 2, 1, 2}, sample_c}};
    return st_write(path, t, 3, dtype, meta, 3, err);
}

/* ---- Round trips -------------------------------------------------------- */

static void check_sample(const char *path, edcg_dtype dtype)
{
    st_file f;
    edcg_error err;
    CHECK_MSG(st_read(path, 0, &f, &err) == EDCG_OK, "%s", err.message);
    CHECK(f.count == 3 && f.meta_count == 3);
    const char *order[3] = {"enc.w", "enc.b", "dec.w"};
    const float *src[3] = {sample_a, sample_b, sample_c};
    for (size_t i = 0; i < 3 && i < f.count; i++) {
        const st_tensor *t = &f.tensors[i];
        float got[6];
        CHECK(strcmp(t->name, order[i]) == 0 && t->dtype == dtype && st_find(&f, order[i]) == t);
        st_to_f32(&f, t, got);
        for (int64_t k = 0; k < st_numel(t); k++) {
            float want = dtype == EDCG_DTYPE_F32   ? src[i][k]
                         : dtype == EDCG_DTYPE_F16 ? st_f16_to_f32(st_f32_to_f16(src[i][k]))
                                                   : st_bf16_to_f32(st_f32_to_bf16(src[i][k]));
            CHECK(bits(got[k]) == bits(want));
        }
    }
    const int64_t shape_a[2] = {2, 3}, shape_c[4] = {1, 2, 1, 2};
    CHECK(st_expect_shape(path, st_find(&f, "enc.w"), 2, shape_a, &err) == EDCG_OK);
    CHECK(st_expect_shape(path, st_find(&f, "enc.b"), 0, NULL, &err) == EDCG_OK);
    CHECK(st_expect_shape(path, st_find(&f, "dec.w"), 4, shape_c, &err) == EDCG_OK);
    CHECK(st_meta(&f, "variant") && strcmp(st_meta(&f, "variant"), "ed") == 0);
    CHECK(st_meta(&f, "note") && strcmp(st_meta(&f, "note"), "a \"quoted\"\nline") == 0);
    st_free(&f);
    CHECK(f.tensors == NULL && f.count == 0 && f.data == NULL);
}

static void round_trip(edcg_dtype dtype)
{
    tmp_dir d;
    char path[512];
    dir_open(&d);
    dir_file(&d, "m.safetensors", path);
    edcg_error err;
    CHECK_MSG(write_sample(path, dtype, &err) == EDCG_OK, "%s", err.message);
    check_sample(path, dtype);
    dir_close(&d);
}

static void test_round_trip_f32_is_exact(void) { round_trip(EDCG_DTYPE_F32); }
static void test_round_trip_f16_rounds_each_value_once(void) { round_trip(EDCG_DTYPE_F16); }
static void test_round_trip_bf16_rounds_each_value_once(void) { round_trip(EDCG_DTYPE_BF16); }

static void test_metadata_with_json_escapes_and_unicode_round_trips(void)
{
    static const char *const meta[] = {
        "quote\"back\\slash", "tab\there\r\n\x01\x1f\x7f end", "", "empty key",
        "unicode", "h\xc3\xa9llo \xf0\x9f\x98\x80 \xe6\x97\xa5\xe6\x9c\xac", "/slash", "</script>"};
    st_write_tensor t = {"caf\xc3\xa9 \"w\"\n", 1, {2}, sample_c};
    tmp_dir d;
    char path[512];
    st_file f;
    edcg_error err;
    dir_open(&d);
    dir_file(&d, "meta.safetensors", path);
    CHECK_MSG(st_write(path, &t, 1, EDCG_DTYPE_F32, meta, 4, &err) == EDCG_OK, "%s", err.message);
    CHECK_MSG(st_read(path, 0, &f, &err) == EDCG_OK, "%s", err.message);
    for (size_t i = 0; i < 4; i++)
        CHECK(st_meta(&f, meta[2 * i]) && strcmp(st_meta(&f, meta[2 * i]), meta[2 * i + 1]) == 0);
    CHECK(f.meta_count == 4 && strcmp(f.meta_keys[0], meta[0]) == 0); /* header order kept */
    CHECK(st_find(&f, t.name) != NULL && st_find(&f, "missing") == NULL && st_meta(&f, "missing") == NULL);
    st_free(&f);
    dir_close(&d);
}

static void test_reads_unicode_escapes_and_surrogate_pairs(void)
{
    tmp_dir d;
    char path[512];
    st_file f;
    edcg_error err;
    dir_open(&d);
    dir_file(&d, "u.safetensors", path);
    write_st(path, "{'__metadata__':{'k':'\\u00e9\\ud83d\\ude00\\u0041\\/\\b\\f'}, "
                   "'\\u0077' : {'shape':[], 'data_offsets':[0,2],'dtype':'F16'}}\n\t ", 2);
    CHECK_MSG(st_read(path, 0, &f, &err) == EDCG_OK, "%s", err.message);
    CHECK(st_meta(&f, "k") && strcmp(st_meta(&f, "k"), "\xc3\xa9\xf0\x9f\x98\x80" "A/\b\f") == 0);
    CHECK(st_find(&f, "w") && st_numel(st_find(&f, "w")) == 1);
    st_free(&f);
    dir_close(&d);
}

static void test_header_is_reference_json_padded_to_8_bytes(void)
{
    static const char *const meta[] = {"format", "pt"};
    const float v[2] = {1.0f, -2.0f};
    st_write_tensor t = {"w", 1, {2}, v};
    const char *want = "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2],"
                       "\"data_offsets\":[0,8]}}";
    tmp_dir d;
    char path[512];
    size_t n;
    edcg_error err;
    dir_open(&d);
    dir_file(&d, "ref.safetensors", path);
    CHECK(st_write(path, &t, 1, EDCG_DTYPE_F32, meta, 1, &err) == EDCG_OK);
    unsigned char *p = read_bytes(path, &n);
    uint64_t hlen = 0;
    for (int i = 7; i >= 0; i--)
        hlen = hlen << 8 | p[i];
    CHECK(hlen % 8 == 0 && hlen >= strlen(want) && n == 8 + hlen + 8);
    CHECK(memcmp(p + 8, want, strlen(want)) == 0);
    for (size_t i = strlen(want); i < hlen; i++)
        CHECK(p[8 + i] == ' ');
    CHECK(memcmp(p + 8 + hlen, v, 8) == 0);
    free(p);
    /* Without metadata the key is left out. */
    CHECK(st_write(path, &t, 1, EDCG_DTYPE_F32, NULL, 0, &err) == EDCG_OK);
    p = read_bytes(path, &n);
    CHECK(n > 8 && !contains(p, n, "__metadata__"));
    free(p);
    dir_close(&d);
}

static void test_reads_mixed_dtypes_in_data_offset_order(void)
{
    tmp_dir d;
    char path[512];
    st_file f;
    edcg_error err;
    float out[2];
    dir_open(&d);
    dir_file(&d, "mixed.safetensors", path);
    /* Listed out of order; z is empty and sits between the others. */
    write_st(path, "{'b':{'dtype':'BF16','shape':[2],'data_offsets':[4,8]},"
                   "'z':{'dtype':'F32','shape':[3,0],'data_offsets':[4,4]},"
                   "'a':{'dtype':'F16','shape':[2],'data_offsets':[0,4]},'__metadata__':{}}", 8);
    unsigned char data[8] = {0x00, 0x3C, 0x00, 0xC0, 0x80, 0x3F, 0x49, 0x40};
    FILE *fp = fopen(path, "r+b");
    CHECK(fp && fseek(fp, -8, SEEK_END) == 0 && fwrite(data, 1, 8, fp) == 8);
    if (fp)
        fclose(fp);
    CHECK_MSG(st_read(path, 0, &f, &err) == EDCG_OK, "%s", err.message);
    CHECK(f.count == 3 && f.meta_count == 0 && f.data_len == 8);
    CHECK(!strcmp(f.tensors[0].name, "a") && !strcmp(f.tensors[1].name, "z") && !strcmp(f.tensors[2].name, "b"));
    st_to_f32(&f, st_find(&f, "a"), out);
    CHECK(out[0] == 1.0f && out[1] == -2.0f);
    st_to_f32(&f, st_find(&f, "b"), out);
    CHECK(out[0] == 1.0f && out[1] == 3.140625f);
    CHECK(st_numel(st_find(&f, "z")) == 0);
    st_free(&f);
    dir_close(&d);
}

static void test_expect_shape_names_both_shapes(void)
{
    st_tensor t = {"conv.weight", EDCG_DTYPE_F32, 2, {2, 3}, 0, 24};
    const int64_t want[2] = {3, 2}, flat[1] = {6};
    edcg_error err;
    CHECK(st_expect_shape("m.st", &t, 2, want, &err) == EDCG_ERR_FORMAT);
    CHECK(strcmp(err.message, "m.st: tensor conv.weight has shape [2, 3], expected [3, 2]") == 0);
    CHECK(st_expect_shape("m.st", &t, 1, flat, &err) != EDCG_OK);
    CHECK(strcmp(err.message, "m.st: tensor conv.weight has shape [2, 3], expected [6]") == 0);
    t.ndim = 0;
    CHECK(st_expect_shape("m.st", &t, 1, flat, &err) != EDCG_OK);
    CHECK(strcmp(err.message, "m.st: tensor conv.weight has shape [], expected [6]") == 0);
}


/* ---- Broken files ------------------------------------------------------- */

#define F32_W(shape, offsets) "{'w':{'dtype':'F32','shape':" shape ",'data_offsets':" offsets "}}"

REJECT_TEST(test_rejects_truncated_json, "{'w':{'dtype':'F32'", 0, "unexpected end of input")
REJECT_TEST(test_rejects_trailing_garbage_after_json, "{} x", 0, "unexpected data after the JSON value")
REJECT_TEST(test_rejects_unterminated_string, "{'w", 0, "unterminated string")
REJECT_TEST(test_rejects_invalid_escape, "{'w\\q':{}}", 0, "invalid escape")
REJECT_TEST(test_rejects_short_unicode_escape, "{'\\u12':{}}", 0, "invalid \\u escape")
REJECT_TEST(test_rejects_unpaired_high_surrogate, "{'\\ud800x':{}}", 0, "unpaired high surrogate")
REJECT_TEST(test_rejects_unpaired_low_surrogate, "{'\\udc00':{}}", 0, "unpaired low surrogate")
REJECT_TEST(test_rejects_raw_control_character_in_string, "{'a\nb':{}}", 0, "control character")
REJECT_TEST(test_rejects_trailing_comma, "{'__metadata__':{},}", 0, "expected a string key")
REJECT_TEST(test_rejects_number_with_leading_zero, F32_W("[01]", "[0,4]"), 4, "leading zero")
REJECT_TEST(test_rejects_misspelled_literal, "{'__metadata__':nul}", 0, "unexpected character")
REJECT_TEST(test_rejects_whitespace_only_header, "   \n ", 0, "unexpected end of input")
REJECT_TEST(test_rejects_byte_order_mark_before_json, "\xef\xbb\xbf{}", 0, "unexpected character")
REJECT_TEST(test_rejects_header_that_is_not_an_object, "[1,2]", 0, "must be a JSON object, not an array")
REJECT_TEST(test_rejects_header_that_is_a_string, "'{}'", 0, "must be a JSON object, not a string")
REJECT_TEST(test_rejects_unknown_dtype, "{'w':{'dtype':'F64','shape':[1],'data_offsets':[0,8]}}", 8,
            "tensor w has unsupported dtype F64")
REJECT_TEST(test_rejects_lowercase_dtype, "{'w':{'dtype':'f32','shape':[1],'data_offsets':[0,4]}}", 4,
            "tensor w has unsupported dtype f32")
REJECT_TEST(test_rejects_dtype_that_is_not_a_string, "{'w':{'dtype':4,'shape':[1],'data_offsets':[0,4]}}",
            4, "tensor w: dtype must be a string, not a number")
REJECT_TEST(test_rejects_negative_shape, F32_W("[-1]", "[0,4]"), 4, "tensor w: shape[0] is negative")
REJECT_TEST(test_rejects_fractional_shape, F32_W("[1.5]", "[0,4]"), 4, "shape[0] is not an integer")
REJECT_TEST(test_rejects_shape_written_with_exponent, F32_W("[1e0]", "[0,4]"), 4, "shape[0] is not an integer")
REJECT_TEST(test_rejects_shape_product_overflow, F32_W("[4294967296,4294967296]", "[0,0]"), 0,
            "more than 2^63 elements")
REJECT_TEST(test_rejects_shape_dimension_past_int64, F32_W("[9223372036854775808]", "[0,4]"), 4,
            "shape[0] is too large")
REJECT_TEST(test_rejects_shape_dimension_past_uint64, F32_W("[99999999999999999999]", "[0,4]"), 4,
            "shape[0] is too large")
REJECT_TEST(test_rejects_more_than_8_dimensions, F32_W("[1,1,1,1,1,1,1,1,1]", "[0,4]"), 4,
            "tensor w has 9 dimensions, more than 8")
REJECT_TEST(test_rejects_shape_that_is_not_an_array, F32_W("3", "[0,12]"), 12, "shape must be an array")
REJECT_TEST(test_rejects_data_offsets_past_end_of_data, F32_W("[4]", "[0,16]"), 8,
            "file is truncated: header says 16 bytes of data, file holds 8")
REJECT_TEST(test_rejects_data_offset_past_uint64, F32_W("[0]", "[0,18446744073709551616]"), 0,
            "a data offset is too large")
REJECT_TEST(test_rejects_negative_data_offset, F32_W("[1]", "[-4,0]"), 0, "a data offset is negative")
REJECT_TEST(test_rejects_data_offsets_ending_before_they_begin, F32_W("[2]", "[8,0]"), 8,
            "data_offsets [8, 0] end before they begin")
REJECT_TEST(test_rejects_data_offsets_with_one_value, F32_W("[1]", "[0]"), 4, "array of 2 integers")
REJECT_TEST(test_rejects_size_mismatch_between_shape_and_offsets, F32_W("[3]", "[0,8]"), 8,
            "tensor w: shape [3] of F32 does not match data_offsets [0, 8]")
REJECT_TEST(test_rejects_overlapping_tensors,
            "{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},"
            "'b':{'dtype':'F32','shape':[2],'data_offsets':[4,12]}}", 12, "tensors a and b overlap")
REJECT_TEST(test_rejects_empty_tensor_inside_another,
            "{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},"
            "'z':{'dtype':'F32','shape':[0],'data_offsets':[4,4]}}", 8, "tensors a and z overlap")
REJECT_TEST(test_rejects_gap_between_tensors,
            "{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},"
            "'b':{'dtype':'F32','shape':[2],'data_offsets':[12,20]}}", 20,
            "4 unused bytes between tensors a and b")
REJECT_TEST(test_rejects_unused_bytes_before_first_tensor, F32_W("[2]", "[4,12]"), 12,
            "4 unused bytes at the start of the data, before tensor w")
REJECT_TEST(test_rejects_trailing_bytes_after_data, F32_W("[2]", "[0,8]"), 12,
            "4 unused bytes after the last tensor's data")
REJECT_TEST(test_rejects_data_without_tensors, "{}", 4, "4 unused bytes after")
REJECT_TEST(test_rejects_metadata_with_non_string_value, "{'__metadata__':{'epochs':200}}", 0,
            "__metadata__ value of epochs must be a string, not a number")
REJECT_TEST(test_rejects_metadata_that_is_not_an_object, "{'__metadata__':'x'}", 0,
            "__metadata__ must be an object, not a string")
REJECT_TEST(test_rejects_metadata_value_with_nul, "{'__metadata__':{'k':'a\\u0000b'}}", 0,
            "__metadata__ entry k contains a NUL byte")
REJECT_TEST(test_rejects_duplicate_metadata_keys, "{'__metadata__':{'k':'1','k':'2'}}", 0, "duplicate key \"k\"")
REJECT_TEST(test_rejects_duplicate_tensor_names,
            "{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]},"
            "'a':{'dtype':'F32','shape':[1],'data_offsets':[4,8]}}", 8, "duplicate key \"a\"")
REJECT_TEST(test_rejects_duplicate_field_in_tensor,
            "{'w':{'dtype':'F32','dtype':'F16','shape':[1],'data_offsets':[0,4]}}", 4, "duplicate key \"dtype\"")
REJECT_TEST(test_rejects_missing_data_offsets, "{'w':{'dtype':'F32','shape':[1]}}", 4,
            "tensor w has no data_offsets")
REJECT_TEST(test_rejects_missing_dtype, "{'w':{'shape':[1],'data_offsets':[0,4]}}", 4, "tensor w has no dtype")
REJECT_TEST(test_rejects_missing_shape, "{'w':{'dtype':'F32','data_offsets':[0,4]}}", 4, "tensor w has no shape")
REJECT_TEST(test_rejects_unexpected_tensor_key,
            "{'w':{'dtype':'F32','shape':[1],'data_offsets':[0,4],'offsets':[0,4]}}", 4,
            "tensor w has unexpected key offsets")
REJECT_TEST(test_rejects_tensor_that_is_not_an_object, "{'w':[0,4]}", 4, "tensor w must be an object, not an array")
REJECT_TEST(test_rejects_empty_tensor_name, "{'':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}", 4,
            "a tensor has an empty name")
REJECT_TEST(test_rejects_tensor_name_with_nul, "{'a\\u0000b':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}",
            4, "tensor name a... contains a NUL byte")

static void nested(int line, const char *open, const char *close, int levels, const char *needle)
{
    size_t n = (size_t)levels, o = strlen(open), c = strlen(close);
    char *h = malloc(n * (o + c) + 16), *p = h;
    p += sprintf(p, "{'a':");
    for (size_t i = 0; i < n; i++, p += o)
        memcpy(p, open, o);
    for (size_t i = 0; i < n; i++, p += c)
        memcpy(p, close, c);
    strcpy(p, "}");
    reject_header(line, h, 0, needle);
    free(h);
}

static void test_rejects_arrays_nested_10000_deep(void)
{
    nested(__LINE__, "[", "]", 10000, "nested deeper than 64 levels");
}

static void test_rejects_objects_nested_10000_deep(void)
{
    nested(__LINE__, "{'a':", "}", 10000, "nested deeper than 64 levels");
}

static void test_rejects_empty_file(void) { reject_raw(__LINE__, "", 0, "file is empty"); }

static void test_rejects_file_shorter_than_8_bytes(void)
{
    reject_raw(__LINE__, "\x02\0\0\0\0", 5, "file is truncated: it ends inside the 8-byte header length (5 bytes)");
}

static void test_rejects_header_length_past_end_of_file(void)
{
    unsigned char b[10] = {0, 0, 0, 0, 0, 0, 0, 0, '{', '}'};
    put_u64le(b, 100);
    reject_raw(__LINE__, b, 10, "file is truncated: header length says 100 bytes of JSON, file holds 2");
}

static void test_rejects_header_length_zero(void)
{
    reject_raw(__LINE__, "\0\0\0\0\0\0\0\0{}", 10, "header length is 0");
}

static void test_rejects_huge_header_lengths(void)
{
    unsigned char b[10] = {0, 0, 0, 0, 0, 0, 0, 0, '{', '}'};
    put_u64le(b, (uint64_t)1 << 63);
    reject_raw(__LINE__, b, 10, "header length 9223372036854775808 is over the limit");
    put_u64le(b, UINT64_MAX);
    reject_raw(__LINE__, b, 10, "is over the limit");
    put_u64le(b, ST_MAX_HEADER_BYTES + 1);
    reject_raw(__LINE__, b, 10, "is over the limit of 104857600 bytes");
}

static void test_rejects_raw_nul_byte_in_header(void)
{
    reject_raw(__LINE__, "\x08\0\0\0\0\0\0\0{\"a\0\":1}", 16, "control character");
}

static void test_rejects_file_truncated_in_data_section(void)
{
    tmp_dir d;
    char path[512];
    edcg_error err;
    dir_open(&d);
    dir_file(&d, "cut.safetensors", path);
    CHECK(write_sample(path, EDCG_DTYPE_F32, &err) == EDCG_OK);
    CHECK(truncate(path, (off_t)(file_size(path) - 3)) == 0);
    expect_rejected(__LINE__, path, 0, "file is truncated: header says 44 bytes of data, file holds 41");
    dir_close(&d);
}

static void test_rejects_file_over_the_size_cap(void)
{
    tmp_dir d;
    char path[512];
    edcg_error err;
    st_file f;
    dir_open(&d);
    dir_file(&d, "big.safetensors", path);
    CHECK(write_sample(path, EDCG_DTYPE_F32, &err) == EDCG_OK);
    uint64_t n = file_size(path);
    expect_rejected(__LINE__, path, n - 1, "over the limit of");
    CHECK(st_read(path, n - 1, &f, &err) == EDCG_ERR_NOMEM);
    CHECK(st_read(path, n, &f, &err) == EDCG_OK);
    st_free(&f);
    dir_close(&d);
}

static void test_rejects_missing_file_directory_and_fifo(void)
{
    tmp_dir d;
    char path[512];
    st_file f;
    edcg_error err;
    dir_open(&d);
    dir_file(&d, "missing.safetensors", path);
    expect_rejected(__LINE__, path, 0, "cannot open: ");
    CHECK(st_read(path, 0, &f, &err) == EDCG_ERR_IO);
    expect_rejected(__LINE__, d.path, 0, "not a regular file");
    dir_file(&d, "fifo", path);
    CHECK(mkfifo(path, 0600) == 0);
    expect_rejected(__LINE__, path, 0, "not a regular file"); /* must not block */
    dir_close(&d);
}

/* ---- Every truncation, random corruption ------------------------------- */

static void test_every_truncation_of_a_valid_file_fails_cleanly(void)
{
    tmp_dir d;
    char full[512], path[512];
    edcg_error err;
    st_file f;
    size_t n;
    dir_open(&d);
    dir_file(&d, "full.safetensors", full);
    dir_file(&d, "cut.safetensors", path);
    CHECK(write_sample(full, EDCG_DTYPE_F16, &err) == EDCG_OK);
    unsigned char *bytes = read_bytes(full, &n);
    for (size_t len = 0; len < n; len++) {
        write_bytes(path, bytes, len);
        expect_rejected(__LINE__, path, 0, NULL);
    }
    write_bytes(path, bytes, n);
    CHECK(st_read(path, 0, &f, &err) == EDCG_OK);
    st_free(&f);
    free(bytes);
    dir_close(&d);
}

static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* What a successful read promises, checked on whatever a mutation left. */
static void check_invariants(const st_file *f)
{
    for (size_t i = 0; i < f->count; i++) {
        const st_tensor *t = &f->tensors[i];
        uint64_t size = t->dtype == EDCG_DTYPE_F32 ? 4 : 2, numel = (uint64_t)st_numel(t);
        CHECK(t->name[0] && t->begin <= t->end && t->end <= f->data_len);
        CHECK(numel * size == t->end - t->begin && (i == 0 || f->tensors[i - 1].end <= t->begin));
        float *dst = malloc(numel * sizeof *dst + 1);
        st_to_f32(f, t, dst); /* out of bounds would show under ASan/valgrind */
        free(dst);
        CHECK(st_find(f, t->name) == t);
    }
    for (size_t i = 0; i < f->meta_count; i++)
        CHECK(st_meta(f, f->meta_keys[i]) == f->meta_values[i]);
}

/* Single-byte changes: random xors, and bytes that matter to JSON. */
static void mutate(const char *path, const unsigned char *orig, size_t n, int rounds, uint64_t seed)
{
    static const char syntax[] = "\"{}[]:,0123456789-.eE\\u ";
    unsigned char *buf = malloc(n);
    int accepted = 0;
    for (int i = 0; i < rounds; i++) {
        memcpy(buf, orig, n);
        size_t pos = (size_t)(next_rand(&seed) % n);
        uint64_t r = next_rand(&seed);
        buf[pos] = i % 2 ? (unsigned char)(buf[pos] ^ (1 + r % 255))
                         : (unsigned char)syntax[r % (sizeof syntax - 1)];
        write_bytes(path, buf, n);
        st_file f;
        edcg_error err;
        if (st_read(path, 0, &f, &err) == EDCG_OK) {
            accepted++;
            check_invariants(&f);
            st_free(&f);
        } else {
            check_one_line(__LINE__, &err, path);
            CHECK(!f.tensors && !f.count && !f.data);
        }
    }
    CHECK(accepted < rounds);
    free(buf);
}

static void test_random_byte_changes_never_crash(void)
{
    tmp_dir d;
    char full[512], path[512];
    edcg_error err;
    size_t n;
    dir_open(&d);
    dir_file(&d, "full.safetensors", full);
    dir_file(&d, "mutant.safetensors", path);
    CHECK(write_sample(full, EDCG_DTYPE_BF16, &err) == EDCG_OK);
    unsigned char *bytes = read_bytes(full, &n);
    mutate(path, bytes, n, 2000, 0x9E3779B97F4A7C15u);
    free(bytes);
    write_st(full, "{'b':{'dtype':'BF16','shape':[2],'data_offsets':[4,8]},'__metadata__':{'k':'v'},"
                   "'a':{'dtype':'F16','shape':[1,2],'data_offsets':[0,4]},"
                   "'c':{'dtype':'F32','shape':[],'data_offsets':[8,12]}}", 12);
    bytes = read_bytes(full, &n);
    mutate(path, bytes, n, 1000, 12345);
    free(bytes);
    dir_close(&d);
}

/* ---- Half and bfloat16 --------------------------------------------------- */

static int is_nan16(uint16_t h, uint16_t exp_mask, uint16_t man_mask)
{
    return (h & exp_mask) == exp_mask && (h & man_mask);
}

static void test_f16_decodes_and_round_trips_every_value(void)
{
    for (uint32_t h = 0; h <= 0xFFFF; h++) {
        float f = st_f16_to_f32((uint16_t)h);
        uint16_t back = st_f32_to_f16(f);
        int e = (int)(h >> 10 & 0x1F), m = (int)(h & 0x3FF);
        float mag = e == 0 ? ldexpf((float)m, -24) : e == 31 ? (m ? NAN : INFINITY)
                                                             : ldexpf(1.0f + (float)m / 1024.0f, e - 15);
        if (e == 31 && m) {
            CHECK(isnan(f) && is_nan16(back, 0x7C00, 0x3FF) && (back & 0x8000) == (h & 0x8000));
        } else {
            CHECK(bits(f) == bits(h & 0x8000 ? -mag : mag));
            CHECK(back == h);
        }
    }
}

static void test_bf16_decodes_and_round_trips_every_value(void)
{
    for (uint32_t h = 0; h <= 0xFFFF; h++) {
        float f = st_bf16_to_f32((uint16_t)h);
        uint16_t back = st_f32_to_bf16(f);
        CHECK(bits(f) == h << 16);
        CHECK(isnan(f) ? is_nan16(back, 0x7F80, 0x7F) && (back & 0x8000) == (h & 0x8000) : back == h);
    }
}

/* Halfway between neighbours lo and hi rounds to the even one; one float
 * ulp either side rounds to the nearer one. */
static void check_midpoints(float (*to_f32)(uint16_t), uint16_t (*from_f32)(float), uint16_t last)
{
    for (uint32_t h = 0; h < last; h++) {
        float lo = to_f32((uint16_t)h), hi = to_f32((uint16_t)(h + 1));
        float mid = lo + (hi - lo) / 2;
        uint16_t even = (uint16_t)(h & 1 ? h + 1 : h);
        CHECK(from_f32(mid) == even && from_f32(-mid) == (even | 0x8000));
        CHECK(from_f32(nextafterf(mid, 0.0f)) == h);
        CHECK(from_f32(nextafterf(mid, INFINITY)) == h + 1);
    }
}

static void test_f16_rounds_to_nearest_even_at_every_midpoint(void)
{
    check_midpoints(st_f16_to_f32, st_f32_to_f16, 0x7BFF);
}

static void test_bf16_rounds_to_nearest_even_at_every_midpoint(void)
{
    check_midpoints(st_bf16_to_f32, st_f32_to_bf16, 0x7F7F);
}

static void test_f16_handles_overflow_infinity_nan_and_subnormals(void)
{
    CHECK(st_f32_to_f16(0.0f) == 0 && st_f32_to_f16(-0.0f) == 0x8000);
    CHECK(st_f32_to_f16(1.0f) == 0x3C00 && st_f32_to_f16(-2.0f) == 0xC000);
    CHECK(st_f32_to_f16(1.0f / 3.0f) == 0x3555);
    CHECK(st_f32_to_f16(65504.0f) == 0x7BFF && st_f32_to_f16(65519.99f) == 0x7BFF);
    CHECK(st_f32_to_f16(65520.0f) == 0x7C00 && st_f32_to_f16(1e10f) == 0x7C00);
    CHECK(st_f32_to_f16(-1e10f) == 0xFC00 && st_f32_to_f16(FLT_MAX) == 0x7C00);
    CHECK(st_f32_to_f16(INFINITY) == 0x7C00 && st_f32_to_f16(-INFINITY) == 0xFC00);
    CHECK(is_nan16(st_f32_to_f16(NAN), 0x7C00, 0x3FF));
    float low_payload_nan;
    uint32_t x = 0x7F800001u;
    memcpy(&low_payload_nan, &x, 4);
    CHECK(is_nan16(st_f32_to_f16(low_payload_nan), 0x7C00, 0x3FF));
    CHECK(st_f32_to_f16(ldexpf(1, -24)) == 0x0001 && st_f32_to_f16(ldexpf(1, -25)) == 0);
    CHECK(st_f32_to_f16(ldexpf(1.5f, -25)) == 0x0001 && st_f32_to_f16(ldexpf(1, -26)) == 0);
    CHECK(st_f32_to_f16(ldexpf(1, -14)) == 0x0400 && st_f32_to_f16(FLT_MIN) == 0);
    CHECK(st_f32_to_f16(ldexpf(1023, -24)) == 0x03FF && st_f32_to_f16(-ldexpf(3, -24)) == 0x8003);
    CHECK(st_f16_to_f32(0x0001) == ldexpf(1, -24) && st_f16_to_f32(0x7BFF) == 65504.0f);
    CHECK(isinf(st_f16_to_f32(0xFC00)) && st_f16_to_f32(0xFC00) < 0 && isnan(st_f16_to_f32(0x7E00)));
}

static void test_bf16_handles_overflow_infinity_and_nan(void)
{
    CHECK(st_f32_to_bf16(1.0f) == 0x3F80 && st_f32_to_bf16(-0.0f) == 0x8000);
    CHECK(st_f32_to_bf16(3.14159265f) == 0x4049 && st_bf16_to_f32(0x4049) == 3.140625f);
    CHECK(st_f32_to_bf16(FLT_MAX) == 0x7F80 && st_f32_to_bf16(-FLT_MAX) == 0xFF80);
    CHECK(st_f32_to_bf16(INFINITY) == 0x7F80 && st_f32_to_bf16(-INFINITY) == 0xFF80);
    float low_payload_nan;
    uint32_t x = 0x7F800001u;
    memcpy(&low_payload_nan, &x, 4);
    CHECK(is_nan16(st_f32_to_bf16(low_payload_nan), 0x7F80, 0x7F));
    CHECK(is_nan16(st_f32_to_bf16(-NAN), 0x7F80, 0x7F));
    CHECK(st_f32_to_bf16(ldexpf(1, -149)) == 0 && st_f32_to_bf16(FLT_MIN) == 0x0080);
}

/* ---- Writing ------------------------------------------------------------ */

static void expect_write_failure(int line, const char *path, edcg_status st, const edcg_error *err,
                                 edcg_status want)
{
    CHECK_MSG(st == want, "line %d: status %d", line, (int)st);
    check_one_line(line, err, path);
    CHECK_MSG(strstr(err->message, ": cannot write: ") != NULL, "line %d: '%s'", line, err->message);
}

static void test_write_into_missing_directory_fails_and_leaves_nothing(void)
{
    tmp_dir d;
    char path[512], file[512];
    edcg_error err;
    dir_open(&d);
    dir_file(&d, "no/such/m.safetensors", path);
    expect_write_failure(__LINE__, path, write_sample(path, EDCG_DTYPE_F32, &err), &err, EDCG_ERR_IO);
    CHECK(strstr(err.message, strerror(ENOENT)) != NULL);
    dir_file(&d, "file", file); /* a path through a regular file */
    write_bytes(file, "x", 1);
    dir_file(&d, "file/m.safetensors", path);
    expect_write_failure(__LINE__, path, write_sample(path, EDCG_DTYPE_F32, &err), &err, EDCG_ERR_IO);
    CHECK(dir_entries(d.path) == 1);
    dir_close(&d);
}

static void test_write_into_read_only_directory_fails_and_leaves_no_temp_file(void)
{
    tmp_dir d;
    char sub[512], path[512];
    edcg_error err;
    dir_open(&d);
    dir_file(&d, "ro", sub);
    CHECK(mkdir(sub, 0555) == 0);
    dir_file(&d, "ro/m.safetensors", path);
    if (access(sub, W_OK) == 0) {
        printf("     # skipped: this user (root?) can write into a 0555 folder\n");
    } else {
        expect_write_failure(__LINE__, path, write_sample(path, EDCG_DTYPE_F16, &err), &err, EDCG_ERR_IO);
        CHECK(strstr(err.message, strerror(EACCES)) != NULL);
        CHECK(dir_entries(sub) == 0);
    }
    dir_close(&d);
}

static void test_write_failing_at_rename_removes_its_temp_file(void)
{
    tmp_dir d;
    char path[512], keep[512];
    edcg_error err;
    dir_open(&d);
    dir_file(&d, "m.safetensors", path); /* a non-empty folder where the file should go */
    CHECK(mkdir(path, 0700) == 0);
    dir_file(&d, "m.safetensors/keep", keep);
    write_bytes(keep, "x", 1);
    expect_write_failure(__LINE__, path, write_sample(path, EDCG_DTYPE_F32, &err), &err, EDCG_ERR_IO);
    CHECK(dir_entries(d.path) == 1 && dir_entries(path) == 1);
    dir_close(&d);
}

static void test_write_replaces_an_existing_file_atomically(void)
{
    tmp_dir d;
    char path[512];
    edcg_error err;
    st_file f;
    size_t n_old, n_seen;
    const float v[3] = {7.0f, 8.0f, 9.0f};
    st_write_tensor t = {"only", 1, {3}, v};
    dir_open(&d);
    dir_file(&d, "m.safetensors", path);
    CHECK(write_sample(path, EDCG_DTYPE_F32, &err) == EDCG_OK);
    unsigned char *old = read_bytes(path, &n_old);
    FILE *reader = fopen(path, "rb"); /* a reader holding the old file open */
    CHECK(st_write(path, &t, 1, EDCG_DTYPE_BF16, NULL, 0, &err) == EDCG_OK);
    CHECK_MSG(st_read(path, 0, &f, &err) == EDCG_OK, "%s", err.message);
    CHECK(f.count == 1 && f.meta_count == 0 && strcmp(f.tensors[0].name, "only") == 0);
    st_free(&f);
    /* The old file was replaced by a rename, not rewritten in place. */
    unsigned char *seen = malloc(n_old + 1);
    n_seen = reader ? fread(seen, 1, n_old + 1, reader) : 0;
    CHECK(n_seen == n_old && memcmp(seen, old, n_old) == 0);
    if (reader)
        fclose(reader);
    CHECK(dir_entries(d.path) == 1);
    free(seen);
    free(old);
    dir_close(&d);
}

static void test_write_of_no_tensors_and_no_metadata_reads_back_empty(void)
{
    static const char *const meta[] = {"k", "v"};
    tmp_dir d;
    char path[512];
    edcg_error err;
    st_file f;
    dir_open(&d);
    dir_file(&d, "empty.safetensors", path);
    CHECK(st_write(path, NULL, 0, EDCG_DTYPE_F32, NULL, 0, &err) == EDCG_OK);
    CHECK(file_size(path) == 16);
    CHECK_MSG(st_read(path, 0, &f, &err) == EDCG_OK, "%s", err.message);
    CHECK(f.count == 0 && f.meta_count == 0 && f.data_len == 0);
    st_free(&f);
    CHECK(st_write(path, NULL, 0, EDCG_DTYPE_F16, meta, 1, &err) == EDCG_OK);
    CHECK(st_read(path, 0, &f, &err) == EDCG_OK && f.count == 0 && st_meta(&f, "k"));
    st_free(&f);
    dir_close(&d);
}

static void test_write_refuses_arguments_that_would_make_a_bad_file(void)
{
    static const char *const dup_meta[] = {"k", "1", "k", "2"}, *const null_meta[] = {"k", NULL},
                             *const latin1_meta[] = {"k", "caf\xe9"};
    const float v[2] = {1, 2};
    const st_write_tensor dup[2] = {{"a", 1, {1}, v}, {"a", 1, {1}, v}};
    const st_write_tensor bad[] = {{"", 1, {1}, v},           {NULL, 1, {1}, v},      {"__metadata__", 1, {1}, v},
                                   {"w", 9, {1}, v},          {"w", -1, {1}, v},      {"w", 1, {-2}, v},
                                   {"w", 1, {2}, NULL},       {"w", 2, {INT64_MAX, 2}, v},
                                   {"\xff\xfe", 1, {1}, v}, {"\xed\xa0\x80", 1, {1}, v}};
    tmp_dir d;
    char path[512];
    edcg_error err;
    dir_open(&d);
    dir_file(&d, "m.safetensors", path);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_write_failure(__LINE__, path, st_write(path, &bad[i], 1, EDCG_DTYPE_F32, NULL, 0, &err), &err,
                             EDCG_ERR_INVALID);
    expect_write_failure(__LINE__, path, st_write(path, dup, 2, EDCG_DTYPE_F32, NULL, 0, &err), &err,
                         EDCG_ERR_INVALID);
    CHECK(strstr(err.message, "duplicate tensor name a") != NULL);
    expect_write_failure(__LINE__, path, st_write(path, dup, 1, EDCG_DTYPE_F32, dup_meta, 2, &err), &err,
                         EDCG_ERR_INVALID);
    CHECK(strstr(err.message, "duplicate metadata key k") != NULL);
    expect_write_failure(__LINE__, path, st_write(path, dup, 1, EDCG_DTYPE_F32, null_meta, 1, &err), &err,
                         EDCG_ERR_INVALID);
    expect_write_failure(__LINE__, path, st_write(path, dup, 1, EDCG_DTYPE_F32, latin1_meta, 1, &err), &err,
                         EDCG_ERR_INVALID);
    expect_write_failure(__LINE__, path, st_write(path, dup, 1, (edcg_dtype)7, NULL, 0, &err), &err,
                         EDCG_ERR_INVALID);
    const st_write_tensor empty = {"e", 2, {0, 5}, NULL}; /* no data needed for no elements */
    CHECK(st_write(path, &empty, 1, EDCG_DTYPE_F32, NULL, 0, &err) == EDCG_OK);
    CHECK(dir_entries(d.path) == 1);
    dir_close(&d);
}

/* ---- The JSON parser's own limits ---------------------------------------- */

static int parse_str(const char *s, json_doc *doc, json_error *je)
{
    char buf[512];
    size_t n = strlen(s);
    memcpy(buf, s, n);
    return json_parse(buf, n, doc, je);
}

static void test_json_allows_64_levels_of_nesting_and_no_more(void)
{
    char s[160];
    json_doc doc;
    json_error je;
    for (int levels = 63; levels <= 65; levels++) {
        memset(s, '[', (size_t)levels);
        memset(s + levels, ']', (size_t)levels);
        s[2 * levels] = '\0';
        int rc = parse_str(s, &doc, &je);
        CHECK(levels <= 64 ? rc == 0 && doc.count == (size_t)levels : rc == -1 && je.offset == 64);
        json_free(&doc);
    }
}

static void test_json_integers_detect_overflow_and_non_integers(void)
{
    json_doc doc;
    json_error je;
    uint64_t u;
    int64_t i;
    CHECK(parse_str("[18446744073709551615, 18446744073709551616, -9223372036854775808, "
                    "9223372036854775808, -0, 1.0, -1, true]", &doc, &je) == 0);
    const json_node *n = json_first(&doc, json_root(&doc));
    CHECK(json_get_u64(n, &u) == JSON_INT_OK && u == UINT64_MAX);
    n = json_next(&doc, n);
    CHECK(json_get_u64(n, &u) == JSON_INT_TOO_LARGE && json_get_i64(n, &i) == JSON_INT_TOO_LARGE);
    n = json_next(&doc, n);
    CHECK(json_get_i64(n, &i) == JSON_INT_OK && i == INT64_MIN && json_get_u64(n, &u) == JSON_INT_NEGATIVE);
    n = json_next(&doc, n);
    CHECK(json_get_i64(n, &i) == JSON_INT_TOO_LARGE && json_get_u64(n, &u) == JSON_INT_OK);
    n = json_next(&doc, n);
    CHECK(json_get_u64(n, &u) == JSON_INT_OK && u == 0);
    n = json_next(&doc, n);
    CHECK(json_get_u64(n, &u) == JSON_INT_NOT_INTEGER);
    n = json_next(&doc, n);
    CHECK(json_get_i64(n, &i) == JSON_INT_OK && i == -1 && json_get_u64(n, &u) == JSON_INT_NEGATIVE);
    n = json_next(&doc, n);
    CHECK(json_get_u64(n, &u) == JSON_INT_NOT_NUMBER && json_next(&doc, n) == NULL);
    json_free(&doc);
    CHECK(parse_str("{\"a\": tru}", &doc, &je) == -1 && je.offset == 6 && doc.nodes == NULL);
}

int main(void)
{
    RUN_TEST(test_round_trip_f32_is_exact);
    RUN_TEST(test_round_trip_f16_rounds_each_value_once);
    RUN_TEST(test_round_trip_bf16_rounds_each_value_once);
    RUN_TEST(test_metadata_with_json_escapes_and_unicode_round_trips);
    RUN_TEST(test_reads_unicode_escapes_and_surrogate_pairs);
    RUN_TEST(test_header_is_reference_json_padded_to_8_bytes);
    RUN_TEST(test_reads_mixed_dtypes_in_data_offset_order);
    RUN_TEST(test_expect_shape_names_both_shapes);

    RUN_TEST(test_rejects_empty_file);
    RUN_TEST(test_rejects_file_shorter_than_8_bytes);
    RUN_TEST(test_rejects_header_length_past_end_of_file);
    RUN_TEST(test_rejects_header_length_zero);
    RUN_TEST(test_rejects_huge_header_lengths);
    RUN_TEST(test_rejects_raw_nul_byte_in_header);
    RUN_TEST(test_rejects_file_truncated_in_data_section);
    RUN_TEST(test_rejects_file_over_the_size_cap);
    RUN_TEST(test_rejects_missing_file_directory_and_fifo);
    RUN_TEST(test_rejects_truncated_json);
    RUN_TEST(test_rejects_trailing_garbage_after_json);
    RUN_TEST(test_rejects_unterminated_string);
    RUN_TEST(test_rejects_invalid_escape);
    RUN_TEST(test_rejects_short_unicode_escape);
    RUN_TEST(test_rejects_unpaired_high_surrogate);
    RUN_TEST(test_rejects_unpaired_low_surrogate);
    RUN_TEST(test_rejects_raw_control_character_in_string);
    RUN_TEST(test_rejects_trailing_comma);
    RUN_TEST(test_rejects_number_with_leading_zero);
    RUN_TEST(test_rejects_misspelled_literal);
    RUN_TEST(test_rejects_whitespace_only_header);
    RUN_TEST(test_rejects_byte_order_mark_before_json);
    RUN_TEST(test_rejects_arrays_nested_10000_deep);
    RUN_TEST(test_rejects_objects_nested_10000_deep);
    RUN_TEST(test_rejects_header_that_is_not_an_object);
    RUN_TEST(test_rejects_header_that_is_a_string);
    RUN_TEST(test_rejects_unknown_dtype);
    RUN_TEST(test_rejects_lowercase_dtype);
    RUN_TEST(test_rejects_dtype_that_is_not_a_string);
    RUN_TEST(test_rejects_negative_shape);
    RUN_TEST(test_rejects_fractional_shape);
    RUN_TEST(test_rejects_shape_written_with_exponent);
    RUN_TEST(test_rejects_shape_product_overflow);
    RUN_TEST(test_rejects_shape_dimension_past_int64);
    RUN_TEST(test_rejects_shape_dimension_past_uint64);
    RUN_TEST(test_rejects_more_than_8_dimensions);
    RUN_TEST(test_rejects_shape_that_is_not_an_array);
    RUN_TEST(test_rejects_data_offsets_past_end_of_data);
    RUN_TEST(test_rejects_data_offset_past_uint64);
    RUN_TEST(test_rejects_negative_data_offset);
    RUN_TEST(test_rejects_data_offsets_ending_before_they_begin);
    RUN_TEST(test_rejects_data_offsets_with_one_value);
    RUN_TEST(test_rejects_size_mismatch_between_shape_and_offsets);
    RUN_TEST(test_rejects_overlapping_tensors);
    RUN_TEST(test_rejects_empty_tensor_inside_another);
    RUN_TEST(test_rejects_gap_between_tensors);
    RUN_TEST(test_rejects_unused_bytes_before_first_tensor);
    RUN_TEST(test_rejects_trailing_bytes_after_data);
    RUN_TEST(test_rejects_data_without_tensors);
    RUN_TEST(test_rejects_metadata_with_non_string_value);
    RUN_TEST(test_rejects_metadata_that_is_not_an_object);
    RUN_TEST(test_rejects_metadata_value_with_nul);
    RUN_TEST(test_rejects_duplicate_metadata_keys);
    RUN_TEST(test_rejects_duplicate_tensor_names);
    RUN_TEST(test_rejects_duplicate_field_in_tensor);
    RUN_TEST(test_rejects_missing_data_offsets);
    RUN_TEST(test_rejects_missing_dtype);
    RUN_TEST(test_rejects_missing_shape);
    RUN_TEST(test_rejects_unexpected_tensor_key);
    RUN_TEST(test_rejects_tensor_that_is_not_an_object);
    RUN_TEST(test_rejects_empty_tensor_name);
    RUN_TEST(test_rejects_tensor_name_with_nul);
    RUN_TEST(test_every_truncation_of_a_valid_file_fails_cleanly);
    RUN_TEST(test_random_byte_changes_never_crash);

    RUN_TEST(test_f16_decodes_and_round_trips_every_value);
    RUN_TEST(test_bf16_decodes_and_round_trips_every_value);
    RUN_TEST(test_f16_rounds_to_nearest_even_at_every_midpoint);
    RUN_TEST(test_bf16_rounds_to_nearest_even_at_every_midpoint);
    RUN_TEST(test_f16_handles_overflow_infinity_nan_and_subnormals);
    RUN_TEST(test_bf16_handles_overflow_infinity_and_nan);

    RUN_TEST(test_write_into_missing_directory_fails_and_leaves_nothing);
    RUN_TEST(test_write_into_read_only_directory_fails_and_leaves_no_temp_file);
    RUN_TEST(test_write_failing_at_rename_removes_its_temp_file);
    RUN_TEST(test_write_replaces_an_existing_file_atomically);
    RUN_TEST(test_write_of_no_tensors_and_no_metadata_reads_back_empty);
    RUN_TEST(test_write_refuses_arguments_that_would_make_a_bad_file);
    RUN_TEST(test_json_allows_64_levels_of_nesting_and_no_more);
    RUN_TEST(test_json_integers_detect_overflow_and_non_integers);
    TEST_EXIT();
}
