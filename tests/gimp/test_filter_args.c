/* The filter's arguments: defaults, the ranges a batch call must respect,
 * and which layers are refused, each with a message a user can act on. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "filter_args.h"
#include "filter_layer.h"
#include "filter_params.h"

static filter_args valid_args(void)
{
    filter_args a;
    filter_args_defaults(&a);
    g_strlcpy(a.model, "apple2orange", sizeof a.model);
    return a;
}

/* Returns the message of a refused set of arguments (caller frees). */
static char *refusal(const filter_args *a)
{
    GError *error = NULL;
    if (filter_args_validate(a, &error))
        return NULL;
    CHECK(error && error->domain == FILTER_ERROR && error->code == FILTER_ERROR_ARGUMENT);
    char *m = g_strdup(error->message);
    g_error_free(error);
    return m;
}

static void test_defaults_are_the_papers_model_at_automatic_resolution(void)
{
    filter_args a;
    filter_args_defaults(&a);
    CHECK(strcmp(a.direction, "a2b") == 0);
    CHECK(a.strength == 1.0 && a.edge_strength == 1.0 && a.work_size == -1);
    CHECK(a.model[0] == '\0');
}

static void test_a_model_and_a_direction_are_required(void)
{
    filter_args a = valid_args();
    CHECK(refusal(&a) == NULL);
    a.model[0] = '\0';
    char *m = refusal(&a);
    CHECK(m && strstr(m, "model"));
    g_free(m);
    a = valid_args();
    a.direction[0] = '\0';
    m = refusal(&a);
    CHECK(m && strstr(m, "a2b"));
    g_free(m);
}

static void test_strength_is_refused_outside_0_to_1(void)
{
    const double bad[] = {-0.01, 1.01, NAN, INFINITY};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        filter_args a = valid_args();
        a.strength = bad[i];
        char *m = refusal(&a);
        CHECK_MSG(m && strstr(m, "Strength"), "strength %g", bad[i]);
        g_free(m);
    }
    filter_args a = valid_args();
    a.strength = 0.0;
    CHECK(refusal(&a) == NULL);
}

static void test_edge_strength_is_refused_outside_0_to_2(void)
{
    filter_args a = valid_args();
    a.edge_strength = 2.5;
    char *m = refusal(&a);
    CHECK(m && strstr(m, "Edge strength 2.5"));
    g_free(m);
    a.edge_strength = 2.0;
    CHECK(refusal(&a) == NULL);
}

static void test_work_size_is_automatic_full_or_at_least_32(void)
{
    const int good[] = {-1, 0, FILTER_WORK_SIZE_MIN, 1024, FILTER_WORK_SIZE_MAX};
    const int bad[] = {-2, 1, FILTER_WORK_SIZE_MIN - 1, FILTER_WORK_SIZE_MAX + 1};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        filter_args a = valid_args();
        a.work_size = good[i];
        CHECK_MSG(refusal(&a) == NULL, "work size %d", good[i]);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        filter_args a = valid_args();
        a.work_size = bad[i];
        char *m = refusal(&a);
        CHECK_MSG(m && strstr(m, "-1 (automatic)"), "work size %d", bad[i]);
        g_free(m);
    }
}

static void test_too_long_strings_are_refused_not_cut(void)
{
    filter_args a;
    filter_args_defaults(&a);
    char longer[2048];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    GError *error = NULL;
    CHECK(!filter_args_set(&a, longer, "a2b", 1, 1, -1, &error));
    CHECK(error && strstr(error->message, "model"));
    g_clear_error(&error);
    CHECK(filter_args_set(&a, "m", NULL, 0.5, 1.5, 0, &error));
    CHECK(strcmp(a.model, "m") == 0 && a.direction[0] == '\0' && a.strength == 0.5 &&
          a.edge_strength == 1.5 && a.work_size == 0);
}

static void test_parameter_table_matches_the_pdb_names(void)
{
    CHECK(strcmp(filter_param(FILTER_PARAM_MODEL)->name, "model") == 0);
    CHECK(strcmp(filter_param(FILTER_PARAM_DIRECTION)->name, "direction") == 0);
    CHECK(strcmp(filter_param(FILTER_PARAM_STRENGTH)->name, "strength") == 0);
    CHECK(strcmp(filter_param(FILTER_PARAM_EDGE_STRENGTH)->name, "edge-strength") == 0);
    CHECK(strcmp(filter_param(FILTER_PARAM_WORK_SIZE)->name, "work-size") == 0);
    CHECK(filter_param(FILTER_PARAM_COUNT) == NULL);
}

static void test_grey_layers_and_groups_are_refused_with_advice(void)
{
    GError *error = NULL;
    CHECK(filter_check_layer(FALSE, TRUE, &error));
    CHECK(!filter_check_layer(FALSE, FALSE, &error));
    CHECK(error && error->code == FILTER_ERROR_IMAGE && strstr(error->message, "RGB"));
    g_clear_error(&error);
    CHECK(!filter_check_layer(TRUE, TRUE, &error));
    CHECK(error && strstr(error->message, "group"));
    g_clear_error(&error);
}

int main(void)
{
    RUN_TEST(test_defaults_are_the_papers_model_at_automatic_resolution);
    RUN_TEST(test_a_model_and_a_direction_are_required);
    RUN_TEST(test_strength_is_refused_outside_0_to_1);
    RUN_TEST(test_edge_strength_is_refused_outside_0_to_2);
    RUN_TEST(test_work_size_is_automatic_full_or_at_least_32);
    RUN_TEST(test_too_long_strings_are_refused_not_cut);
    RUN_TEST(test_parameter_table_matches_the_pdb_names);
    RUN_TEST(test_grey_layers_and_groups_are_refused_with_advice);
    TEST_EXIT();
}
