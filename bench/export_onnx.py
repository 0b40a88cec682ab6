#!/usr/bin/python3
"""Exports the network the benchmark times to ONNX (developer tool, not shipped).

  /usr/bin/python3 bench/export_onnx.py WEIGHTS OUT.onnx [--size N]

The network is the one bench_engine and bench_torch.py time for inference:
translation a2b with edge strength 1, out = clamp(G(s) + s - ED(s), -1, 1)
(EDCGModel.translate_nchw), loaded from the same safetensors file through
tests/reference/edcg_reference.py's load_model. Input "s" and output "out"
are float32 NCHW [1, 3, H, W] with H and W dynamic (multiples of 4), unless
--size N fixes them at N x N.

Also writes OUT.onnx.check: a 1x3x64x64 input followed by PyTorch's output on
it (raw little-endian float32), which `bench_onnx.js OUT.onnx check` compares
with ONNX Runtime's output. Write OUT somewhere temporary, not in the repo:
the model is about 50 MB. Debian's python3-torch 1.13: run with
/usr/bin/python3 (torch.onnx.export needs no onnx package).
"""
import os
import sys
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "reference"))
import torch  # noqa: E402

import edcg_reference as ref  # noqa: E402

CHECK_SIZE = 64


class Translate(torch.nn.Module):
    """EDCGModel.translate_nchw(s, "a2b", 1.0) as a module to trace.

    EDCGModel replaces nn.Module.state_dict (documented names), which the
    tracer cannot call, so the model is held outside the module tree and the
    submodules the translation uses are registered here instead (the same
    parameter objects)."""

    def __init__(self, model):
        super().__init__()
        object.__setattr__(self, "_model", model)
        self.encoder, self.ed_decoder, self.g_ab = model.encoder, model.ed_decoder, model.g_ab

    def forward(self, s):
        return self._model.translate_nchw(s, "a2b", 1.0)


def main():
    args = sys.argv[1:]
    size = None
    if "--size" in args:
        i = args.index("--size")
        size = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    weights, out = args
    torch.set_num_threads(min(2, os.cpu_count() or 1))
    model, _meta = ref.load_model(weights)
    if not model.arch.has_ed:
        sys.exit("%s: variant %s has no ED-Block; the benchmark times ed models"
                 % (weights, model.arch.variant))
    net = Translate(model).eval()
    dummy = torch.rand(1, 3, size or CHECK_SIZE, size or CHECK_SIZE) * 2 - 1
    dynamic = None if size else {"s": {2: "height", 3: "width"}, "out": {2: "height", 3: "width"}}
    with torch.no_grad(), warnings.catch_warnings():
        # Expected and harmless here: InstanceNorm without running statistics
        # exports as train=True (it normalises by the instance's statistics, as
        # in eval), and reflection padding's reversed slices are not folded.
        warnings.filterwarnings("ignore", message=".*(instance_norm|Constant folding).*")
        torch.onnx.export(net, (dummy,), out, input_names=["s"], output_names=["out"],
                          dynamic_axes=dynamic, opset_version=13, do_constant_folding=True)
        g = torch.Generator().manual_seed(1)
        s = torch.rand(1, 3, CHECK_SIZE, CHECK_SIZE, generator=g) * 2 - 1
        if size and size != CHECK_SIZE:
            s = torch.rand(1, 3, size, size, generator=g) * 2 - 1
        expect = net(s)
    with open(out + ".check", "wb") as f:
        f.write(s.contiguous().numpy().astype("<f4").tobytes())
        f.write(expect.contiguous().numpy().astype("<f4").tobytes())
    print("%s: %s, %s" % (out, "%dx%d" % (size, size) if size else "dynamic height and width",
                          "%.1f MB" % (os.path.getsize(out) / 1e6)))


if __name__ == "__main__":
    main()
