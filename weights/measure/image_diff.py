#!/usr/bin/python3
"""Mean and largest 8-bit difference between two folders of outputs with the same file
names: the translation of an F16 model file against its F32 original.
usage: image_diff.py DIR_A DIR_B"""
import os
import sys

import numpy as np
from PIL import Image


def rgb(path):
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.int32)


def main(a, b):
    means, largest = [], 0
    for name in sorted(os.listdir(a)):
        d = np.abs(rgb(os.path.join(a, name)) - rgb(os.path.join(b, name)))
        means.append(d.mean())
        largest = max(largest, int(d.max()))
    if not means:
        sys.exit(f"image_diff.py: {a}: no images")
    print(f"{len(means)} images: mean {np.mean(means):.4f} levels, "
          f"worst image's mean {max(means):.4f}, largest pixel difference {largest}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    main(sys.argv[1], sys.argv[2])
