/* tiny_model.h: a small random model on disk for the filter's unit tests
 * (ngf 4, one block: fast to write, load and run). */
#ifndef EDCG_TEST_TINY_MODEL_H
#define EDCG_TEST_TINY_MODEL_H

#include <stdio.h>
#include <stdlib.h>

#include "edcg.h"
#include "testdir.h"

/* Writes DIR/NAME.safetensors with the two domain names (NULL: none);
 * returns its malloc'ed path, or exits on failure. */
static inline char *tiny_model_write(const char *dir, const char *name, const char *domain_a,
                                     const char *domain_b)
{
    edcg_error err = {{0}};
    edcg_arch arch;
    edcg_arch_default(&arch);
    arch.ngf = 4;
    arch.ndf = 4;
    arch.blocks = 1;
    char file[256];
    snprintf(file, sizeof file, "%s.safetensors", name);
    char *path = test_path(dir, file);
    edcg_model *m = edcg_model_new(&arch, 7, &err);
    edcg_save_options save = {EDCG_DTYPE_F32, 0};
    if (!m || (domain_a && edcg_model_set_meta(m, "domain_a", domain_a, &err)) ||
        (domain_b && edcg_model_set_meta(m, "domain_b", domain_b, &err)) ||
        edcg_model_save(m, path, &save, &err)) {
        fprintf(stderr, "tiny_model_write: %s\n", err.message);
        exit(2);
    }
    edcg_model_free(m);
    return path;
}

#endif
