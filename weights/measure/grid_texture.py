#!/usr/bin/python3
"""The grid texture in a translation's change (output - input, luminance as the mean of
R, G, B): two stride-2 transposed convolutions leave a pattern with a period of 4 pixels.
For each image, the spectral power at the 15 frequencies of that period over the mean power
of the 48 frequencies around each (about 1 for a change without a grid, such as a blur),
and the RMS of the periodic part in 8-bit levels; both averaged over the folder.
usage: grid_texture.py IN_DIR OUT_DIR"""
import numpy as np

from folders import from_argv, pairs

PERIOD = 4
RADIUS = 3


def grid(change):
    h, w = change.shape[0] // PERIOD * PERIOD, change.shape[1] // PERIOD * PERIOD
    d = change[:h, :w] - change[:h, :w].mean()
    power = np.abs(np.fft.fft2(d)) ** 2
    ratios, peaks = [], 0.0
    around = (2 * RADIUS + 1) ** 2 - 1
    for ky in range(PERIOD):
        for kx in range(PERIOD):
            if ky == kx == 0:
                continue
            fy, fx = ky * h // PERIOD, kx * w // PERIOD
            ys = [(fy + i) % h for i in range(-RADIUS, RADIUS + 1)]
            xs = [(fx + j) % w for j in range(-RADIUS, RADIUS + 1)]
            near = (power[np.ix_(ys, xs)].sum() - power[fy, fx]) / around
            ratios.append(power[fy, fx] / near if near > 0 else float("inf"))
            peaks += power[fy, fx]
    # Parseval: a periodic part of RMS r puts (r * h * w)^2 into its peaks.
    return float(np.mean(ratios)), float(np.sqrt(peaks) / (h * w))


def main(ind, outd):
    ratios, rms = [], []
    for _, x, y in pairs(ind, outd):
        r, a = grid(y.mean(axis=2) - x.mean(axis=2))
        ratios.append(r)
        rms.append(a)
    print(f"{len(ratios)} images: grid power {np.mean(ratios):.1f}x its neighbourhood "
          f"(median {np.median(ratios):.1f}), periodic part {np.mean(rms):.2f} levels RMS")


if __name__ == "__main__":
    main(*from_argv(__doc__))
