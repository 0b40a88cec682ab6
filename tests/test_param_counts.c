/* The default architecture has exactly the parameter counts of the paper's
 * Table 1 (ED-Block 7.56e5, ED-CycleGAN 275.29e5, CycleGAN 282.86e5). */
#include "check.h"
#include "edcg.h"

static void test_default_architecture_matches_table_1(void)
{
    edcg_arch arch;
    edcg_arch_default(&arch);
    edcg_param_counts c;
    CHECK(edcg_arch_param_counts(&arch, &c, NULL) == EDCG_OK);
    CHECK(c.ed_block == 756739);
    CHECK(c.generator == 11378179);
    CHECK(c.discriminator == 2764737);
    CHECK(c.cyclegan_total == 28285832);
    CHECK(c.trainable == 27528840);
}

static void test_cyclegan_variant_trains_its_encoders(void)
{
    edcg_arch arch;
    edcg_arch_default(&arch);
    arch.variant = EDCG_VARIANT_CYCLEGAN;
    edcg_param_counts c;
    CHECK(edcg_arch_param_counts(&arch, &c, NULL) == EDCG_OK);
    CHECK(c.ed_block == 0);
    CHECK(c.generator == 11378179);
    CHECK(c.trainable == 28285832);
}

static void test_skip_variant_adds_no_parameters(void)
{
    edcg_arch arch;
    edcg_arch_default(&arch);
    arch.variant = EDCG_VARIANT_SKIP;
    edcg_param_counts c;
    CHECK(edcg_arch_param_counts(&arch, &c, NULL) == EDCG_OK);
    CHECK(c.cyclegan_total == 28285832);
}

static void test_model_tensors_add_up_to_the_counts(void)
{
    edcg_arch arch = {EDCG_VARIANT_ED, 8, 8, 2};
    edcg_param_counts c;
    CHECK(edcg_arch_param_counts(&arch, &c, NULL) == EDCG_OK);
    edcg_model *m = edcg_model_new(&arch, 1, NULL);
    CHECK(m != NULL);
    if (!m)
        return;
    int64_t total = 0;
    for (size_t i = 0; i < edcg_model_tensor_count(m); i++) {
        int64_t shape[4];
        int nd = edcg_model_tensor_at(m, i, NULL, shape);
        int64_t n = 1;
        for (int d = 0; d < nd; d++)
            n *= shape[d];
        total += n;
    }
    /* ED-Block + two generator bodies (no own encoders) + two discriminators. */
    CHECK(total == c.ed_block + 2 * (c.generator - c.encoder) + 2 * c.discriminator);
    edcg_model_free(m);
}

static void test_invalid_architecture_is_refused_with_a_message(void)
{
    edcg_arch arch = {EDCG_VARIANT_ED, 0, 64, 9};
    edcg_error err = {""};
    edcg_param_counts c;
    CHECK(edcg_arch_param_counts(&arch, &c, &err) == EDCG_ERR_INVALID);
    CHECK(err.message[0] != '\0');
    CHECK(edcg_model_new(&arch, 1, &err) == NULL);
}

int main(void)
{
    RUN_TEST(test_default_architecture_matches_table_1);
    RUN_TEST(test_cyclegan_variant_trains_its_encoders);
    RUN_TEST(test_skip_variant_adds_no_parameters);
    RUN_TEST(test_model_tensors_add_up_to_the_counts);
    RUN_TEST(test_invalid_architecture_is_refused_with_a_message);
    TEST_EXIT();
}
