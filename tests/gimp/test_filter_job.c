/* A translation as the filter runs it on a layer's GEGL buffers: the model
 * is found and loaded, only the selection's rectangle changes, alpha is
 * kept exactly, 8-bit, 16-bit and float layers give the same pixels,
 * progress is reported, and a cancel, a refusal or an error leaves the
 * output untouched. */
#include <string.h>

#include "check.h"
#include "filter_job.h"
#include "gegl_translate.h"
#include "tiny_model.h"

enum { W = 40, H = 30 };
static const GeglRectangle whole = {0, 0, W, H};
static char *dir, *model_path;

/* A layer-like buffer with colour gradients and alpha 1..255. */
static GeglBuffer *layer(const char *format)
{
    static float px[W * H * 4];
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            float *p = px + (y * W + x) * 4;
            p[0] = (float)x / W;
            p[1] = (float)y / H;
            p[2] = (float)((x * 7 + y * 3) % 17) / 16.0f;
            p[3] = (float)(1 + (x * 5 + y * 11) % 255) / 255.0f;
        }
    GeglBuffer *b = gegl_buffer_new(&whole, babl_format(format));
    gegl_buffer_set(b, &whole, 0, babl_format("R'G'B'A float"), px, GEGL_AUTO_ROWSTRIDE);
    return b;
}

static void read_u8(GeglBuffer *b, unsigned char *out)
{
    gegl_buffer_get(b, &whole, 1.0, babl_format("R'G'B'A u8"), out, GEGL_AUTO_ROWSTRIDE,
                    GEGL_ABYSS_NONE);
}

/* TRUE when the two buffers hold the same 8-bit pixels. */
static gboolean same_pixels(GeglBuffer *a, GeglBuffer *b)
{
    static unsigned char pixels_a[W * H * 4], pixels_b[W * H * 4];
    read_u8(a, pixels_a);
    read_u8(b, pixels_b);
    return memcmp(pixels_a, pixels_b, sizeof pixels_a) == 0;
}

static filter_args args_for(const char *model, const char *direction)
{
    filter_args a;
    filter_args_defaults(&a);
    g_strlcpy(a.model, model, sizeof a.model);
    g_strlcpy(a.direction, direction, sizeof a.direction);
    return a;
}

static int max_diff(const unsigned char *a, const unsigned char *b, size_t n)
{
    int m = 0;
    for (size_t i = 0; i < n; i++)
        m = abs(a[i] - b[i]) > m ? abs(a[i] - b[i]) : m;
    return m;
}

static void test_unknown_model_and_bad_direction_are_refused(void)
{
    filter_job job;
    GError *error = NULL;
    filter_args a = args_for("no-such-model", "a2b");
    CHECK(!filter_job_prepare(&job, &a, &error));
    CHECK(error && error->code == FILTER_ERROR_MODEL && strstr(error->message, "no-such-model"));
    CHECK(job.model == NULL);
    g_clear_error(&error);
    a = args_for(model_path, "banana");
    CHECK(!filter_job_prepare(&job, &a, &error));
    CHECK(error && error->code == FILTER_ERROR_ARGUMENT && strstr(error->message, "banana"));
    g_clear_error(&error);
    a = args_for(model_path, "apple");
    CHECK(filter_job_prepare(&job, &a, &error) && job.direction == EDCG_B_TO_A);
    filter_job_clear(&job);
}

static void test_output_equals_the_shared_cli_path_and_keeps_alpha(void)
{
    filter_args a = args_for(model_path, "a2b");
    filter_job job;
    CHECK(filter_job_prepare(&job, &a, NULL));
    GeglBuffer *in = layer("R'G'B'A u8"), *shadow = gegl_buffer_new(&whole, babl_format("R'G'B'A u8"));
    CHECK(filter_job_run(&job, in, &whole, shadow, G_MAXUINT64, NULL, NULL, NULL));
    /* What `edcg apply` does with the same model and options. */
    GeglBuffer *cli = layer("R'G'B'A u8");
    CHECK(edcg_gegl_translate(job.model, EDCG_A_TO_B, cli, &whole, cli, &job.options, NULL) ==
          EDCG_OK);
    static unsigned char got[W * H * 4], want[W * H * 4], orig[W * H * 4];
    read_u8(shadow, got);
    read_u8(cli, want);
    read_u8(in, orig);
    CHECK(memcmp(got, want, sizeof got) == 0);
    int changed = 0;
    for (int i = 0; i < W * H; i++) {
        CHECK(got[i * 4 + 3] == orig[i * 4 + 3]);
        changed += got[i * 4] != orig[i * 4];
    }
    CHECK_MSG(changed > W * H / 2, "the translation changed only %d pixels", changed);
    g_object_unref(in);
    g_object_unref(shadow);
    g_object_unref(cli);
    filter_job_clear(&job);
}

static void test_only_the_rectangle_is_written(void)
{
    filter_args a = args_for(model_path, "a2b");
    filter_job job;
    CHECK(filter_job_prepare(&job, &a, NULL));
    GeglBuffer *in = layer("R'G'B'A u8"), *out = layer("R'G'B'A u8");
    const GeglRectangle rect = {5, 7, 20, 12};
    CHECK(filter_job_run(&job, in, &rect, out, G_MAXUINT64, NULL, NULL, NULL));
    static unsigned char got[W * H * 4], orig[W * H * 4];
    read_u8(out, got);
    read_u8(in, orig);
    int inside_changed = 0, outside_changed = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int inside = x >= 5 && x < 25 && y >= 7 && y < 19;
            int diff = memcmp(got + (y * W + x) * 4, orig + (y * W + x) * 4, 4) != 0;
            inside_changed += inside && diff;
            outside_changed += !inside && diff;
        }
    CHECK(outside_changed == 0);
    CHECK(inside_changed > 100);
    g_object_unref(in);
    g_object_unref(out);
    filter_job_clear(&job);
}

