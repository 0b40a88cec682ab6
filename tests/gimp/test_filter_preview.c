/* The dialog's preview: it translates only the area it shows, at the
 * scale the real run will use, and draws 8-bit pixels GimpPreview takes. */
#include <string.h>

#include "check.h"
#include "filter_preview.h"
#include "gegl_translate.h"
#include "tiny_model.h"

static edcg_model *model;

static void test_an_unscaled_run_previews_at_full_resolution(void)
{
    CHECK(filter_preview_work_size(model, 0, 6000, 4000, 200, 200) == 0);
    CHECK(filter_preview_work_size(model, 2048, 1000, 800, 200, 200) == 0);
}

static void test_a_scaled_run_previews_at_the_same_scale(void)
{
    /* The run: 4000 px at 1000 px, a quarter; the preview: 300 px at 75. */
    CHECK(filter_preview_work_size(model, 1000, 4000, 3000, 300, 200) == 75);
    /* Automatic: the model's own working size (1024 without train_size). */
    CHECK(edcg_model_default_work_size(model) == 1024);
    CHECK(filter_preview_work_size(model, EDCG_WORK_SIZE_AUTO, 8192, 4096, 256, 256) == 32);
}

static void test_the_engines_minimum_is_respected(void)
{
    CHECK(filter_preview_work_size(model, 64, 20000, 100, 200, 100) == 32);
    CHECK(filter_preview_work_size(model, 64, 20000, 100, 30, 30) == 0);
}

static void test_render_draws_the_translated_area_in_the_previews_format(void)
{
    enum { W = 48, H = 40 };
    const GeglRectangle whole = {0, 0, W, H}, area = {8, 4, 32, 24};
    GeglBuffer *layer = gegl_buffer_new(&whole, babl_format("R'G'B' u8"));
    static unsigned char px[W * H * 3];
    for (int i = 0; i < W * H * 3; i++)
        px[i] = (unsigned char)(i * 37 % 251);
    gegl_buffer_set(layer, &whole, 0, babl_format("R'G'B' u8"), px, GEGL_AUTO_ROWSTRIDE);

    filter_job job = {0};
    job.model = model;
    job.direction = EDCG_A_TO_B;
    edcg_translate_options_init(&job.options);
    static unsigned char got[32 * 24 * 3], want[32 * 24 * 3];
    GError *error = NULL;
    CHECK(filter_preview_render(&job, layer, &area, W, H, babl_format("R'G'B' u8"), got, &error));
    /* The same as translating that area alone at full resolution. */
    GeglBuffer *copy = gegl_buffer_dup(layer);
    CHECK(edcg_gegl_translate(model, EDCG_A_TO_B, copy, &area, copy, &job.options, NULL) == 0);
    gegl_buffer_get(copy, &area, 1.0, babl_format("R'G'B' u8"), want, GEGL_AUTO_ROWSTRIDE,
                    GEGL_ABYSS_NONE);
    CHECK(memcmp(got, want, sizeof got) == 0);
    job.model = NULL; /* borrowed */
    g_object_unref(copy);
    g_object_unref(layer);
}

int main(void)
{
    gegl_init(NULL, NULL);
    model = tiny_model_load();
    CHECK(model != NULL);
    if (model) {
        RUN_TEST(test_an_unscaled_run_previews_at_full_resolution);
        RUN_TEST(test_a_scaled_run_previews_at_the_same_scale);
        RUN_TEST(test_the_engines_minimum_is_respected);
        RUN_TEST(test_render_draws_the_translated_area_in_the_previews_format);
    }
    edcg_model_free(model);
    /* No gegl_exit(): it unloads GEGL's operations, and LeakSanitizer could
     * then not attribute their process-lifetime allocations (lsan.supp). */
    TEST_EXIT();
}
