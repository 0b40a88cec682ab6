#define _GNU_SOURCE
#include "blas.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

/* CBLAS constants, so the engine needs no cblas.h at build time. */
enum { CBLAS_ROW_MAJOR = 101, CBLAS_NO_TRANS = 111, CBLAS_TRANS = 112 };

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int,
                         const float *, int, float, float *, int);
typedef void (*set_threads_fn)(int);
typedef int (*get_threads_fn)(void);
typedef char *(*corename_fn)(void);

static struct {
    pthread_once_t once;
    void *handle;
    const char *library;
    sgemm_fn sgemm;
    set_threads_fn set_threads;
    get_threads_fn get_threads;
    corename_fn corename;
    char error[400];
} blas_state = {PTHREAD_ONCE_INIT, NULL, NULL, NULL, NULL, NULL, NULL, ""};

const char *blas_cpu_features(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    /* libgcc/compiler-rt also check XCR0, so "avx512" means the OS saves
     * the ZMM registers too. */
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
        return "avx512";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return "avx2";
#endif
    return "baseline";
}

/* The OpenBLAS core whose kernels match the CPU's vector unit; NULL leaves
 * the choice to OpenBLAS (any CPU it knows, and non-x86 machines). */
static const char *coretype_for_cpu(void)
{
    const char *f = blas_cpu_features();
    if (strcmp(f, "avx512") == 0)
        return "SkylakeX";
    if (strcmp(f, "avx2") == 0)
        return "Haswell";
    return NULL;
}

static void blas_load_once(void)
{
    /* Only a choice the user did not make: an explicit OPENBLAS_CORETYPE wins. */
    const char *coretype = coretype_for_cpu();
    if (coretype && !getenv("OPENBLAS_CORETYPE"))
        setenv("OPENBLAS_CORETYPE", coretype, 0);

    const char *candidates[] = {getenv("EDCG_BLAS_LIBRARY"), "libopenblas.so.0",
                                "libopenblas.so", "libopenblasp.so.0"};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        if (!candidates[i] || !*candidates[i])
            continue;
        void *h = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
        if (!h)
            continue;
        sgemm_fn f = (sgemm_fn)(uintptr_t)dlsym(h, "cblas_sgemm");
        if (!f) {
            dlclose(h);
            continue;
        }
        blas_state.handle = h;
        blas_state.library = candidates[i];
        blas_state.sgemm = f;
        blas_state.set_threads = (set_threads_fn)(uintptr_t)dlsym(h, "openblas_set_num_threads");
        blas_state.get_threads = (get_threads_fn)(uintptr_t)dlsym(h, "openblas_get_num_threads");
        blas_state.corename = (corename_fn)(uintptr_t)dlsym(h, "openblas_get_corename");
        /* One thread inside each call: the engine's own pool (exec.h) splits
         * the work, and OpenBLAS's idle workers would otherwise spin
         * against it for the same cores. */
        if (blas_state.set_threads)
            blas_state.set_threads(1);
        return;
    }
    snprintf(blas_state.error, sizeof blas_state.error,
             "cannot load OpenBLAS (tried libopenblas.so.0: %s); install libopenblas0 "
             "or set EDCG_BLAS_LIBRARY", dlerror() ? dlerror() : "not found");
}

edcg_status blas_load(edcg_error *err)
{
    pthread_once(&blas_state.once, blas_load_once);
    if (blas_state.sgemm)
        return EDCG_OK;
    return edcg_fail(err, EDCG_ERR_RUNTIME, "%s", blas_state.error);
}

void blas_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha,
                const float *a, int lda, const float *b, int ldb, float beta,
                float *c, int ldc)
{
    blas_state.sgemm(CBLAS_ROW_MAJOR, trans_a ? CBLAS_TRANS : CBLAS_NO_TRANS,
                     trans_b ? CBLAS_TRANS : CBLAS_NO_TRANS, m, n, k, alpha, a, lda, b, ldb,
                     beta, c, ldc);
}

int blas_get_threads(void)
{
    return blas_state.get_threads ? blas_state.get_threads() : 1;
}

const char *blas_kernel_name(void)
{
    const char *name = blas_state.corename ? blas_state.corename() : NULL;
    return name ? name : "unknown";
}

const char *blas_library_name(void)
{
    return blas_state.library ? blas_state.library : "none";
}
