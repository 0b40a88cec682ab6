/* gradcheck.h: comparing analytic gradients with central finite differences.
 *
 * The loss is L = sum_i r_i * y_i with fixed random r, so dL/dy = r. Each
 * checked variable is nudged by +-step and the difference quotient compared
 * with the backward pass's value. The forward runs in float, so a step of
 * 1e-2 on values of order 1 balances truncation error (O(step^2) for smooth
 * layers) against float rounding of the loss (~1e-7 relative, divided by the
 * step). Tolerance: |analytic - numeric| <= 2e-3 + 2e-2 * |numeric|.
 *
 * ReLU makes the loss piecewise smooth: when a nudge moves some value across
 * zero, the quotient is off by O(1) however right the gradient is. So an
 * entry also passes if the quotient at a smaller step (1e-3, 3e-4) agrees:
 * crossing a kink gets ten times less likely with each, while a wrong
 * gradient disagrees at every step.
 */
#ifndef EDCG_GRADCHECK_H
#define EDCG_GRADCHECK_H

#include <stddef.h>

#include "check.h"
#include "rng.h"

#define GRADCHECK_ABS 2e-3
#define GRADCHECK_REL 2e-2

/* Returns L(current values) computed in double. */
typedef double (*gradcheck_loss_fn)(void *ctx);

static inline void fill_uniform(rng *r, float *x, size_t n, float lo, float hi)
{
    for (size_t i = 0; i < n; i++)
        x[i] = lo + (hi - lo) * (float)rng_uniform(r);
}

static inline double weighted_sum(const float *y, const float *r, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += (double)y[i] * r[i];
    return s;
}

typedef struct gradcheck_rule {
    const float *steps; /* tried in order until one agrees */
    int nsteps;
    double abs_tol, rel_tol;
    int allowed_misses;  /* per call: 0 for single layers */
} gradcheck_rule;

/* Checks `samples` entries of var (chosen by rng, or all when samples >= n)
 * against grad; returns the number of mismatches (also counted as CHECK
 * failures, printed with `what`). */
static inline int gradcheck_with(const gradcheck_rule *rule, const char *what,
                                 gradcheck_loss_fn loss, void *ctx, float *var,
                                 const float *grad, size_t n, size_t samples, rng *r)
{
    int bad = 0;
    size_t count = samples < n ? samples : n;
    for (size_t s = 0; s < count; s++) {
        size_t i = samples < n ? (size_t)rng_below(r, n) : s;
        const float *steps = rule->steps;
        double analytic = grad[i], numeric = 0.0;
        int agrees = 0;
        for (int k = 0; k < rule->nsteps && !agrees; k++) {
            float saved = var[i];
            var[i] = saved + steps[k];
            double up = loss(ctx);
            var[i] = saved - steps[k];
            double down = loss(ctx);
            var[i] = saved;
            /* The actual step after float rounding. */
            double h = (double)(saved + steps[k]) - (double)(saved - steps[k]);
            double q = (up - down) / h;
            if (k == 0)
                numeric = q;
            agrees = fabs(analytic - q) <= rule->abs_tol + rule->rel_tol * fabs(q);
        }
        if (!agrees) {
            fprintf(stderr, "  %s[%zu]: analytic %.6g, numeric %.6g\n", what, i, analytic,
                    numeric);
            bad++;
        }
    }
    CHECK_MSG(bad <= rule->allowed_misses, "%s: %d of %zu gradient entries differ", what, bad,
              count);
    return bad;
}

static inline int gradcheck(const char *what, gradcheck_loss_fn loss, void *ctx, float *var,
                            const float *grad, size_t n, size_t samples, rng *r)
{
    static const float steps[] = {1e-2f, 1e-3f, 3e-4f};
    const gradcheck_rule rule = {steps, 3, GRADCHECK_ABS, GRADCHECK_REL, 0};
    return gradcheck_with(&rule, what, loss, ctx, var, grad, n, samples, r);
}

#endif
