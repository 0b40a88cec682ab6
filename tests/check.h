/* check.h: a minimal test harness. Each test file is one executable; a
 * failed CHECK prints file:line and the expression, and the test exits 1. */
#ifndef EDCG_CHECK_H
#define EDCG_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int check_failures;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
            check_failures++;                                                \
        }                                                                    \
    } while (0)

#define CHECK_MSG(cond, ...)                                                 \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, \
                    #cond);                                                  \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
            check_failures++;                                                \
        }                                                                    \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                   \
    do {                                                                        \
        double check_a_ = (a), check_b_ = (b);                                  \
        if (!(fabs(check_a_ - check_b_) <= (tol))) {                            \
            fprintf(stderr, "%s:%d: CHECK_NEAR failed: %s = %.9g, %s = %.9g, " \
                    "tol %.3g\n", __FILE__, __LINE__, #a, check_a_, #b,         \
                    check_b_, (double)(tol));                                   \
            check_failures++;                                                   \
        }                                                                       \
    } while (0)

/* Runs one test function, printing its name, so the log reads as a spec. */
#define RUN_TEST(fn)                                   \
    do {                                               \
        int check_before_ = check_failures;            \
        fn();                                          \
        printf("%s %s\n",                              \
               check_failures == check_before_ ? "ok  " : "FAIL", #fn); \
    } while (0)

#define TEST_EXIT() return check_failures ? 1 : 0

#endif
