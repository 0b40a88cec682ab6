#include "bias.h"

void bias_backward(const float *dy, int channels, size_t plane, float *dbias)
{
    for (int c = 0; c < channels; c++) {
        const float *d = dy + c * plane;
        double sum = 0.0;
        for (size_t i = 0; i < plane; i++)
            sum += d[i];
        dbias[c] += (float)sum;
    }
}
