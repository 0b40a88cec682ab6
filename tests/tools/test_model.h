/* test_model.h: the small random models the tests translate with, written
 * through the engine's public API, so that no test needs trained weights.
 * One writer for the make_test_model program (the CLI and GIMP end-to-end
 * tests) and for the filter's unit tests (tests/gimp/tiny_model.h). */
#ifndef EDCG_TEST_MODEL_H
#define EDCG_TEST_MODEL_H

#include <stdbool.h>

#include "edcg.h"

typedef struct test_model_spec {
    int ngf;                         /* generator width; the discriminators get the same */
    int blocks;                      /* residual blocks */
    edcg_variant variant;
    const char *domain_a, *domain_b; /* NULL: the model names no domain */
    const char *train_size;          /* NULL: unknown, see edcg_model_default_work_size */
} test_model_spec;

/* The tiny model: ngf 4, one block, the default variant, domains "apple"
 * and "orange", trained at 32 px: fast to write, load and run. */
void test_model_spec_tiny(test_model_spec *spec);

/* Writes a model with fresh random weights (always the same ones for the
 * same spec) to `path`, in float32. Random weights do not give an
 * identity: the last convolution of each decoder has no normalisation
 * after it, so G(s) and ED(s) differ by tens of 8-bit levels, and a filter
 * that changed nothing fails the tests that translate with it. FALSE with
 * err->message on failure (no file then, or a partial one). */
bool test_model_write(const char *path, const test_model_spec *spec, edcg_error *err);

#endif
