#!/usr/bin/python3
"""Splits the change a translation makes into colour (what survives an 8x8 box average)
and detail (the rest), in 8-bit levels, averaged over a folder.
usage: change_bands.py IN_DIR OUT_DIR"""
import os
import sys

import numpy as np
from PIL import Image

K = 8


def rgb(path):
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float64)


def low(x):
    h, w = x.shape[0] // K * K, x.shape[1] // K * K
    return x[:h, :w].reshape(h // K, K, w // K, K, 3).mean(axis=(1, 3))


def high(x):
    h, w = x.shape[0] // K * K, x.shape[1] // K * K
    return x[:h, :w] - np.repeat(np.repeat(low(x), K, 0), K, 1)


def main(ind, outd):
    total, colour, detail = [], [], []
    for name in sorted(os.listdir(outd)):
        x, y = rgb(os.path.join(ind, name)), rgb(os.path.join(outd, name))
        total.append(np.abs(x - y).mean())
        colour.append(np.abs(low(x) - low(y)).mean())
        detail.append(np.abs(high(x) - high(y)).mean())
    if not total:
        sys.exit(f"change_bands.py: {outd}: no images")
    print(f"{len(total)} images: change {np.mean(total):.2f} levels, "
          f"colour (8x8 means) {np.mean(colour):.2f}, detail {np.mean(detail):.2f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    main(sys.argv[1], sys.argv[2])
