/* make_test_model: writes the tiny model the GIMP tests translate with
 * (ngf 4, one residual block, random weights, domains "apple" and
 * "orange"), so no test needs trained weights or the CLI.
 *
 *   make_test_model OUT.safetensors
 *
 * Random weights do not give an identity: the last convolution of each
 * decoder has no normalisation after it, so G(s) and ED(s) differ by tens
 * of 8-bit levels, and a filter that changed nothing would fail the tests. */
#include <stdio.h>

#include "edcg.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUT.safetensors\n", argv[0]);
        return 2;
    }
    edcg_error err = {{0}};
    edcg_arch arch;
    edcg_arch_default(&arch);
    arch.ngf = 4;
    arch.ndf = 4;
    arch.blocks = 1;
    edcg_model *model = edcg_model_new(&arch, 20260101, &err);
    edcg_save_options save = {EDCG_DTYPE_F32, 0};
    if (!model || edcg_model_set_meta(model, "domain_a", "apple", &err) ||
        edcg_model_set_meta(model, "domain_b", "orange", &err) ||
        edcg_model_set_meta(model, "train_size", "32", &err) ||
        edcg_model_save(model, argv[1], &save, &err)) {
        fprintf(stderr, "make_test_model: %s\n", err.message);
        edcg_model_free(model);
        return 1;
    }
    edcg_model_free(model);
    return 0;
}
