/* make_test_model: writes a small random model for the tests that run a
 * program on one: the CLI tests (bad input, apply) and the GIMP end-to-end
 * tests, which compare the filter with `edcg apply` on it.
 *
 *   make_test_model OUT.safetensors [NGF BLOCKS [VARIANT]]
 *
 * Without NGF and BLOCKS: the tiny model of test_model_spec_tiny. */
#include <stdio.h>
#include <stdlib.h>

#include "test_model.h"

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 4 && argc != 5) {
        fprintf(stderr, "usage: %s OUT.safetensors [NGF BLOCKS [VARIANT]]\n", argv[0]);
        return 2;
    }
    test_model_spec spec;
    test_model_spec_tiny(&spec);
    if (argc >= 4) {
        spec.ngf = atoi(argv[2]);
        spec.blocks = atoi(argv[3]);
    }
    if (argc == 5 && edcg_variant_parse(argv[4], &spec.variant)) {
        fprintf(stderr, "make_test_model: unknown variant %s\n", argv[4]);
        return 2;
    }
    edcg_error err = {{0}};
    if (!test_model_write(argv[1], &spec, &err)) {
        fprintf(stderr, "make_test_model: %s\n", err.message);
        return 1;
    }
    return 0;
}
