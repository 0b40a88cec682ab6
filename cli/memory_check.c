#include "memory_check.h"

#include <math.h>
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

static void fit(int w, int h, int side, int *fw, int *fh)
{
    int longest = w > h ? w : h;
    *fw = w;
    *fh = h;
    if (side > 0 && longest > side) {
        *fw = (int)lround((double)w * side / longest);
        *fh = (int)lround((double)h * side / longest);
        *fw = *fw < 1 ? 1 : *fw;
        *fh = *fh < 1 ? 1 : *fh;
    }
}

/* edcg_translate_memory always assumes the model's default working size,
 * so the network's share at another size is scaled from a size it answers
 * exactly (its memory grows with the pixel count). */
static double network_memory(const edcg_model *m, int ww, int wh)
{
    int sw, sh;
    fit(ww, wh, edcg_model_default_work_size(m), &sw, &sh);
    double exact = (double)edcg_translate_memory(m, sw, sh);
    return exact * ((double)ww * wh) / ((double)sw * sh);
}

double memory_needed_for_apply(const edcg_model *m, int width, int height, int work_size)
{
    int ws = work_size == EDCG_WORK_SIZE_AUTO ? edcg_model_default_work_size(m) : work_size;
    int ww, wh;
    fit(width, height, ws, &ww, &wh);
    double pixels = (double)width * height;
    /* RGBA float copy in edcg_gegl_translate, the output buffer, and the
     * engine's scaled copies when the working size is smaller. */
    return network_memory(m, ww, wh) + 2.0 * 16.0 * pixels + 24.0 * (double)ww * wh +
           12.0 * (double)ww * height;
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
