/* thread_pool.h: a small persistent pool of worker threads (internal).
 *
 * Owned by whoever runs a translation or a training step (through an
 * exec_ctx), never global: two GIMP previews or two trainers in one process
 * each have their own. Workers sleep on a condition variable between jobs,
 * so an idle pool costs nothing. OpenBLAS runs single-threaded inside the
 * workers; the pool is the engine's only source of parallelism.
 */
#ifndef EDCG_THREAD_POOL_H
#define EDCG_THREAD_POOL_H

typedef struct thread_pool thread_pool;

/* fn runs on [begin, end), a contiguous share of the job; `part` is the
 * share's index in [0, threads), for per-thread scratch. */
typedef void (*pool_fn)(void *arg, int part, int begin, int end);

/* threads: total, the caller's included (1: no workers are started).
 * Returns NULL when threads cannot be created. */
thread_pool *thread_pool_new(int threads);
void thread_pool_free(thread_pool *p);
int thread_pool_threads(const thread_pool *p);

/* Splits [0, n) into one contiguous share per thread (the caller runs the
 * first) and returns when every share is done. Not reentrant: fn must not
 * call thread_pool_run on the same pool. */
void thread_pool_run(thread_pool *p, int n, pool_fn fn, void *arg);

#endif
