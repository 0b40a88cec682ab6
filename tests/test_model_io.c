/* Model files: save and load round trips (F32 exact, F16/BF16 close),
 * metadata, optional discriminators, and refusal of files that do not
 * describe a model of the architecture they claim. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "edcg.h"
#include "model.h"
#include "safetensors.h"
#include "testdir.h"

static edcg_model *small_model(edcg_variant v)
{
    edcg_arch arch = {v, 4, 4, 2};
    return edcg_model_new(&arch, 5, NULL);
}

static double max_param_diff(const edcg_model *a, const edcg_model *b)
{
    double worst = 0.0;
    for (size_t i = 0; i < a->nparams; i++) {
        const param *q = model_find_param(b, a->params[i].name);
        if (!q)
            return INFINITY;
        for (size_t j = 0; j < a->params[i].numel; j++) {
            double d = fabs((double)a->params[i].data[j] - q->data[j]);
            if (d > worst)
                worst = d;
        }
    }
    return worst;
}

static void test_f32_round_trip_is_exact_with_metadata(void)
{
    char *dir = test_dir_new();
    char *path = test_path(dir, "m.safetensors");
    for (int v = 0; v < 4; v++) {
        edcg_model *m = small_model((edcg_variant)v);
        CHECK(edcg_model_set_meta(m, "domain_a", "äpfel \"quoted\"", NULL) == EDCG_OK);
        CHECK(edcg_model_set_meta(m, "ngf", "999", NULL) == EDCG_OK); /* arch keys come from the arch */
        edcg_save_options so = {EDCG_DTYPE_F32, 1};
        edcg_error err;
        CHECK_MSG(edcg_model_save(m, path, &so, &err) == EDCG_OK, "%s", err.message);
        edcg_model *l = edcg_model_load(path, &err);
        CHECK_MSG(l != NULL, "%s", err.message);
        if (l) {
            CHECK(memcmp(edcg_model_arch(l), edcg_model_arch(m), sizeof(edcg_arch)) == 0);
            CHECK(edcg_model_has_discriminators(l));
            CHECK(max_param_diff(m, l) == 0.0);
            CHECK(strcmp(edcg_model_get_meta(l, "domain_a"), "äpfel \"quoted\"") == 0);
            CHECK(strcmp(edcg_model_get_meta(l, "ngf"), "4") == 0);
            CHECK(strcmp(edcg_model_get_meta(l, "format"), "edcg-model") == 0);
            /* A names its domain; B falls back to "b". */
            CHECK(strcmp(edcg_model_domain(l, 0), "äpfel \"quoted\"") == 0);
            CHECK(strcmp(edcg_model_domain(l, 1), "b") == 0);
        }
        edcg_model_free(l);
        edcg_model_free(m);
    }
    free(path);
    test_dir_free(dir);
}

static void test_half_precision_files_are_close_and_smaller(void)
{
    char *dir = test_dir_new();
    char *p32 = test_path(dir, "a.safetensors"), *p16 = test_path(dir, "b.safetensors");
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    edcg_save_options f32 = {EDCG_DTYPE_F32, 0}, f16 = {EDCG_DTYPE_F16, 0}, bf16 = {EDCG_DTYPE_BF16, 0};
    CHECK(edcg_model_save(m, p32, &f32, NULL) == EDCG_OK);
    CHECK(edcg_model_save(m, p16, &f16, NULL) == EDCG_OK);
    CHECK(test_file_size(p16) < test_file_size(p32) * 6 / 10);
    edcg_model *l = edcg_model_load(p16, NULL);
    CHECK(l != NULL && !edcg_model_has_discriminators(l));
    if (l)
        CHECK(max_param_diff(l, m) < 1e-4); /* weights ~N(0, 0.02): f16 keeps ~3 digits */
    edcg_model_free(l);
    CHECK(edcg_model_save(m, p16, &bf16, NULL) == EDCG_OK);
    l = edcg_model_load(p16, NULL);
    CHECK(l != NULL);
    if (l)
        CHECK(max_param_diff(l, m) < 1e-3);
    edcg_model_free(l);
    edcg_model_free(m);
    free(p32);
    free(p16);
    test_dir_free(dir);
}

/* Writes a file with the tensors of `m` (optionally one renamed, reshaped
 * or dropped, or one extra) and the given metadata. */
typedef enum edit { EDIT_NONE, EDIT_DROP, EDIT_RESHAPE, EDIT_EXTRA } edit;

static void write_edited(const edcg_model *m, const char *path, edit e, const char *const *meta,
                         size_t pairs)
{
    st_write_tensor *t = calloc(m->nparams + 1, sizeof *t);
    size_t n = 0;
    for (size_t i = 0; i < m->nparams; i++) {
        const param *p = &m->params[i];
        if (e == EDIT_DROP && i == 3)
            continue;
        t[n].name = p->name;
        t[n].ndim = p->ndim;
        memcpy(t[n].shape, p->shape, sizeof p->shape);
        t[n].data = p->data;
        if (e == EDIT_RESHAPE && i == 0) { /* same element count, other shape */
            t[n].ndim = 2;
            t[n].shape[0] = p->shape[0];
            t[n].shape[1] = (int64_t)p->numel / p->shape[0];
        }
        n++;
    }
    if (e == EDIT_EXTRA) {
        t[n] = t[0];
        t[n++].name = "g_ab.res.99.conv1.weight";
    }
    CHECK(st_write(path, t, n, EDCG_DTYPE_F32, meta, pairs, NULL) == EDCG_OK);
    free(t);
}

