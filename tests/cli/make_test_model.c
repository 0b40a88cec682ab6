/* make_test_model: an untrained model file for the CLI tests that need one
 * quickly (bad input, apply, info), through the engine's public API.
 *
 *   make_test_model OUT.safetensors [NGF BLOCKS [VARIANT]] */
#include <stdio.h>
#include <stdlib.h>

#include "edcg.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: make_test_model OUT [NGF BLOCKS [VARIANT]]\n");
        return 2;
    }
    edcg_arch arch;
    edcg_arch_default(&arch);
    arch.ngf = argc > 2 ? atoi(argv[2]) : 8;
    arch.ndf = 8;
    arch.blocks = argc > 3 ? atoi(argv[3]) : 1;
    if (argc > 4 && edcg_variant_parse(argv[4], &arch.variant)) {
        fprintf(stderr, "unknown variant %s\n", argv[4]);
        return 2;
    }
    edcg_error err;
    edcg_model *m = edcg_model_new(&arch, 7, &err);
    edcg_save_options so = {EDCG_DTYPE_F32, 0};
    if (!m || edcg_model_set_meta(m, "domain_a", "apple", &err) ||
        edcg_model_set_meta(m, "domain_b", "orange", &err) ||
        edcg_model_set_meta(m, "train_size", "32", &err) ||
        edcg_model_save(m, argv[1], &so, &err)) {
        fprintf(stderr, "make_test_model: %s\n", err.message);
        edcg_model_free(m);
        return 1;
    }
    edcg_model_free(m);
    return 0;
}
