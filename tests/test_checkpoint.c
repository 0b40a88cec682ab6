/* Checkpoints: training interrupted after k steps and resumed from its
 * checkpoint ends bit-identical to an uninterrupted run (weights, Adam
 * moments, pools and the pool's RNG all restored); the caller's values
 * come back; a checkpoint of another architecture is refused untouched. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "edcg.h"
#include "model.h"
#include "synthetic.h"
#include "testdir.h"

#define N 2
#define S 32

static edcg_arch tiny(void)
{
    edcg_arch a = {EDCG_VARIANT_ED, 4, 4, 1};
    return a;
}

static edcg_train_config config(void)
{
    edcg_train_config c;
    edcg_train_config_default(&c);
    c.pool_size = 3; /* fills after 2 steps, so the pool's RNG matters */
    c.seed = 77;
    return c;
}

/* Runs steps [from, to) with data drawn from a generator seeded per step. */
static void train_steps(edcg_trainer *t, int from, int to)
{
    float *a = malloc(sizeof(float) * N * 3 * S * S), *b = malloc(sizeof(float) * N * 3 * S * S);
    for (int i = from; i < to; i++) {
        rng r;
        rng_seed(&r, 1000 + i);
        synthetic_batch(&r, 0, N, S, S, a);
        synthetic_batch(&r, 1, N, S, S, b);
        edcg_batch ba = {a, N, S, S}, bb = {b, N, S, S};
        if (i < 2) {
            CHECK(edcg_trainer_ed_step(t, &ba, NULL, NULL) == EDCG_OK);
        } else {
            edcg_trainer_set_epoch(t, 2, i);
            CHECK(edcg_trainer_gan_step(t, &ba, &bb, NULL, NULL) == EDCG_OK);
        }
    }
    free(a);
    free(b);
}

static int models_equal(const edcg_model *x, const edcg_model *y)
{
    for (size_t i = 0; i < x->nparams; i++)
        if (memcmp(x->params[i].data, y->params[i].data, sizeof(float) * x->params[i].numel))
            return 0;
    return 1;
}

static void test_resume_matches_uninterrupted_run(void)
{
    char *dir = test_dir_new();
    char *ckpt = test_path(dir, "ckpt.safetensors");
    edcg_arch arch = tiny();
    edcg_train_config c = config();
    c.epochs = 10;

    edcg_model *whole = edcg_model_new(&arch, 9, NULL);
    edcg_trainer *tw = edcg_trainer_new(whole, &c, NULL);
    train_steps(tw, 0, 9);

    edcg_model *first = edcg_model_new(&arch, 9, NULL);
    edcg_trainer *t1 = edcg_trainer_new(first, &c, NULL);
    train_steps(t1, 0, 5);
    const char *extra[] = {"epoch", "5", "data_rng", "0123abcd"};
    edcg_error err;
    CHECK_MSG(edcg_trainer_save(t1, ckpt, extra, 2, &err) == EDCG_OK, "%s", err.message);
    edcg_trainer_free(t1);
    edcg_model_free(first);

    /* A fresh process would start from a differently seeded model. */
    edcg_model *resumed = edcg_model_new(&arch, 12345, NULL);
    edcg_trainer *t2 = edcg_trainer_new(resumed, &c, NULL);
    CHECK_MSG(edcg_trainer_load(t2, ckpt, &err) == EDCG_OK, "%s", err.message);
    CHECK(edcg_trainer_get_extra(t2, "epoch") && strcmp(edcg_trainer_get_extra(t2, "epoch"), "5") == 0);
    CHECK(edcg_trainer_get_extra(t2, "data_rng") != NULL);
    CHECK(edcg_trainer_get_extra(t2, "missing") == NULL);
    train_steps(t2, 5, 9);
    CHECK(models_equal(whole, resumed));

    edcg_trainer_free(t2);
    edcg_model_free(resumed);
    edcg_trainer_free(tw);
    edcg_model_free(whole);
    free(ckpt);
    test_dir_free(dir);
}

