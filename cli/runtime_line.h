/* runtime_line.h: one line saying what the engine runs on, printed by
 * `info` and at the start of `train`, so slow runs can be diagnosed. */
#ifndef EDCG_CLI_RUNTIME_LINE_H
#define EDCG_CLI_RUNTIME_LINE_H

#include <stddef.h>

/* "BLAS libopenblas.so.0, kernel SkylakeX (avx512), 2 threads on 2 cores",
 * for `threads` engine threads (0: one per core); returns 0, or -1 with the
 * engine's error in `out`. */
int runtime_line(char *out, size_t size, int threads);

/* 11378179 -> "11,378,179" */
const char *format_count(long long n, char *out, size_t size);

#endif
