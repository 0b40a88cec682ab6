#include "bias.h"

void bias_backward(const float *dy, int channels, size_t plane, float *dbias)
{
    for (int c = 0; c < channels; c++) {
        const float *d = dy + c * plane;
        /* Eight independent sums (vectorised, and not one long chain of
         * dependent additions); in double, so the order hardly matters. */
        double s[8] = {0};
        size_t i = 0;
        for (; i + 8 <= plane; i += 8)
            for (int k = 0; k < 8; k++)
                s[k] += d[i + k];
        for (; i < plane; i++)
            s[i % 8] += d[i];
        double sum = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
        dbias[c] += (float)sum;
    }
}
