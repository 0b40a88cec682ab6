/* exec.h: the execution context every layer runs in (internal).
 *
 * One per translation or trainer, passed down through the layers instead of
 * a bare scratch buffer: it owns the scratch memory and the thread pool, so
 * the engine keeps no global state and two callers never share threads.
 * A zero-initialised exec_ctx is valid: one thread, straightforward
 * convolutions.
 */
#ifndef EDCG_EXEC_H
#define EDCG_EXEC_H

#include "fbuf.h"
#include "filter_cache.h"
#include "param.h"
#include "thread_pool.h"

typedef struct exec_ctx {
    fbuf scratch;       /* column bands, Winograd transforms */
    thread_pool *pool;  /* NULL: everything on the caller's thread */
    int fast_conv;      /* 1: Winograd for 3x3 stride 1, tap planes for few outputs;
                           0: im2col + GEMM everywhere (the straightforward
                           reference the fast paths are tested against) */
    filter_cache *filters; /* NULL: filters are transformed on every call; the
                              trainer's context owns one (exec_free frees it) */
    /* Where backward passes accumulate weight gradients: NULL, into each
     * param's own grad; otherwise into this block, laid out like the block
     * grads_home (the params' grads) points into. A trainer lane sets it, so
     * images running in parallel never add into the same floats. */
    float *grads;
    const float *grads_home;
} exec_ctx;

/* The gradient buffer of p for backward passes in this context (NULL when p
 * is frozen). */
static inline float *exec_param_grad(const exec_ctx *e, const param *p)
{
    float *g = param_grad(p);
    return g && e->grads ? e->grads + (g - e->grads_home) : g;
}

/* threads <= 0: one per core. Fast convolutions on. Returns 0, or -1 when the
 * threads cannot be started (the context is then single-threaded but valid). */
int exec_init(exec_ctx *e, int threads);
void exec_free(exec_ctx *e);
int exec_threads(const exec_ctx *e);

/* Runs fn over [0, n) split across the context's threads. */
void exec_run(exec_ctx *e, int n, pool_fn fn, void *arg);

/* Row-major C = alpha op(A) op(B) + beta C, like blas_sgemm, split by
 * columns (or rows, when C is tall) into one single-threaded GEMM per thread. */
void exec_sgemm(exec_ctx *e, int trans_a, int trans_b, int m, int n, int k, float alpha,
                const float *a, int lda, const float *b, int ldb, float beta, float *c,
                int ldc);

#endif
