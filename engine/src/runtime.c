/* runtime.c: what the engine runs on, for users and bug reports. */
#include <string.h>
#include <unistd.h>

#include "blas.h"
#include "edcg.h"

#ifndef EDCG_VERSION
#define EDCG_VERSION "unknown"
#endif

const char *edcg_version(void)
{
    return EDCG_VERSION;
}

edcg_status edcg_runtime_init(edcg_error *err)
{
    return blas_load(err);
}

edcg_status edcg_runtime_get_info(edcg_runtime_info *info, edcg_error *err)
{
    edcg_status s = blas_load(err);
    if (s)
        return s;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    info->blas_library = blas_library_name();
    info->blas_kernel = blas_kernel_name();
    info->cpu_features = blas_cpu_features();
    info->blas_threads = blas_get_threads();
    info->cores = cores > 0 ? (int)cores : 1;
    return EDCG_OK;
}
