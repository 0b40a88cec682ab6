#!/usr/bin/python3
"""The engine and PyTorch side by side, in one run, on the same weights.

  /usr/bin/python3 bench/bench_side_by_side.py BUILD_DIR [--quick]

Writes fresh weights with bench_engine (paper model, and the small training
configuration), then runs each measurement as its own process, engine and
PyTorch alternately, and prints a Markdown table: seconds, ratio, peak RSS.
The machine is shared and noisy: compare the ratios within one run, not
absolute times across runs. Benchmarks never run in the test suite.
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TORCH = [sys.executable, os.path.join(HERE, "bench_torch.py")]


def engine(build, args):
    out = subprocess.run([os.path.join(build, "bench", "bench_engine")] + args,
                         check=True, capture_output=True, text=True).stdout
    secs = float(re.search(r"([0-9.]+) s ", out).group(1))
    rss = float(re.search(r"peak RSS +([0-9.]+) MiB", out).group(1))
    gflops = re.search(r"([0-9.]+) GFLOP/s", out)
    return secs, rss, float(gflops.group(1)) if gflops else None


def torch(args):
    out = subprocess.run(TORCH + args, check=True, capture_output=True, text=True).stdout
    secs, rss = out.split()
    return float(secs), float(rss)


def gmacs(size, ngf=64, blocks=9):
    f, p = ngf, size * size
    enc = p * 49 * 3 * f + p / 4 * 9 * f * 2 * f + p / 16 * 9 * 2 * f * 4 * f
    dec = p / 16 * 9 * 4 * f * 2 * f + p / 4 * 9 * 2 * f * f + p * 49 * f * 3
    return (enc + 2 * dec + blocks * 2 * p / 16 * 9 * 4 * f * 4 * f) / 1e9


def main():
    build = sys.argv[1]
    quick = "--quick" in sys.argv
    tmp = tempfile.mkdtemp(prefix="edcg-bench-")
    big, small = os.path.join(tmp, "paper.safetensors"), os.path.join(tmp, "small.safetensors")
    subprocess.run([os.path.join(build, "bench", "bench_engine"), "save", big], check=True,
                   capture_output=True)
    subprocess.run([os.path.join(build, "bench", "bench_engine"), "save", small, "32", "6"],
                   check=True, capture_output=True)
    rows = []

    def row(what, e, t, work):
        ratio = "%.2fx" % (t[0] / e[0]) if t else "-"
        tcol = "%.3f s, %.0f MiB" % t if t else "-"
        rows.append("| %s | %.3f s, %.0f MiB | %s | %s | %s |" % (what, e[0], e[1], tcol, ratio,
                                                                  work))

    sizes = [256, 512] if quick else [256, 512, 1024]
    for size in sizes:
        rep = "3" if size < 1024 else "2"
        for th in (1, 2):
            if th == 1 and size != 512:
                continue
            e = engine(build, ["--weights", big, "--threads", str(th), "infer", str(size), rep])
            t = torch([big, str(th), "infer", str(size), rep])
            g = 2 * gmacs(size)
            row("infer %dx%d, %d thread%s" % (size, size, th, "s" if th > 1 else ""), e, t,
                "%.0f GMAC; engine %.0f GFLOP/s, PyTorch %.0f GFLOP/s"
                % (g / 2, g / e[0], g / t[0]))
    e = engine(build, ["--weights", big, "large", "6000", "4000"])
    row("6000x4000 layer, default settings (network at 1024x683)", e, None, "-")
    for size, batch, w, ngf, blocks in ((256, 1, big, 64, 9), (128, 4, small, 32, 6)):
        rep = "1" if quick else "2"
        e = engine(build, ["--weights", w, "train", str(size), str(batch), str(ngf), str(blocks),
                           rep])
        t = torch([w, "2", "train", str(size), str(batch), rep])
        row("train %d, batch %d, ngf %d, %d blocks" % (size, batch, ngf, blocks), e, t,
            "engine %.2f images/s, PyTorch %.2f images/s" % (batch / e[0], batch / t[0]))
    print("| measurement | engine | PyTorch 1.13 | engine speed-up | work |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