static void test_checkpoint_of_another_architecture_is_refused_untouched(void)
{
    char *dir = test_dir_new();
    char *ckpt = test_path(dir, "ckpt.safetensors");
    edcg_arch arch = tiny();
    edcg_train_config c = config();
    edcg_model *m = edcg_model_new(&arch, 1, NULL);
    edcg_trainer *t = edcg_trainer_new(m, &c, NULL);
    CHECK(edcg_trainer_save(t, ckpt, NULL, 0, NULL) == EDCG_OK);

    arch.blocks = 2;
    edcg_model *other = edcg_model_new(&arch, 2, NULL), *copy = edcg_model_new(&arch, 2, NULL);
    edcg_trainer *to = edcg_trainer_new(other, &c, NULL);
    edcg_error err = {""};
    CHECK(edcg_trainer_load(to, ckpt, &err) == EDCG_ERR_FORMAT);
    CHECK(strstr(err.message, "1 blocks") != NULL && strstr(err.message, ckpt) != NULL);
    CHECK(models_equal(other, copy));

    edcg_trainer_free(to);
    edcg_trainer_free(t);
    edcg_model_free(other);
    edcg_model_free(copy);
    edcg_model_free(m);
    free(ckpt);
    test_dir_free(dir);
}

static void test_model_loads_from_a_checkpoint_without_trainer_state(void)
{
    char *dir = test_dir_new();
    char *ckpt = test_path(dir, "ckpt.safetensors");
    edcg_arch arch = tiny();
    edcg_train_config c = config();
    edcg_model *m = edcg_model_new(&arch, 3, NULL);
    CHECK(edcg_model_set_meta(m, "domain_a", "apple", NULL) == EDCG_OK);
    edcg_trainer *t = edcg_trainer_new(m, &c, NULL);
    train_steps(t, 0, 4);
    const char *extra[] = {"epoch", "1"};
    CHECK(edcg_trainer_save(t, ckpt, extra, 1, NULL) == EDCG_OK);
    edcg_error err;
    edcg_model *l = edcg_model_load(ckpt, &err);
    CHECK_MSG(l != NULL, "%s", err.message);
    if (l) {
        CHECK(models_equal(m, l));
        CHECK(strcmp(edcg_model_get_meta(l, "domain_a"), "apple") == 0);
        CHECK(edcg_model_get_meta(l, "trainer.rng") == NULL);
        CHECK(edcg_model_get_meta(l, "extra.epoch") == NULL);
    }
    /* A model file, though, is not a checkpoint. */
    char *model = test_path(dir, "model.safetensors");
    CHECK(edcg_model_save(m, model, NULL, NULL) == EDCG_OK);
    CHECK(edcg_trainer_load(t, model, &err) == EDCG_ERR_FORMAT);
    CHECK(strstr(err.message, "edcg-checkpoint") != NULL);
    edcg_model_free(l);
    edcg_trainer_free(t);
    edcg_model_free(m);
    free(ckpt);
    free(model);
    test_dir_free(dir);
}

static void test_truncated_checkpoint_is_refused_untouched(void)
{
    char *dir = test_dir_new();
    char *ckpt = test_path(dir, "ckpt.safetensors"), *cut = test_path(dir, "cut.safetensors");
    edcg_arch arch = tiny();
    edcg_train_config c = config();
    edcg_model *m = edcg_model_new(&arch, 1, NULL), *copy = edcg_model_new(&arch, 1, NULL);
    edcg_trainer *t = edcg_trainer_new(m, &c, NULL);
    train_steps(t, 0, 4);
    CHECK(edcg_trainer_save(t, ckpt, NULL, 0, NULL) == EDCG_OK);
    edcg_model *fresh = edcg_model_new(&arch, 1, NULL);
    edcg_trainer *tf = edcg_trainer_new(fresh, &c, NULL);
    test_copy_prefix(ckpt, cut, test_file_size(ckpt) - 100);
    CHECK(edcg_trainer_load(tf, cut, NULL) != EDCG_OK);
    CHECK(models_equal(fresh, copy));
    CHECK(test_count_files(dir) == 2); /* no temporary file left by the save */
    edcg_trainer_free(tf);
    edcg_trainer_free(t);
    edcg_model_free(fresh);
    edcg_model_free(copy);
    edcg_model_free(m);
    free(ckpt);
    free(cut);
    test_dir_free(dir);
}

int main(void)
{
    RUN_TEST(test_resume_matches_uninterrupted_run);
    RUN_TEST(test_checkpoint_of_another_architecture_is_refused_untouched);
    RUN_TEST(test_model_loads_from_a_checkpoint_without_trainer_state);
    RUN_TEST(test_truncated_checkpoint_is_refused_untouched);
    TEST_EXIT();
}
