#!/usr/bin/python3
"""PyTorch side of the side-by-side benchmark (developer tool, not shipped).

Runs one measurement in this process and prints one line, like
bench_engine, so that peak RSS (getrusage) belongs to that measurement only:

  bench_torch.py WEIGHTS THREADS infer SIZE REPEAT
  bench_torch.py WEIGHTS THREADS train SIZE BATCH REPEAT

The networks and the weight loader are tests/reference/edcg_reference.py's,
so both sides run the same safetensors file. Debian's python3-torch 1.13:
run with /usr/bin/python3. bench/bench_side_by_side.py calls this.
"""
import os
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "reference"))
import torch  # noqa: E402

import edcg_reference as ref  # noqa: E402


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def bench_infer(model, size, repeat):
    s = torch.rand(1, 3, size, size) * 2 - 1
    best = float("inf")
    with torch.no_grad():
        for _ in range(repeat):
            t0 = time.perf_counter()
            model.translate_nchw(s, "a2b", 1.0)
            best = min(best, time.perf_counter() - t0)
    return best


def bench_train(model, size, batch, repeat):
    trainer = ref.Trainer(model)
    a = torch.rand(batch, 3, size, size) * 2 - 1
    b = torch.rand(batch, 3, size, size) * 2 - 1
    best = float("inf")
    for r in range(repeat + 1):  # the first step allocates, as in bench_engine
        t0 = time.perf_counter()
        trainer.gan_step(a, b)
        dt = time.perf_counter() - t0
        if r > 0:
            best = min(best, dt)
    return best


def main():
    weights, threads, what = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    torch.set_num_threads(threads)
    model, _meta = ref.load_model(weights)
    if what == "infer":
        model.eval()
        t = bench_infer(model, int(sys.argv[4]), int(sys.argv[5]))
    else:
        t = bench_train(model, int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    print("%.4f %.0f" % (t, peak_rss_mib()))


if __name__ == "__main__":
    main()
