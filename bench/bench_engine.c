/* bench_engine.c: times the engine on the paper's default architecture.
 *
 *   bench_engine infer SIZE [REPEAT]      ED-Block + generator, full resolution
 *   bench_engine large W H                default working-resolution path
 *   bench_engine train SIZE BATCH [NGF BLOCKS] [REPEAT]   one ED-CycleGAN iteration
 *   bench_engine save FILE [NGF BLOCKS]   write fresh weights (for side-by-side runs)
 *   bench_engine --weights FILE ...       use a model file (for side-by-side runs)
 *   bench_engine --threads N ...          threads (default: one per core)
 *
 * Prints one line per measurement: what, seconds (best of REPEAT), GFLOP/s
 * of useful work where it is known, peak RSS. Benchmarks are run on
 * purpose, never in the test suite.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "edcg.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double peak_rss_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

/* Multiply-accumulates of ED-Block + generator (encoder shared, run once)
 * at h x w for the default widths: conv k*k*cin*cout per output pixel. */
static double infer_macs(const edcg_arch *a, int h, int w)
{
    double f = a->ngf, p = (double)h * w;
    double enc = p * (49 * 3 * f) + p / 4 * (9 * f * 2 * f) + p / 16 * (9 * 2 * f * 4 * f);
    double dec = p / 4 * (9 * 4 * f * 2 * f) + p * (9 * 2 * f * f) + p * (49 * f * 3);
    double res = a->blocks * 2 * p / 16 * (9 * 4 * f * 4 * f);
    return enc + 2 * dec + res;
}

static float *noise_image(int w, int h)
{
    float *p = malloc(sizeof(float) * 3 * (size_t)w * h);
    unsigned s = 12345;
    for (size_t i = 0; i < 3 * (size_t)w * h; i++) {
        s = s * 1103515245u + 12345u;
        p[i] = (float)((s >> 8) & 0xffff) / 65535.0f;
    }
    return p;
}

static edcg_model *get_model(const char *weights, const edcg_arch *arch)
{
    edcg_error err;
    edcg_model *m = weights ? edcg_model_load(weights, &err) : edcg_model_new(arch, 1, &err);
    if (!m) {
        fprintf(stderr, "bench: %s\n", err.message);
        exit(1);
    }
    return m;
}

static int threads; /* 0: one per core */
static float identity; /* --identity: the identity term's weight in training steps */

static int bench_infer(edcg_model *m, int w, int h, int repeat, int work_size, const char *what)
{
    float *img = noise_image(w, h), *out = malloc(sizeof(float) * 3 * (size_t)w * h);
    edcg_image s = {img, w, h, 3, (size_t)w * 3}, d = {out, w, h, 3, (size_t)w * 3};
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    o.work_size = work_size;
    o.threads = threads;
    edcg_error err;
    double best = 1e30;
    for (int r = 0; r < repeat; r++) {
        double t0 = now();
        if (edcg_translate(m, EDCG_A_TO_B, &s, &d, &o, &err)) {
            fprintf(stderr, "bench: %s\n", err.message);
            return 1;
        }
        double t = now() - t0;
        best = t < best ? t : best;
    }
    double gflops = work_size == 0 ? 2 * infer_macs(edcg_model_arch(m), h, w) / best / 1e9 : 0;
    printf("%-8s %5dx%-5d %8.3f s  %7.1f GFLOP/s  peak RSS %7.0f MiB\n", what, w, h, best,
           gflops, peak_rss_mib());
    free(img);
    free(out);
    return 0;
}

static int bench_train(edcg_model *m, int size, int batch, int repeat)
{
    edcg_train_config cfg;
    edcg_train_config_default(&cfg);
    cfg.threads = threads;
    cfg.lambda_identity = identity;
    edcg_trainer *t = edcg_trainer_new(m, &cfg, NULL);
    float *a = noise_image(size * batch, size), *b = noise_image(size * batch, size);
    for (size_t i = 0; i < 3 * (size_t)size * size * batch; i++) {
        a[i] = 2 * a[i] - 1;
        b[i] = 2 * b[i] - 1;
    }
    edcg_batch ba = {a, batch, size, size}, bb = {b, batch, size, size};
    edcg_error err;
    double best = 1e30;
    for (int r = 0; r < repeat + 1; r++) { /* the first step allocates */
        double t0 = now();
        if (edcg_trainer_gan_step(t, &ba, &bb, NULL, &err)) {
            fprintf(stderr, "bench: %s\n", err.message);
            return 1;
        }
        double dt = now() - t0;
        if (r > 0 && dt < best)
            best = dt;
    }
    printf("train    %5d b%-4d %8.3f s  %7.2f images/s  peak RSS %7.0f MiB\n", size, batch, best,
           batch / best, peak_rss_mib());
    edcg_trainer_free(t);
    free(a);
    free(b);
    return 0;
}

int main(int argc, char **argv)
{
    const char *weights = NULL;
    for (;;) {
        if (argc > 2 && strcmp(argv[1], "--weights") == 0)
            weights = argv[2];
        else if (argc > 2 && strcmp(argv[1], "--threads") == 0)
            threads = atoi(argv[2]);
        else if (argc > 2 && strcmp(argv[1], "--identity") == 0)
            identity = strtof(argv[2], NULL);
        else
            break;
        argv += 2;
        argc -= 2;
    }
    edcg_arch arch;
    edcg_arch_default(&arch);
    edcg_runtime_info info;
    edcg_error err;
    if (edcg_runtime_get_info(&info, &err)) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    fprintf(stderr, "BLAS %s (%s kernel), %d cores, engine threads %d\n", info.blas_library,
            info.blas_kernel, info.cores, threads ? threads : info.cores);
    if (argc >= 3 && strcmp(argv[1], "save") == 0) {
        if (argc >= 5) {
            arch.ngf = atoi(argv[3]);
            arch.blocks = atoi(argv[4]);
        }
        edcg_model *m = get_model(NULL, &arch);
        edcg_save_options so = {EDCG_DTYPE_F32, 1};
        if (edcg_model_save(m, argv[2], &so, &err)) {
            fprintf(stderr, "bench: %s\n", err.message);
            return 1;
        }
        edcg_model_free(m);
        return 0;
    }
    if (argc >= 3 && strcmp(argv[1], "infer") == 0) {
        edcg_model *m = get_model(weights, &arch);
        int size = atoi(argv[2]);
        return bench_infer(m, size, size, argc > 3 ? atoi(argv[3]) : 3, 0, "infer");
    }
    if (argc >= 4 && strcmp(argv[1], "large") == 0) {
        edcg_model *m = get_model(weights, &arch);
        return bench_infer(m, atoi(argv[2]), atoi(argv[3]), 1, EDCG_WORK_SIZE_AUTO, "large");
    }
    if (argc >= 4 && strcmp(argv[1], "train") == 0) {
        if (argc >= 6) {
            arch.ngf = atoi(argv[4]);
            arch.blocks = atoi(argv[5]);
        }
        edcg_model *m = get_model(weights, &arch);
        return bench_train(m, atoi(argv[2]), atoi(argv[3]), argc > 6 ? atoi(argv[6]) : 2);
    }
    fprintf(stderr, "usage: bench_engine [--weights FILE] [--threads N] [--identity X] infer SIZE [REPEAT] | "
                    "large W H | train SIZE BATCH [NGF BLOCKS [REPEAT]] | save FILE [NGF BLOCKS]\n");
    return 2;
}
