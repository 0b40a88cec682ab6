#!/usr/bin/python3
"""Reference SSIM and PSNR for tests/cli/test_metrics.c (run by hand, not by
the test suite): prints the expected numbers the C test holds.

SSIM: Wang, Bovik, Sheikh, Simoncelli 2004, as MATLAB's ssim and
skimage.metrics.structural_similarity(gaussian_weights=True, sigma=1.5,
use_sample_covariance=False, data_range=1, channel_axis=-1) compute it:
2-D 11x11 Gaussian window (sigma 1.5, normalised), K1=0.01, K2=0.03, L=1,
'valid' positions only, mean of the map, mean over channels. Written as a
direct (non-separable) 2-D weighted sum, unlike the C code's two passes.
The test images are the ones test_metrics.c builds, in float32.
Cross-check (when python3-skimage is installed): scikit-image 0.19.3 gives
the same values to 12 digits with the arguments above.

Usage: /usr/bin/python3 tests/cli/ssim_reference.py
"""
import numpy as np

W, H, C = 32, 24, 3


def base():
    y, x, c = np.meshgrid(np.arange(H), np.arange(W), np.arange(C), indexing="ij")
    return ((x * x + 3 * y * y + 5 * x * y + 17 * c) % 251 / 250.0).astype(np.float32)


def noisy(a):
    y, x, c = np.meshgrid(np.arange(H), np.arange(W), np.arange(C), indexing="ij")
    n = ((x * 31 + y * 17 + c * 7) % 81 - 40).astype(np.float32) / np.float32(255.0)
    return np.clip(a + n, 0.0, 1.0).astype(np.float32)


def contrast(a):
    return (a * np.float32(0.8) + np.float32(0.1)).astype(np.float32)


def window():
    g = np.exp(-((np.arange(11) - 5.0) ** 2) / (2 * 1.5 ** 2))
    w = np.outer(g, g)
    return w / w.sum()


def ssim_channel(a, b):
    w = window()
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    vals = []
    for y in range(a.shape[0] - 10):
        for x in range(a.shape[1] - 10):
            pa, pb = a[y:y + 11, x:x + 11], b[y:y + 11, x:x + 11]
            mx, my = (w * pa).sum(), (w * pb).sum()
            vx = (w * pa * pa).sum() - mx * mx
            vy = (w * pb * pb).sum() - my * my
            cxy = (w * pa * pb).sum() - mx * my
            c1, c2 = 0.01 ** 2, 0.03 ** 2
            vals.append((2 * mx * my + c1) * (2 * cxy + c2) /
                        ((mx * mx + my * my + c1) * (vx + vy + c2)))
    return np.mean(vals)


def ssim(a, b):
    return np.mean([ssim_channel(a[..., c], b[..., c]) for c in range(a.shape[2])])


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return 10 * np.log10(1.0 / mse)


a = base()
for name, b in (("noisy", noisy(a)), ("contrast", contrast(a))):
    print(f"{name}: ssim {ssim(a, b):.12f} psnr {psnr(a, b):.12f}")