/* GIMP layers of every precision are read as non-linear R'G'B'A float,
 * the encoding the models learnt: the result is the same. */
static void test_8_16_and_32_bit_layers_give_the_same_pixels(void)
{
    const char *formats[] = {"R'G'B'A u8", "R'G'B'A u16", "RGBA float", "R'G'B'A half"};
    filter_args a = args_for(model_path, "b2a");
    filter_job job;
    CHECK(filter_job_prepare(&job, &a, NULL));
    static unsigned char first[W * H * 4], got[W * H * 4];
    for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
        /* The 8-bit source, stored in this precision (as GIMP converts). */
        GeglBuffer *src8 = layer("R'G'B'A u8"), *in = gegl_buffer_new(&whole, babl_format(formats[f]));
        gegl_buffer_copy(src8, NULL, GEGL_ABYSS_NONE, in, NULL);
        GeglBuffer *shadow = gegl_buffer_new(&whole, babl_format(formats[f]));
        CHECK(filter_job_run(&job, in, &whole, shadow, G_MAXUINT64, NULL, NULL, NULL));
        read_u8(shadow, f == 0 ? first : got);
        if (f > 0) {
            int d = max_diff(first, got, sizeof got);
            /* half floats keep 11 bits: a level of 8-bit rounding either way */
            CHECK_MSG(d <= 1, "%s differs from 8-bit by %d levels", formats[f], d);
        }
        g_object_unref(src8);
        g_object_unref(in);
        g_object_unref(shadow);
    }
    filter_job_clear(&job);
}

typedef struct progress_log {
    int calls, cancel_after;
    double last;
    int monotonic;
} progress_log;

static gboolean log_progress(double fraction, void *user_data)
{
    progress_log *log = user_data;
    log->monotonic &= fraction >= log->last;
    log->last = fraction;
    return ++log->calls != log->cancel_after;
}

static void test_progress_is_reported_and_cancel_leaves_the_output_untouched(void)
{
    filter_args a = args_for(model_path, "a2b");
    filter_job job;
    CHECK(filter_job_prepare(&job, &a, NULL));
    GeglBuffer *in = layer("R'G'B'A u8"), *out = layer("R'G'B'A u8");
    progress_log log = {0, -1, 0.0, 1};
    CHECK(filter_job_run(&job, in, &whole, out, G_MAXUINT64, log_progress, &log, NULL));
    CHECK(log.calls > 3 && log.monotonic && log.last > 0.5);

    GeglBuffer *untouched = layer("R'G'B'A u8");
    progress_log cancel = {0, 2, 0.0, 1};
    GError *error = NULL;
    CHECK(!filter_job_run(&job, in, &whole, untouched, G_MAXUINT64, log_progress, &cancel,
                          &error));
    CHECK(error && strstr(error->message, "cancelled"));
    g_clear_error(&error);
    CHECK(same_pixels(untouched, in));
    g_object_unref(in);
    g_object_unref(out);
    g_object_unref(untouched);
    filter_job_clear(&job);
}

static void test_a_run_that_does_not_fit_in_memory_is_refused_before_starting(void)
{
    filter_args a = args_for(model_path, "a2b");
    a.work_size = 0;
    filter_job job;
    CHECK(filter_job_prepare(&job, &a, NULL));
    GeglBuffer *in = layer("R'G'B'A u8"), *out = layer("R'G'B'A u8");
    progress_log log = {0, -1, 0.0, 1};
    GError *error = NULL;
    CHECK(!filter_job_run(&job, in, &whole, out, 1024, log_progress, &log, &error));
    CHECK(error && error->code == FILTER_ERROR_MEMORY && strstr(error->message, "full-resolution"));
    CHECK(log.calls == 0);
    g_clear_error(&error);
    CHECK(same_pixels(out, in));
    g_object_unref(in);
    g_object_unref(out);
    filter_job_clear(&job);
}

static void test_update_keeps_the_model_while_its_name_is_unchanged(void)
{
    filter_args a = args_for(model_path, "a2b");
    filter_job job = {0};
    CHECK(filter_job_update(&job, &a, NULL));
    const edcg_model *first = job.model;
    a.strength = 0.25;
    g_strlcpy(a.direction, "orange", sizeof a.direction);
    CHECK(filter_job_update(&job, &a, NULL));
    CHECK(job.model == first && job.options.strength == 0.25f && job.direction == EDCG_A_TO_B);
    a.strength = 7; /* invalid: the job is emptied, nothing stale is kept */
    CHECK(!filter_job_update(&job, &a, NULL));
    CHECK(job.model == NULL);
    filter_job_clear(&job);
}

int main(void)
{
    gegl_init(NULL, NULL);
    dir = test_dir_new();
    model_path = tiny_model_write(dir, "apple2orange", "apple", "orange");
    RUN_TEST(test_unknown_model_and_bad_direction_are_refused);
    RUN_TEST(test_output_equals_the_shared_cli_path_and_keeps_alpha);
    RUN_TEST(test_only_the_rectangle_is_written);
    RUN_TEST(test_8_16_and_32_bit_layers_give_the_same_pixels);
    RUN_TEST(test_progress_is_reported_and_cancel_leaves_the_output_untouched);
    RUN_TEST(test_a_run_that_does_not_fit_in_memory_is_refused_before_starting);
    RUN_TEST(test_update_keeps_the_model_while_its_name_is_unchanged);
    free(model_path);
    test_dir_free(dir);
    /* No gegl_exit(): it unloads GEGL's operations, and LeakSanitizer could
     * then not attribute their process-lifetime allocations (lsan.supp). */
    TEST_EXIT();
}
