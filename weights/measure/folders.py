"""What the measurement scripts share: the two folders from the command line,
the images they hold under the same names, read as RGB arrays."""
import os
import sys

import numpy as np
from PIL import Image


def rgb(path, dtype=np.float64):
    return np.asarray(Image.open(path).convert("RGB"), dtype=dtype)


def from_argv(doc):
    """The two folders a script was given, or exit with its usage line."""
    if len(sys.argv) != 3:
        sys.exit(doc.strip().splitlines()[-1])
    return sys.argv[1], sys.argv[2]


def pairs(first, second, dtype=np.float64):
    """(name, image in `first`, image in `second`) for each file of `second`;
    exits naming `second` when it holds none."""
    names = sorted(os.listdir(second))
    if not names:
        sys.exit(f"{os.path.basename(sys.argv[0])}: {second}: no images")
    for name in names:
        yield name, rgb(os.path.join(first, name), dtype), rgb(os.path.join(second, name), dtype)
