#include "thread_pool.h"

#include <pthread.h>
#include <stdlib.h>

struct thread_pool {
    int threads;
    pthread_t *workers;
    pthread_mutex_t lock;
    pthread_cond_t wake, done;
    unsigned long generation; /* bumped for each job; workers wait for a change */
    int pending;              /* workers still running the current job */
    int quit;
    pool_fn fn;
    void *arg;
    int n;
};

typedef struct worker_arg {
    thread_pool *p;
    int part;
} worker_arg;

static void run_share(thread_pool *p, int part)
{
    /* Shares differ by at most one item. */
    long n = p->n, t = p->threads;
    int begin = (int)(n * part / t), end = (int)(n * (part + 1) / t);
    if (end > begin)
        p->fn(p->arg, part, begin, end);
}

static void *worker_main(void *v)
{
    worker_arg *wa = v;
    thread_pool *p = wa->p;
    const int part = wa->part;
    free(wa);
    unsigned long seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->generation == seen && !p->quit)
            pthread_cond_wait(&p->wake, &p->lock);
        if (p->quit)
            break;
        seen = p->generation;
        pthread_mutex_unlock(&p->lock);
        run_share(p, part);
        pthread_mutex_lock(&p->lock);
        if (--p->pending == 0)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

thread_pool *thread_pool_new(int threads)
{
    thread_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->threads = threads < 1 ? 1 : threads;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    pthread_cond_init(&p->done, NULL);
    if (p->threads > 1 && !(p->workers = calloc((size_t)p->threads - 1, sizeof *p->workers))) {
        thread_pool_free(p);
        return NULL;
    }
    for (int i = 1; i < p->threads; i++) {
        worker_arg *wa = malloc(sizeof *wa);
        if (wa) {
            wa->p = p;
            wa->part = i;
        }
        if (!wa || pthread_create(&p->workers[i - 1], NULL, worker_main, wa)) {
            free(wa);
            p->threads = i; /* the ones started are joined by free */
            thread_pool_free(p);
            return NULL;
        }
    }
    return p;
}

void thread_pool_free(thread_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->quit = 1;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (int i = 1; i < p->threads && p->workers; i++)
        pthread_join(p->workers[i - 1], NULL);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->wake);
    pthread_cond_destroy(&p->done);
    free(p->workers);
    free(p);
}

int thread_pool_threads(const thread_pool *p)
{
    return p ? p->threads : 1;
}

void thread_pool_run(thread_pool *p, int n, pool_fn fn, void *arg)
{
    if (n <= 0)
        return;
    if (!p || p->threads == 1 || n == 1) {
        fn(arg, 0, 0, n);
        return;
    }
    pthread_mutex_lock(&p->lock);
    p->fn = fn;
    p->arg = arg;
    p->n = n;
    p->pending = p->threads - 1;
    p->generation++;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    run_share(p, 0);
    pthread_mutex_lock(&p->lock);
    while (p->pending)
        pthread_cond_wait(&p->done, &p->lock);
    pthread_mutex_unlock(&p->lock);
}
