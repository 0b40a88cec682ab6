#include "exec.h"

#include <string.h>
#include <unistd.h>

#include "blas.h"

int exec_init(exec_ctx *e, int threads)
{
    memset(e, 0, sizeof *e);
    e->fast_conv = 1;
    if (threads <= 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cores > 0 ? (int)cores : 1;
    }
    if (threads > 1 && !(e->pool = thread_pool_new(threads)))
        return -1;
    return 0;
}

void exec_free(exec_ctx *e)
{
    thread_pool_free(e->pool);
    e->pool = NULL;
    filter_cache_free(e->filters);
    e->filters = NULL;
    fbuf_free(&e->scratch);
}

int exec_threads(const exec_ctx *e)
{
    return thread_pool_threads(e->pool);
}

void exec_run(exec_ctx *e, int n, pool_fn fn, void *arg)
{
    thread_pool_run(e->pool, n, fn, arg);
}

typedef struct gemm_job {
    int ta, tb, m, n, k, split_n;
    float alpha, beta;
    const float *a, *b;
    float *c;
    int lda, ldb, ldc;
} gemm_job;

/* Shares are counted in blocks of 16 rows or columns: whole AVX-512
 * vectors and cache lines for every thread's part of C. */
#define GEMM_BLOCK 16

static void gemm_share(void *arg, int part, int begin, int end)
{
    const gemm_job *j = arg;
    (void)part;
    if (j->split_n) {
        int n0 = begin * GEMM_BLOCK, n1 = end * GEMM_BLOCK < j->n ? end * GEMM_BLOCK : j->n;
        const float *b = j->tb ? j->b + (size_t)n0 * j->ldb : j->b + n0;
        blas_sgemm(j->ta, j->tb, j->m, n1 - n0, j->k, j->alpha, j->a, j->lda, b, j->ldb, j->beta,
                   j->c + n0, j->ldc);
    } else {
        int m0 = begin * GEMM_BLOCK, m1 = end * GEMM_BLOCK < j->m ? end * GEMM_BLOCK : j->m;
        const float *a = j->ta ? j->a + m0 : j->a + (size_t)m0 * j->lda;
        blas_sgemm(j->ta, j->tb, m1 - m0, j->n, j->k, j->alpha, a, j->lda, j->b, j->ldb, j->beta,
                   j->c + (size_t)m0 * j->ldc, j->ldc);
    }
}

void exec_sgemm(exec_ctx *e, int trans_a, int trans_b, int m, int n, int k, float alpha,
                const float *a, int lda, const float *b, int ldb, float beta, float *c,
                int ldc)
{
    if (m <= 0 || n <= 0)
        return;
    /* Split the larger side of C: each thread then packs only its own part
     * of the larger operand and reads the smaller one whole. */
    gemm_job j = {trans_a, trans_b, m, n, k, n >= m, alpha, beta, a, b, c, lda, ldb, ldc};
    int blocks = ((j.split_n ? n : m) + GEMM_BLOCK - 1) / GEMM_BLOCK;
    exec_run(e, blocks, gemm_share, &j);
}
