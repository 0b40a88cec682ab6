#include "memory_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long long memory_available(void)
{
    /* Lets the test suite see the refusal without a machine-sized image. */
    const char *fake = getenv("EDCG_TEST_MEM_AVAILABLE");
    if (fake && *fake)
        return atoll(fake);
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    long long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "MemAvailable: %lld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb >= 0 ? kb * 1024 : -1;
}

double memory_needed_for_apply(const edcg_model *m, int width, int height, int work_size)
{
    edcg_translate_options o;
    edcg_translate_options_init(&o);
    o.work_size = work_size;
    /* Plus the RGBA float copy in edcg_gegl_translate and the output buffer. */
    return (double)edcg_translate_memory_with(m, width, height, &o) +
           2.0 * 16.0 * (double)width * height;
}

static const char *format_bytes(double bytes, char *out, size_t size)
{
    if (bytes >= 1e9)
        snprintf(out, size, "%.1f GB", bytes / 1e9);
    else
        snprintf(out, size, "%.0f MB", bytes / 1e6);
    return out;
}

int memory_check_apply(const edcg_model *m, int width, int height, int work_size, char *why,
                       size_t why_size)
{
    double need = memory_needed_for_apply(m, width, height, work_size);
    long long avail = memory_available();
    if (avail < 0 || need <= (double)avail)
        return 0;
    char need_text[32], avail_text[32];
    snprintf(why, why_size,
             "%dx%d needs about %s at %s, but only %s of memory is available "
             "(use a smaller --work-size)", width, height,
             format_bytes(need, need_text, sizeof need_text),
             work_size == 0 ? "full resolution" : "this working size",
             format_bytes((double)avail, avail_text, sizeof avail_text));
    return -1;
}
