/* Every model in weights/ loads and translates: both directions change a
 * test image (a model that returned its input would fail) and give the
 * per-channel means recorded in weights/<pair>.checksum within 1e-3, so a
 * damaged or swapped file cannot land. `test_shipped_models --write`
 * records the checksums when a model is (re)shipped. Exits 77 (skipped)
 * while weights/ holds no model. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "edcg.h"

#define W 96
#define H 64

/* A smooth, colourful test card: the same pixels on every machine. */
static void test_card(float *px)
{
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            float *p = px + (y * W + x) * 3;
            p[0] = 0.5f + 0.4f * sinf(0.09f * x);
            p[1] = 0.5f + 0.4f * sinf(0.11f * y + 1.0f);
            p[2] = 0.5f + 0.4f * sinf(0.05f * (x + y) + 2.0f);
        }
}

static int translate_means(const edcg_model *m, edcg_direction d, const float *in, double mean[3],
                           double *change)
{
    float *out = malloc(sizeof(float) * W * H * 3);
    edcg_image s = {(float *)in, W, H, 3, W * 3}, t = {out, W, H, 3, W * 3};
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    o.work_size = 0;
    edcg_error err;
    int rc = edcg_translate(m, d, &s, &t, &o, &err);
    CHECK_MSG(rc == EDCG_OK, "%s", err.message);
    mean[0] = mean[1] = mean[2] = 0.0;
    *change = 0.0;
    for (int i = 0; i < W * H * 3; i++) {
        mean[i % 3] += out[i] / (W * H);
        *change += fabsf(out[i] - in[i]) * 255.0 / (W * H * 3);
    }
    free(out);
    return rc;
}

static int check_model(const char *dir, const char *file, int write)
{
    char path[4096], sums[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    snprintf(sums, sizeof sums, "%s/%.*s.checksum", dir, (int)(strlen(file) - 12), file);
    edcg_error err;
    edcg_model *m = edcg_model_load(path, &err);
    CHECK_MSG(m != NULL, "%s", err.message);
    if (!m)
        return 1;
    float in[W * H * 3];
    test_card(in);
    double got[2][3], change[2];
    for (int d = 0; d < 2; d++) {
        translate_means(m, (edcg_direction)d, in, got[d], &change[d]);
        printf("  %s %s: mean change %.1f levels, means %.6f %.6f %.6f\n", file,
               d ? "b2a" : "a2b", change[d], got[d][0], got[d][1], got[d][2]);
        CHECK_MSG(change[d] > 1.0, "%s %s leaves the image almost unchanged", file, d ? "b2a" : "a2b");
    }
    FILE *f = fopen(sums, write ? "w" : "r");
    CHECK_MSG(f != NULL, "%s: missing (run test_shipped_models --write when shipping)", sums);
    for (int d = 0; d < 2 && f; d++) {
        if (write) {
            fprintf(f, "%.6f %.6f %.6f\n", got[d][0], got[d][1], got[d][2]);
            continue;
        }
        double want[3];
        CHECK(fscanf(f, "%lf %lf %lf", &want[0], &want[1], &want[2]) == 3);
        for (int c = 0; c < 3; c++)
            CHECK_MSG(fabs(want[c] - got[d][c]) < 1e-3, "%s %s channel %d: %.6f, recorded %.6f",
                      file, d ? "b2a" : "a2b", c, got[d][c], want[c]);
    }
    if (f)
        fclose(f);
    edcg_model_free(m);
    return 0;
}

int main(int argc, char **argv)
{
    int write = argc > 1 && strcmp(argv[1], "--write") == 0;
    DIR *d = opendir(WEIGHTS_DIR);
    struct dirent *e;
    int models = 0;
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n > 12 && strcmp(e->d_name + n - 12, ".safetensors") == 0) {
            check_model(WEIGHTS_DIR, e->d_name, write);
            models++;
        }
    }
    if (d)
        closedir(d);
    if (models == 0) {
        printf("no shipped models in %s yet: skipped\n", WEIGHTS_DIR);
        return 77;
    }
    TEST_EXIT();
}
