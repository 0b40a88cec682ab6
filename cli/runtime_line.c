#include "runtime_line.h"

#include <stdio.h>
#include <string.h>

#include "edcg.h"

int runtime_line(char *out, size_t size, int threads)
{
    edcg_error err;
    edcg_runtime_info info;
    if (edcg_runtime_init(&err) || edcg_runtime_get_info(&info, &err)) {
        snprintf(out, size, "%s", err.message);
        return -1;
    }
    /* The engine's own threads do the work; OpenBLAS runs single-threaded
     * inside each of them, so its thread count says nothing here. */
    if (threads <= 0)
        threads = info.cores;
    snprintf(out, size, "BLAS %s, kernel %s (%s), %d thread%s on %d core%s",
             info.blas_library ? info.blas_library : "?",
             info.blas_kernel ? info.blas_kernel : "?",
             info.cpu_features ? info.cpu_features : "?", threads, threads == 1 ? "" : "s",
             info.cores, info.cores == 1 ? "" : "s");
    return 0;
}

const char *format_count(long long n, char *out, size_t size)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n);
    size_t o = 0;
    if (n < 0 && o + 1 < size)
        out[o++] = '-';
    for (int i = 0; i < len && o + 1 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0 && o + 1 < size)
            out[o++] = ',';
        if (o + 1 < size)
            out[o++] = digits[i];
    }
    out[o] = '\0';
    return out;
}
