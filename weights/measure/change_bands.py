#!/usr/bin/python3
"""Splits the change a translation makes into colour (what survives an 8x8 box average)
and detail (the rest), in 8-bit levels, averaged over a folder.
usage: change_bands.py IN_DIR OUT_DIR"""
import numpy as np

from folders import from_argv, pairs

K = 8


def low(x):
    h, w = x.shape[0] // K * K, x.shape[1] // K * K
    return x[:h, :w].reshape(h // K, K, w // K, K, 3).mean(axis=(1, 3))


def high(x):
    h, w = x.shape[0] // K * K, x.shape[1] // K * K
    return x[:h, :w] - np.repeat(np.repeat(low(x), K, 0), K, 1)


def main(ind, outd):
    total, colour, detail = [], [], []
    for _, x, y in pairs(ind, outd):
        total.append(np.abs(x - y).mean())
        colour.append(np.abs(low(x) - low(y)).mean())
        detail.append(np.abs(high(x) - high(y)).mean())
    print(f"{len(total)} images: change {np.mean(total):.2f} levels, "
          f"colour (8x8 means) {np.mean(colour):.2f}, detail {np.mean(detail):.2f}")


if __name__ == "__main__":
    main(*from_argv(__doc__))
