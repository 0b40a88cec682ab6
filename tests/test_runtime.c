/* The engine finds OpenBLAS by itself and, on a CPU with AVX-512 or AVX2,
 * runs its fast kernel rather than the generic one Debian 12's OpenBLAS
 * 0.3.21 falls back to on CPUs it does not know. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "edcg.h"

static void test_blas_loads_and_reports_its_kernel(void)
{
    /* Read before the engine loads BLAS, which sets it when the user did not. */
    const char *user_choice = getenv("OPENBLAS_CORETYPE");
    edcg_runtime_info info;
    edcg_error err;
    CHECK_MSG(edcg_runtime_get_info(&info, &err) == EDCG_OK, "%s", err.message);
    printf("  library %s, kernel %s, cpu %s, %d threads, %d cores\n", info.blas_library,
           info.blas_kernel, info.cpu_features, info.blas_threads, info.cores);
    CHECK(strcmp(info.blas_kernel, "unknown") != 0);
    if (user_choice) {
        printf("  OPENBLAS_CORETYPE=%s set by the user: kernel choice not checked\n", user_choice);
    } else {
        if (strcmp(info.cpu_features, "avx512") == 0)
            CHECK_MSG(strcmp(info.blas_kernel, "SkylakeX") == 0 ||
                      strcmp(info.blas_kernel, "Cooperlake") == 0 ||
                      strcmp(info.blas_kernel, "SapphireRapids") == 0,
                      "kernel %s on an AVX-512 CPU", info.blas_kernel);
        if (strcmp(info.cpu_features, "avx2") == 0)
            CHECK(strcmp(info.blas_kernel, "Prescott") != 0);
    }
}

int main(void)
{
    RUN_TEST(test_blas_loads_and_reports_its_kernel);
    TEST_EXIT();
}
