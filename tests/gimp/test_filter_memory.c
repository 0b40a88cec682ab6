/* The memory check: a full-resolution run of a large layer is refused
 * with a message, an automatic-resolution run costs little beyond the
 * layer's own pixels, and the estimate is the engine's plus the copy of
 * the region the filter makes. */
#include <string.h>

#include "check.h"
#include "filter_args.h"
#include "filter_memory.h"
#include "tiny_model.h"

static edcg_model *model;

static guint64 needed(int work_size, int w, int h)
{
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    o.work_size = work_size;
    return filter_memory_needed(model, &o, w, h);
}

static void test_available_memory_is_known_on_linux(void)
{
    guint64 a = filter_memory_available();
    CHECK(a > ((guint64)16 << 20) && a != G_MAXUINT64);
}

static void test_the_estimate_is_the_engines_plus_the_regions_copy(void)
{
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    o.work_size = 0;
    const guint64 region = (guint64)3000 * 2000 * 16;
    CHECK(needed(0, 3000, 2000) == region + edcg_translate_memory_with(model, 3000, 2000, &o));
    /* Below the automatic working size, full and automatic runs are one. */
    CHECK(needed(0, 200, 150) == needed(EDCG_WORK_SIZE_AUTO, 200, 150));
}

static void test_full_resolution_grows_with_the_layer(void)
{
    guint64 small = needed(0, 2000, 1500), large = needed(0, 8000, 6000);
    /* 16 times the pixels: about 16 times the memory. */
    CHECK_MSG(large > 12 * small && large < 20 * small, "%llu vs %llu",
              (unsigned long long)large, (unsigned long long)small);
}

static void test_automatic_resolution_bounds_the_networks_memory(void)
{
    const guint64 a = needed(EDCG_WORK_SIZE_AUTO, 8000, 6000) - (guint64)8000 * 6000 * 16;
    const guint64 b = needed(EDCG_WORK_SIZE_AUTO, 16000, 12000) - (guint64)16000 * 12000 * 16;
    /* Only the downscale's row buffer grows (with the height). */
    CHECK(b < 2 * a);
    CHECK(needed(EDCG_WORK_SIZE_AUTO, 16000, 12000) < needed(0, 16000, 12000) / 2);
}

static void test_a_run_larger_than_available_is_refused_with_advice(void)
{
    GError *error = NULL;
    CHECK(filter_memory_check(100, 100, 0, &error));
    CHECK(!filter_memory_check((guint64)9 << 30, (guint64)8 << 30, 0, &error));
    CHECK(error && error->code == FILTER_ERROR_MEMORY && strstr(error->message, "9216 MiB") &&
          strstr(error->message, "8192 MiB") && strstr(error->message, "working resolution"));
    g_clear_error(&error);
    CHECK(!filter_memory_check(2, 1, -1, &error));
    CHECK(error && strstr(error->message, "smaller area"));
    g_clear_error(&error);
}

int main(void)
{
    model = tiny_model_load();
    CHECK(model != NULL);
    if (model) {
        RUN_TEST(test_available_memory_is_known_on_linux);
        RUN_TEST(test_the_estimate_is_the_engines_plus_the_regions_copy);
        RUN_TEST(test_full_resolution_grows_with_the_layer);
        RUN_TEST(test_automatic_resolution_bounds_the_networks_memory);
        RUN_TEST(test_a_run_larger_than_available_is_refused_with_advice);
    }
    edcg_model_free(model);
    TEST_EXIT();
}