static void expect_refused(const char *path, const char *needle)
{
    edcg_error err = {""};
    edcg_model *l = edcg_model_load(path, &err);
    CHECK_MSG(l == NULL, "%s loaded but should not", needle);
    CHECK_MSG(strstr(err.message, needle) != NULL, "message '%s' lacks '%s'", err.message, needle);
    CHECK(strstr(err.message, path) != NULL);
    edcg_model_free(l);
}

static void test_inconsistent_model_files_are_refused(void)
{
    char *dir = test_dir_new();
    char *path = test_path(dir, "bad.safetensors");
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    const char *good[] = {"format", "edcg-model", "format_version", "1", "variant", "ed",
                          "ngf", "4", "ndf", "4", "blocks", "2"};
    write_edited(m, path, EDIT_DROP, good, 6);
    expect_refused(path, "missing");
    write_edited(m, path, EDIT_RESHAPE, good, 6);
    expect_refused(path, "shape");
    write_edited(m, path, EDIT_EXTRA, good, 6);
    expect_refused(path, "unexpected tensor");

    const char *other_arch[] = {"format", "edcg-model", "format_version", "1", "variant", "ed",
                                "ngf", "8", "ndf", "4", "blocks", "2"};
    write_edited(m, path, EDIT_NONE, other_arch, 6);
    expect_refused(path, "shape");
    const char *fewer_blocks[] = {"format", "edcg-model", "format_version", "1", "variant", "ed",
                                  "ngf", "4", "ndf", "4", "blocks", "1"};
    write_edited(m, path, EDIT_NONE, fewer_blocks, 6);
    expect_refused(path, "unexpected tensor");
    const char *cyclegan[] = {"format", "edcg-model", "format_version", "1", "variant", "cyclegan",
                              "ngf", "4", "ndf", "4", "blocks", "2"};
    write_edited(m, path, EDIT_NONE, cyclegan, 6);
    expect_refused(path, "missing");
    const char *no_format[] = {"variant", "ed", "ngf", "4", "ndf", "4", "blocks", "2"};
    write_edited(m, path, EDIT_NONE, no_format, 4);
    expect_refused(path, "format");
    const char *future[] = {"format", "edcg-model", "format_version", "2", "variant", "ed",
                            "ngf", "4", "ndf", "4", "blocks", "2"};
    write_edited(m, path, EDIT_NONE, future, 6);
    expect_refused(path, "format_version");
    const char *huge[] = {"format", "edcg-model", "format_version", "1", "variant", "ed",
                          "ngf", "100000", "ndf", "4", "blocks", "2"};
    write_edited(m, path, EDIT_NONE, huge, 6);
    expect_refused(path, "ngf");
    const char *junk[] = {"format", "edcg-model", "format_version", "1", "variant", "ed",
                          "ngf", "4x", "ndf", "4", "blocks", "2"};
    write_edited(m, path, EDIT_NONE, junk, 6);
    expect_refused(path, "ngf");
    const char *variant[] = {"format", "edcg-model", "format_version", "1", "variant", "unet",
                             "ngf", "4", "ndf", "4", "blocks", "2"};
    write_edited(m, path, EDIT_NONE, variant, 6);
    expect_refused(path, "variant");
    edcg_model_free(m);
    free(path);
    test_dir_free(dir);
}

static void test_truncated_model_file_is_refused_at_every_length(void)
{
    char *dir = test_dir_new();
    char *path = test_path(dir, "m.safetensors"), *cut = test_path(dir, "cut.safetensors");
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    CHECK(edcg_model_save(m, path, NULL, NULL) == EDCG_OK);
    long size = test_file_size(path);
    int refused = 0, tried = 0;
    for (long len = 0; len < size; len += 1 + len / 16) {
        test_copy_prefix(path, cut, len);
        edcg_error err = {""};
        edcg_model *l = edcg_model_load(cut, &err);
        refused += l == NULL && err.message[0] != '\0';
        tried++;
        edcg_model_free(l);
    }
    CHECK_MSG(refused == tried, "%d of %d truncations refused", refused, tried);
    edcg_model_free(m);
    free(path);
    free(cut);
    test_dir_free(dir);
}

static void test_missing_file_names_the_path(void)
{
    edcg_error err = {""};
    CHECK(edcg_model_load("/nonexistent/x.safetensors", &err) == NULL);
    CHECK(strstr(err.message, "/nonexistent/x.safetensors") != NULL);
}

static void test_save_to_unwritable_folder_fails_cleanly(void)
{
    edcg_model *m = small_model(EDCG_VARIANT_ED);
    edcg_error err = {""};
    CHECK(edcg_model_save(m, "/nonexistent/dir/m.safetensors", NULL, &err) != EDCG_OK);
    CHECK(strstr(err.message, "/nonexistent/dir/m.safetensors") != NULL);
    edcg_model_free(m);
}

int main(void)
{
    RUN_TEST(test_f32_round_trip_is_exact_with_metadata);
    RUN_TEST(test_half_precision_files_are_close_and_smaller);
    RUN_TEST(test_inconsistent_model_files_are_refused);
    RUN_TEST(test_truncated_model_file_is_refused_at_every_length);
    RUN_TEST(test_missing_file_names_the_path);
    RUN_TEST(test_save_to_unwritable_folder_fails_cleanly);
    TEST_EXIT();
}
