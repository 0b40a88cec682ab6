/* Model discovery for the dialog: the same search path as `edcg list`
 * ($EDCG_MODEL_PATH, then the user's data folder where `edcg train`
 * writes), directions shown with domain names, and domain names accepted
 * where "a2b"/"b2a" are. */
#include <string.h>

#include "check.h"
#include "filter_args.h"
#include "filter_job.h"
#include "filter_models.h"
#include "tiny_model.h"

static char *env_dir, *user_data;

/* A clean search path: EDCG_MODEL_PATH = env_dir, the user data folder is
 * user_data/edcyclegan/models; the system folder is whatever the build
 * says (tests do not write there). */
static void setup(void)
{
    env_dir = test_dir_new();
    user_data = test_dir_new();
    setenv("EDCG_MODEL_PATH", env_dir, 1);
    setenv("XDG_DATA_HOME", user_data, 1);
}

static int entry_named(const filter_models *m, const char *name)
{
    for (size_t i = 0; i < m->count; i++)
        if (strcmp(m->entries[i].name, name) == 0)
            return (int)i;
    return -1;
}

static void test_lists_the_models_on_the_search_path_with_their_domains(void)
{
    free(tiny_model_write(env_dir, "zebra2horse", "zebra", "horse"));
    free(tiny_model_write(env_dir, "apple2orange", "apple", "orange"));
    filter_models m;
    filter_models_load(&m);
    int a = entry_named(&m, "apple2orange"), z = entry_named(&m, "zebra2horse");
    CHECK(a >= 0 && z > a); /* sorted by name */
    if (a >= 0)
        CHECK(strcmp(m.entries[a].domain_a, "apple") == 0 &&
              strcmp(m.entries[a].domain_b, "orange") == 0);
    filter_models_clear(&m);
    CHECK(m.count == 0 && m.entries == NULL);
}

static void test_a_model_just_trained_into_the_user_folder_appears(void)
{
    char *dir = edcg_user_model_dir();
    CHECK(dir && strncmp(dir, user_data, strlen(user_data)) == 0);
    g_mkdir_with_parents(dir, 0755);
    char *path = tiny_model_write(dir, "summer2winter", "summer", "winter");
    filter_models m;
    filter_models_load(&m);
    int i = entry_named(&m, "summer2winter");
    CHECK(i >= 0);
    /* ...and a batch call can use it by name, as the dialog does. */
    filter_args args;
    filter_args_defaults(&args);
    g_strlcpy(args.model, "summer2winter", sizeof args.model);
    g_strlcpy(args.direction, "winter", sizeof args.direction);
    filter_job job;
    GError *error = NULL;
    CHECK(filter_job_prepare(&job, &args, &error));
    CHECK(job.direction == EDCG_A_TO_B && job.model_path && strcmp(job.model_path, path) == 0);
    filter_job_clear(&job);
    filter_models_clear(&m);
    remove(path);
    free(path);
    free(dir);
}

static void test_find_accepts_a_name_or_the_models_path(void)
{
    char *path = tiny_model_write(env_dir, "apple2orange", "apple", "orange");
    filter_models m;
    filter_models_load(&m);
    int i = filter_models_find(&m, "apple2orange");
    CHECK(i >= 0);
    CHECK(filter_models_find(&m, path) == i);
    CHECK(filter_models_find(&m, "/elsewhere/apple2orange.safetensors") == -1);
    CHECK(filter_models_find(&m, "") == -1 && filter_models_find(&m, NULL) == -1);
    filter_models_clear(&m);
    free(path);
}

static void test_directions_are_labelled_with_domain_names(void)
{
    edcg_model_entry e = {"apple2orange", "/x", "apple", "orange"};
    char *ab = filter_direction_label(&e, EDCG_A_TO_B), *ba = filter_direction_label(&e, EDCG_B_TO_A);
    CHECK(strcmp(ab, "apple -> orange") == 0);
    CHECK(strcmp(ba, "orange -> apple") == 0);
    g_free(ab);
    g_free(ba);
    CHECK(strcmp(filter_direction_id(EDCG_A_TO_B), "a2b") == 0);
    CHECK(strcmp(filter_direction_id(EDCG_B_TO_A), "b2a") == 0);
}

static void test_a_domain_name_means_translate_into_it(void)
{
    edcg_model_entry e = {"apple2orange", "/x", "apple", "orange"};
    edcg_direction d;
    CHECK(filter_direction_for_entry(&e, "orange", &d) && d == EDCG_A_TO_B);
    CHECK(filter_direction_for_entry(&e, "APPLE", &d) && d == EDCG_B_TO_A);
    CHECK(filter_direction_for_entry(&e, "A2B", &d) && d == EDCG_A_TO_B);
    CHECK(filter_direction_for_entry(&e, "b2a", &d) && d == EDCG_B_TO_A);
    CHECK(!filter_direction_for_entry(&e, "banana", &d));
    CHECK(!filter_direction_for_entry(&e, NULL, &d));
}

static void test_normalize_maps_the_configs_direction_onto_a2b_or_b2a(void)
{
    free(tiny_model_write(env_dir, "apple2orange", "apple", "orange"));
    filter_models m;
    filter_models_load(&m);
    CHECK(strcmp(filter_direction_normalize(&m, "apple2orange", "apple"), "b2a") == 0);
    CHECK(strcmp(filter_direction_normalize(&m, "apple2orange", "Orange"), "a2b") == 0);
    /* A model that is not installed: only the generic names are known. */
    CHECK(strcmp(filter_direction_normalize(&m, "/some/path.safetensors", "B2A"), "b2a") == 0);
    CHECK(filter_direction_normalize(&m, "/some/path.safetensors", "orange") == NULL);
    CHECK(filter_direction_normalize(&m, "apple2orange", "banana") == NULL);
    filter_models_clear(&m);
}

int main(void)
{
    setup();
    RUN_TEST(test_lists_the_models_on_the_search_path_with_their_domains);
    RUN_TEST(test_a_model_just_trained_into_the_user_folder_appears);
    RUN_TEST(test_find_accepts_a_name_or_the_models_path);
    RUN_TEST(test_directions_are_labelled_with_domain_names);
    RUN_TEST(test_a_domain_name_means_translate_into_it);
    RUN_TEST(test_normalize_maps_the_configs_direction_onto_a2b_or_b2a);
    test_dir_free(env_dir);
    /* user_data holds a subfolder: remove the empty tree bottom-up. */
    char *models = edcg_user_model_dir();
    rmdir(models);
    char *parent = g_path_get_dirname(models);
    rmdir(parent);
    g_free(parent);
    free(models);
    rmdir(user_data);
    free(user_data);
    TEST_EXIT();
}
