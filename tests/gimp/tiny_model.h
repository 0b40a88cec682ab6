/* tiny_model.h: the tiny test model (tests/tools/test_model.h) for the
 * filter's unit tests, on disk or loaded. These models name no training
 * size, so the automatic working resolution is the engine's default. */
#ifndef EDCG_TEST_TINY_MODEL_H
#define EDCG_TEST_TINY_MODEL_H

#include <stdio.h>
#include <stdlib.h>

#include "edcg.h"
#include "test_model.h"
#include "testdir.h"

/* Writes DIR/NAME.safetensors with the two domain names (NULL: none);
 * returns its malloc'ed path, or exits on failure. */
static inline char *tiny_model_write(const char *dir, const char *name, const char *domain_a,
                                     const char *domain_b)
{
    test_model_spec spec;
    test_model_spec_tiny(&spec);
    spec.domain_a = domain_a;
    spec.domain_b = domain_b;
    spec.train_size = NULL;
    char file[256];
    snprintf(file, sizeof file, "%s.safetensors", name);
    char *path = test_path(dir, file);
    edcg_error err = {{0}};
    if (!test_model_write(path, &spec, &err)) {
        fprintf(stderr, "tiny_model_write: %s\n", err.message);
        exit(2);
    }
    return path;
}

/* A tiny model with domains "a" and "b", loaded (the caller frees it), for
 * the tests that need one in memory only; NULL when it does not load. */
static inline edcg_model *tiny_model_load(void)
{
    char *dir = test_dir_new();
    char *path = tiny_model_write(dir, "m", "a", "b");
    edcg_model *model = edcg_model_load(path, NULL);
    free(path);
    test_dir_free(dir);
    return model;
}

#endif
