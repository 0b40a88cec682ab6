#!/usr/bin/python3
"""The engine, PyTorch and ONNX Runtime side by side, in one run, on the same weights.

  /usr/bin/python3 bench/bench_side_by_side.py BUILD_DIR [--quick] [--pause PID]

Writes fresh weights with bench_engine (paper model, and the small training
configuration), then runs each measurement as its own process, engine,
PyTorch and ONNX Runtime alternately, and prints a Markdown table: seconds,
ratio, peak RSS; the temporary folder is removed at the end. The machine is
shared and noisy: compare the ratios within one run, not absolute times
across runs. Benchmarks never run in the test suite.

ONNX Runtime (inference rows only) runs when `node` is on PATH and
onnxruntime-node is installed in $EDCG_ORT_DIR/node_modules or
bench/ort/node_modules (see bench/README.md): the inference network is
exported from the same weights by export_onnx.py, checked against PyTorch on
a 64x64 input, then timed by bench_onnx.js. Otherwise one line says why it
is skipped and the table has no ONNX Runtime columns.

--pause PID stops process PID (SIGSTOP) while each measurement runs and lets
it continue (SIGCONT) after each one, also on errors and Ctrl-C: for a long
training run sharing the machine.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TORCH = [sys.executable, os.path.join(HERE, "bench_torch.py")]
EXPORT = [sys.executable, os.path.join(HERE, "export_onnx.py")]
ORT_JS = os.path.join(HERE, "bench_onnx.js")
PAUSE_PID = None


def signal_paused(sig):
    try:
        os.kill(PAUSE_PID, sig)
    except ProcessLookupError:  # it has finished meanwhile
        pass


def measure(cmd):
    """Runs one measurement process (with PAUSE_PID stopped) and returns its stdout."""
    if PAUSE_PID:
        signal_paused(signal.SIGSTOP)
    try:
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    finally:
        if PAUSE_PID:
            signal_paused(signal.SIGCONT)


def engine(build, args):
    out = measure([os.path.join(build, "bench", "bench_engine")] + args)
    secs = float(re.search(r"([0-9.]+) s ", out).group(1))
    rss = float(re.search(r"peak RSS +([0-9.]+) MiB", out).group(1))
    gflops = re.search(r"([0-9.]+) GFLOP/s", out)
    return secs, rss, float(gflops.group(1)) if gflops else None


def torch(args):
    secs, rss = measure(TORCH + args).split()
    return float(secs), float(rss)


def ort(node, model, args):
    secs, rss = measure([node, ORT_JS, model] + args).split()
    return float(secs), float(rss)


def ort_setup(tmp, weights):
    """(node, model, version) when ONNX Runtime can run, else (None, None, why not)."""
    node = shutil.which("node")
    where = "$EDCG_ORT_DIR/node_modules or bench/ort/node_modules"
    if not node:
        return None, None, "node is not on PATH (see bench/README.md)"
    r = subprocess.run([node, ORT_JS, "version"], capture_output=True, text=True)
    if r.returncode != 0:
        return None, None, "onnxruntime-node not found in %s (see bench/README.md)" % where
    version = r.stdout.split()[0]
    model = os.path.join(tmp, "paper.onnx")
    r = subprocess.run(EXPORT + [weights, model], capture_output=True, text=True)
    if r.returncode != 0:
        last = (r.stderr.strip().splitlines() or ["?"])[-1]
        return None, None, "export_onnx.py failed: %s" % last
    r = subprocess.run([node, ORT_JS, model, "2", "check"], capture_output=True, text=True)
    if r.returncode != 0 or float(r.stdout.split()[0]) > 1e-3:
        return None, None, "ONNX Runtime's output differs from PyTorch's: %s" % (
            r.stdout.strip() or r.stderr.strip())
    return node, model, version


def gmacs(size, ngf=64, blocks=9):
    f, p = ngf, size * size
    enc = p * 49 * 3 * f + p / 4 * 9 * f * 2 * f + p / 16 * 9 * 2 * f * 4 * f
    dec = p / 16 * 9 * 4 * f * 2 * f + p / 4 * 9 * 2 * f * f + p * 49 * f * 3
    return (enc + 2 * dec + blocks * 2 * p / 16 * 9 * 4 * f * 4 * f) / 1e9


def main():
    global PAUSE_PID
    args = sys.argv[1:]
    quick = "--quick" in args
    if quick:
        args.remove("--quick")
    if "--pause" in args:
        i = args.index("--pause")
        PAUSE_PID = int(args[i + 1])
        del args[i:i + 2]
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally clauses
    if len(args) != 1:
        sys.exit("usage: bench_side_by_side.py BUILD_DIR [--quick] [--pause PID]")
    build = args[0]
    tmp = tempfile.mkdtemp(prefix="edcg-bench-")
    try:
        run(build, quick, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(build, quick, tmp):
    big, small = os.path.join(tmp, "paper.safetensors"), os.path.join(tmp, "small.safetensors")
    subprocess.run([os.path.join(build, "bench", "bench_engine"), "save", big], check=True,
                   capture_output=True)
    subprocess.run([os.path.join(build, "bench", "bench_engine"), "save", small, "32", "6"],
                   check=True, capture_output=True)
    node, model, ort_version = ort_setup(tmp, big)
    if not node:
        print("ONNX Runtime skipped: %s" % ort_version)
    rows = []

    def row(what, e, t, work, o=None):
        cols = [what, "%.3f s, %.0f MiB" % e[:2]]
        for peer in (t, o) if node else (t,):
            cols.append("%.3f s, %.0f MiB" % peer if peer else "-")
            cols.append("%.2fx" % (peer[0] / e[0]) if peer else "-")
        rows.append("| %s |" % " | ".join(cols + [work]))

    sizes = [256, 512] if quick else [256, 512, 1024]
    for size in sizes:
        rep = "3" if size < 1024 else "2"
        for th in (1, 2):
            if th == 1 and size != 512:
                continue
            e = engine(build, ["--weights", big, "--threads", str(th), "infer", str(size), rep])
            t = torch([big, str(th), "infer", str(size), rep])
            o = ort(node, model, [str(th), "infer", str(size), rep]) if node else None
            g = 2 * gmacs(size)
            work = "%.0f GMAC; engine %.0f GFLOP/s, PyTorch %.0f GFLOP/s" % (g / 2, g / e[0],
                                                                           g / t[0])
            if o:
                work += ", ORT %.0f GFLOP/s" % (g / o[0])
            row("infer %dx%d, %d thread%s" % (size, size, th, "s" if th > 1 else ""), e, t,
                work, o)
    e = engine(build, ["--weights", big, "large", "6000", "4000"])
    row("6000x4000 layer, default settings (network at 1024x683)", e, None, "-")
    for size, batch, w, ngf, blocks in ((256, 1, big, 64, 9), (128, 4, small, 32, 6)):
        rep = "1" if quick else "2"
        e = engine(build, ["--weights", w, "train", str(size), str(batch), str(ngf), str(blocks),
                           rep])
        t = torch([w, "2", "train", str(size), str(batch), rep])
        row("train %d, batch %d, ngf %d, %d blocks" % (size, batch, ngf, blocks), e, t,
            "engine %.2f images/s, PyTorch %.2f images/s" % (batch / e[0], batch / t[0]))
    if node:
        print("| measurement | engine | PyTorch 1.13 | engine speed-up | ONNX Runtime %s | "
              "engine speed-up over ORT | work |" % ort_version)
        print("|---|---|---|---|---|---|---|")
    else:
        print("| measurement | engine | PyTorch 1.13 | engine speed-up | work |")
        print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
