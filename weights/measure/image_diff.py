#!/usr/bin/python3
"""Mean and largest 8-bit difference between two folders of outputs with the same file
names: the translation of an F16 model file against its F32 original.
usage: image_diff.py DIR_A DIR_B"""
import numpy as np

from folders import from_argv, pairs


def main(a, b):
    means, largest = [], 0
    for _, x, y in pairs(b, a, np.int32):
        d = np.abs(x - y)
        means.append(d.mean())
        largest = max(largest, int(d.max()))
    print(f"{len(means)} images: mean {np.mean(means):.4f} levels, "
          f"worst image's mean {max(means):.4f}, largest pixel difference {largest}")


if __name__ == "__main__":
    main(*from_argv(__doc__))
