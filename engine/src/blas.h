/* blas.h: the one GEMM the engine uses, from OpenBLAS loaded at run time.
 *
 * Why dlopen instead of linking: OpenBLAS picks its kernel in a library
 * constructor from OPENBLAS_CORETYPE or its own CPU table. Debian 12's 0.3.21
 * does not know recent Xeons and falls back to a generic kernel 5x slower.
 * Loading it ourselves lets the engine set OPENBLAS_CORETYPE from CPUID
 * first. The loaded library is process-wide by nature, so its handle is the
 * engine's only process-wide state, initialised once under pthread_once.
 */
#ifndef EDCG_BLAS_H
#define EDCG_BLAS_H

#include "edcg.h"

edcg_status blas_load(edcg_error *err);

/* Row-major C = alpha * op(A) * op(B) + beta * C; op(X) = X^T when trans_x. */
void blas_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha,
                const float *a, int lda, const float *b, int ldb, float beta,
                float *c, int ldc);

/* Threads inside one BLAS call: 1, as the engine parallelises itself. */
int blas_get_threads(void);
const char *blas_kernel_name(void);
const char *blas_library_name(void);
/* "avx512", "avx2", or "baseline": what the CPU and OS support. */
const char *blas_cpu_features(void);

#endif
