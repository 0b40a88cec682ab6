"""Regenerates the reference fixtures the C tests read (developer tool).

    /usr/bin/python3 tests/reference/make_fixtures.py tests/fixtures

For each fixture NAME it writes NAME.model.safetensors (the initial weights,
discriminators included, named per docs/weights-format.md) and
NAME.io.safetensors (inputs and expected outputs; see README.md). Every run
gives the same files (fixed seeds, float32, CPU, 2 threads) up to PyTorch's
own run-to-run determinism, and verifies them before it finishes:
  - the stored gradients equal torch.autograd.grad of an independently
    written loss, and agree with float64 finite differences;
  - the stored step1 parameters equal a hand-written Adam step;
  - frozen parameters did not move;
  - every written file reads back identically with our own reader, and the
    model file alone reproduces the forward outputs;
  - the paper's parameter counts hold for the default architecture.
"""

import os
import sys
from collections import OrderedDict

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import edcg_reference as ref  # noqa: E402

SEED = 20240501          # one seed for all fixtures: ed, ed-tedge and ed_log share
                         # initial weights and inputs, which the checks exploit
INIT_STD = 0.1           # weights AND biases ~ N(0, 0.1) (nonzero biases on purpose)
NGF, NDF, BLOCKS = 4, 4, 2
N, H, W = 2, 48, 48
IMAGE_H, IMAGE_W = 30, 27   # translation test image (not multiples of 4)
LR, BETAS, EPS, LAMBDA, POOL = 2e-4, (0.5, 0.999), 1e-8, 10.0, 50

# name, variant, GAN loss, translation + ED phase, step2.* parameters,
# identity weight (loss.step2 is written for every fixture; the parameters
# after step 2 only for ref_ed, to keep the files small).
FIXTURES = [
    ("ref_ed",           "ed",       "lsgan", True,  True,  0.0),
    ("ref_ed_tedge",     "ed-tedge", "lsgan", True,  False, 0.0),
    ("ref_cyclegan",     "cyclegan", "lsgan", True,  False, 0.0),
    ("ref_skip",         "skip",     "lsgan", True,  False, 0.0),
    ("ref_ed_log",       "ed",       "log",   False, False, 0.0),
    ("ref_ed_idt",       "ed",       "lsgan", False, False, 0.5),
    ("ref_cyclegan_idt", "cyclegan", "lsgan", False, False, 0.5),
]


def uniform(gen, shape, lo, hi):
    return torch.rand(shape, generator=gen) * (hi - lo) + lo


def fresh_model(arch, state):
    m = ref.EDCGModel(arch)
    m.load_state_dict(state)
    return m


def generate(name, variant, gan_loss, with_ed_and_translation, with_step2, identity):
    arch = ref.Arch(variant, NGF, NDF, BLOCKS)
    gen = torch.Generator().manual_seed(SEED)
    torch.manual_seed(SEED)

    # Draw order is fixed whatever gets written: weights (documented name
    # order), a, b, a2, b2, ed.input, image.in.
    model = ref.EDCGModel(arch)
    ref.init_normal_(model, INIT_STD, gen)
    init = model.state_dict()
    a, b, a2, b2 = (uniform(gen, (N, 3, H, W), -1.0, 1.0) for _ in range(4))
    ed_input = uniform(gen, (N, 3, H, W), -1.0, 1.0)
    image_in = uniform(gen, (IMAGE_H, IMAGE_W, 3), 0.0, 1.0)

    io = OrderedDict()
    io["input.a"], io["input.b"], io["input.a2"], io["input.b2"] = a, b, a2, b2

    # Forward with the initial weights.
    with torch.no_grad():
        if arch.has_ed:
            io["fwd.ed_a"] = model.ed(a)
            io["fwd.edge_a"] = a - io["fwd.ed_a"]
        io["fwd.g_ab_a"] = model.g_ab(a)
        io["fwd.g_ba_b"] = model.g_ba(b)
        io["fwd.d_a_a"] = model.d_a(a)
        io["fwd.d_b_b"] = model.d_b(b)

    if with_ed_and_translation:
        io["image.in"] = image_in
        io["image.a2b_k1"] = ref.translate_hwc(model, image_in, "a2b", 1.0)
        io["image.b2a_k05"] = ref.translate_hwc(model, image_in, "b2a", 0.5)
        io["image.cycle_a"] = ref.cycle_hwc(model, image_in, "a2b")

    # Phase 2: two GAN steps from the initial weights.
    gm = fresh_model(arch, init)
    trainer = ref.Trainer(gm, gan_loss=gan_loss, lambda_cyc=LAMBDA, pool_size=POOL,
                          lr=LR, betas=BETAS, eps=EPS, seed=SEED, lambda_identity=identity)
    losses1, g_grads, d_grads = trainer.gan_step(a, b)
    io["loss.step1"] = losses1
    if identity > 0:
        io["loss.identity1"] = trainer.last_identity
    for n, g in list(g_grads.items()) + list(d_grads.items()):
        io["grad." + n] = g
    step1 = gm.state_dict()
    for n, t in step1.items():
        io["step1." + n] = t
    losses2, _, _ = trainer.gan_step(a2, b2)
    assert len(trainer.pool_a.images) == 2 * N < POOL
    step2 = gm.state_dict()
    io["loss.step2"] = losses2
    if identity > 0:
        io["loss.identity2"] = trainer.last_identity
    if with_step2:
        for n, t in step2.items():
            io["step2." + n] = t

    # Phase 1: one ED step from the initial weights (independent of phase 2).
    ed_loss = ed_grads = ed_step1 = None
    if arch.has_ed:
        em = fresh_model(arch, init)
        ed_trainer = ref.Trainer(em, gan_loss=gan_loss, lr=LR, betas=BETAS, eps=EPS)
        ed_loss, ed_grads = ed_trainer.ed_step(ed_input)
        ed_step1 = em.state_dict()
        if with_ed_and_translation:
            io["ed.input"] = ed_input
            io["ed.loss"] = ed_loss.reshape(1)
            for n, g in ed_grads.items():
                io["ed.grad." + n] = g
            for n in em.ed_param_names():
                io["ed.step1." + n] = ed_step1[n]
        # ED step leaves the rest alone.
        for n, t in ed_step1.items():
            if n not in ed_grads:
                assert torch.equal(t, init[n]), n

    model_meta = OrderedDict([
        ("format", "edcg-model"), ("format_version", "1"), ("variant", variant),
        ("ngf", str(NGF)), ("ndf", str(NDF)), ("blocks", str(BLOCKS)),
        ("domain_a", "a"), ("domain_b", "b"), ("train_size", str(H)),
    ])
    io_meta = OrderedDict([
        ("format", "edcg-reference-io"), ("variant", variant), ("gan_loss", gan_loss),
        ("ngf", str(NGF)), ("ndf", str(NDF)), ("blocks", str(BLOCKS)),
        ("lambda_cyc", "10"), ("lr", "0.0002"), ("beta1", "0.5"), ("beta2", "0.999"),
        ("adam_eps", "1e-8"), ("pool_size", str(POOL)), ("init_std", str(INIT_STD)),
        ("seed", str(SEED)), ("edge_strength_a2b", "1"), ("edge_strength_b2a", "0.5"),
        ("loss_fields", ",".join(ref.GAN_LOSS_FIELDS)),
        ("zero_grad_biases", ",".join(biases_before_instance_norm(arch))),
        ("generator", "tests/reference/make_fixtures.py, torch " + torch.__version__),
    ])
    if identity > 0:  # only then, so that the other fixtures keep their bytes
        io_meta["lambda_identity"] = "%g" % identity
    record = dict(arch=arch, gan_loss=gan_loss, identity=identity, init=init, a=a, b=b, a2=a2, b2=b2,
                  g_grads=g_grads, d_grads=d_grads, losses1=losses1, losses2=losses2,
                  step1=step1, step2=step2, ed_input=ed_input, ed_loss=ed_loss,
                  ed_grads=ed_grads, ed_step1=ed_step1, io=io)
    return init, model_meta, io, io_meta, record


# ---------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------

def spec_losses(m, arch, gan_loss, a, b, identity=0.0):
    """The phase-2 losses written straight from the spec, independently of
    Trainer: returns (g_total, fake_a, fake_b, [4 terms], [2 identity terms]).
    The identity terms are written the way the C engine computes them
    (G(real) against ED(real)); Trainer compares G(real) + edge with real."""
    def real(p):
        if gan_loss == "lsgan":
            return ((p - 1) ** 2).mean()
        return torch.nn.functional.binary_cross_entropy_with_logits(p, torch.ones_like(p))

    def ED(x):
        return m.ed_decoder(m.encoder(x)[2])

    if arch.variant in ("ed", "ed-tedge"):
        with torch.no_grad():
            ea, eb = a - ED(a), b - ED(b)
        fb, fa = m.g_ab(a) + ea, m.g_ba(b) + eb
        if arch.variant == "ed":
            ra, rb = m.g_ba(fb) + ea, m.g_ab(fa) + eb
        else:
            ra, rb = m.g_ba(fb) + fb - ED(fb), m.g_ab(fa) + fa - ED(fa)
    else:
        fb, fa = m.g_ab(a), m.g_ba(b)
        ra, rb = m.g_ba(fb), m.g_ab(fa)
    terms = [real(m.d_b(fb)), real(m.d_a(fa)), (ra - a).abs().mean(), (rb - b).abs().mean()]
    g_total = terms[0] + terms[1] + 10.0 * (terms[2] + terms[3])
    idt = []
    if identity > 0:
        with torch.no_grad():
            want_a, want_b = (ED(a), ED(b)) if arch.variant in ("ed", "ed-tedge") else (a, b)
        idt = [(m.g_ab(b) - want_b).abs().mean(), (m.g_ba(a) - want_a).abs().mean()]
        g_total = g_total + identity * 10.0 * (idt[0] + idt[1])
    return g_total, fa, fb, terms, idt


def spec_d_loss(m, gan_loss, a, b, fa, fb):
    def real(p):
        if gan_loss == "lsgan":
            return ((p - 1) ** 2).mean()
        return torch.nn.functional.binary_cross_entropy_with_logits(p, torch.ones_like(p))

    def fake(p):
        if gan_loss == "lsgan":
            return (p ** 2).mean()
        return torch.nn.functional.binary_cross_entropy_with_logits(p, torch.zeros_like(p))
    d_a = 0.5 * (real(m.d_a(a)) + fake(m.d_a(fa)))
    d_b = 0.5 * (real(m.d_b(b)) + fake(m.d_b(fb)))
    return d_a, d_b


# A second forward pass written with torch.nn.functional straight from the
# flat, documented state dict: checks the module <-> name mapping, the
# ConvTranspose2d layout, the skip wiring and the translation recipe.

def f_conv(S, name, x, stride=1, pad=0, reflect=False):
    if reflect:
        x = F.pad(x, (pad, pad, pad, pad), mode="reflect")
        pad = 0
    return F.conv2d(x, S[name + ".weight"], S[name + ".bias"], stride=stride, padding=pad)


def f_up(S, name, x):
    return F.conv_transpose2d(x, S[name + ".weight"], S[name + ".bias"], stride=2,
                              padding=1, output_padding=1)


def f_in(x):
    return F.instance_norm(x, eps=1e-5)


def f_encoder(S, p, x):
    f0 = F.relu(f_in(f_conv(S, p + ".conv0", x, 1, 3, reflect=True)))
    f1 = F.relu(f_in(f_conv(S, p + ".down1", f0, 2, 1)))
    f2 = F.relu(f_in(f_conv(S, p + ".down2", f1, 2, 1)))
    return f0, f1, f2


def f_decoder(S, p, h, skips=None):
    h = F.relu(f_in(f_up(S, p + ".up1", h)))
    if skips:
        h = h + skips[1]
    h = F.relu(f_in(f_up(S, p + ".up2", h)))
    if skips:
        h = h + skips[0]
    return torch.tanh(f_conv(S, p + ".out", h, 1, 3, reflect=True))


def f_generator(S, arch, g, x):
    f0, f1, h = f_encoder(S, "encoder" if arch.has_ed else g + ".encoder", x)
    for i in range(arch.blocks):
        r = "%s.res.%d" % (g, i)
        t = F.relu(f_in(f_conv(S, r + ".conv1", h, 1, 1, reflect=True)))
        h = h + f_in(f_conv(S, r + ".conv2", t, 1, 1, reflect=True))
    return f_decoder(S, g + ".decoder", h, (f0, f1) if arch.variant == "skip" else None)


def f_ed(S, x):
    return f_decoder(S, "ed_decoder", f_encoder(S, "encoder", x)[2])


def f_disc(S, d, x):
    h = F.leaky_relu(f_conv(S, d + ".conv0", x, 2, 1), 0.2)
    for i in (1, 2, 3):
        h = F.leaky_relu(f_in(f_conv(S, "%s.conv%d" % (d, i), h, 2, 1)), 0.2)
    return f_conv(S, d + ".conv4", h, 1, 1)


def f_translate(S, arch, image_hwc, g, k):
    s = image_hwc.permute(2, 0, 1)[None] * 2 - 1
    H_, W_ = s.shape[2:]
    s = F.pad(s, (0, (4 - W_ % 4) % 4, 0, (4 - H_ % 4) % 4), mode="reflect")
    out = f_generator(S, arch, g, s)
    if arch.has_ed:
        out = out + k * (s - f_ed(S, s))
    out = out[:, :, :H_, :W_].clamp(-1, 1)
    return ((out + 1) / 2)[0].permute(1, 2, 0)


@torch.no_grad()
def verify_forward(name, arch, S, io):
    a, b = io["input.a"], io["input.b"]
    assert close(f_generator(S, arch, "g_ab", a), io["fwd.g_ab_a"], atol=1e-5), name
    assert close(f_generator(S, arch, "g_ba", b), io["fwd.g_ba_b"], atol=1e-5), name
    assert close(f_disc(S, "d_a", a), io["fwd.d_a_a"], atol=1e-5), name
    assert close(f_disc(S, "d_b", b), io["fwd.d_b_b"], atol=1e-5), name
    assert io["fwd.d_a_a"].shape == (N, 1, H // 16 - 1, W // 16 - 1)
    if arch.has_ed:
        assert close(f_ed(S, a), io["fwd.ed_a"], atol=1e-5), name
    if "image.in" in io:
        img = io["image.in"]
        t1 = f_translate(S, arch, img, "g_ab", 1.0)
        t2 = f_translate(S, arch, img, "g_ba", 0.5)
        assert t1.shape == (IMAGE_H, IMAGE_W, 3)
        assert close(t1, io["image.a2b_k1"], atol=1e-5), name
        assert close(t2, io["image.b2a_k05"], atol=1e-5), name
    if arch.variant == "skip":   # the skips really change the output
        plain = ref.Arch("cyclegan", arch.ngf, arch.ndf, arch.blocks)
        assert not close(f_generator(S, plain, "g_ab", a), io["fwd.g_ab_a"], atol=1e-3)


def close(x, y, rtol=1e-4, atol=1e-6):
    return torch.allclose(x, y, rtol=rtol, atol=atol)


def grad_close(g, ref_g):
    """Two float32 evaluations of the same gradient, summed in different
    orders: agree to 1e-5 of the tensor's largest entry (or 1e-5 absolute)."""
    scale = max(1.0, ref_g.abs().max().item())
    return (g - ref_g).abs().max().item() <= 1e-5 * scale


def adam_first_step(p0, g):
    m = (1 - BETAS[0]) * g
    v = (1 - BETAS[1]) * g * g
    step_size = LR / (1 - BETAS[0])
    denom = v.sqrt() / (1 - BETAS[1]) ** 0.5 + EPS
    return p0 - step_size * m / denom


def verify(name, r):
    arch, gan_loss, init = r["arch"], r["gan_loss"], r["init"]
    a, b = r["a"], r["b"]

    # 1. Gradients: autograd.grad of the spec's loss on a fresh copy.
    m = fresh_model(arch, init)
    P = m.named_tensors()
    for n in m.ed_param_names() + m.discriminator_names():
        P[n].requires_grad_(False)
    gnames = m.generator_trainable_names()
    identity = r["identity"]
    g_total, fa, fb, terms, idt = spec_losses(m, arch, gan_loss, a, b, identity)
    grads = torch.autograd.grad(g_total, [P[n] for n in gnames])
    for n, g in zip(gnames, grads):
        assert grad_close(g, r["g_grads"][n]), "%s: grad %s" % (name, n)
    for n in m.discriminator_names():
        P[n].requires_grad_(True)
    d_a, d_b = spec_d_loss(m, gan_loss, a, b, fa.detach(), fb.detach())
    dnames = m.discriminator_names()
    dgrads = torch.autograd.grad(d_a + d_b, [P[n] for n in dnames])
    for n, g in zip(dnames, dgrads):
        assert grad_close(g, r["d_grads"][n]), "%s: grad %s" % (name, n)
    mine = torch.stack(terms + [g_total, d_a, d_b]).detach()
    assert close(mine, r["losses1"], rtol=1e-6), (mine, r["losses1"])
    if identity > 0:
        mine = torch.stack(idt).detach()
        assert close(mine, r["io"]["loss.identity1"], rtol=1e-6), mine

    # 2. Finite differences in float64 on a few scalars (output-affecting ones).
    m64 = fresh_model(arch, init).double()
    P64 = m64.named_tensors()
    for n in m64.ed_param_names() + m64.discriminator_names():
        P64[n].requires_grad_(False)
    a64, b64 = a.double(), b.double()
    picks = ["g_ab.decoder.out.bias", "g_ba.decoder.out.weight",
             "g_ab.res.0.conv1.weight", "g_ba.decoder.up1.weight"]
    if not arch.has_ed:
        picks += ["g_ab.encoder.conv0.weight", "g_ba.encoder.down2.weight"]
    idx = {}
    for n in picks:
        idx[n] = tuple(min(1, s - 1) for s in P64[n].shape)
    gl = spec_losses(m64, arch, gan_loss, a64, b64, identity)[0]
    ag = torch.autograd.grad(gl, [P64[n] for n in picks])
    h = 1e-6
    for n, g in zip(picks, ag):
        with torch.no_grad():
            p = P64[n]
            old = p[idx[n]].item()
            p[idx[n]] = old + h
            lp = spec_losses(m64, arch, gan_loss, a64, b64, identity)[0].item()
            p[idx[n]] = old - h
            lm = spec_losses(m64, arch, gan_loss, a64, b64, identity)[0].item()
            p[idx[n]] = old
        fd = (lp - lm) / (2 * h)
        an = g[idx[n]].item()
        assert abs(fd - an) <= 1e-4 * max(1.0, abs(an)), "%s: fd %s %g vs %g" % (name, n, fd, an)

    # 3. Adam first step by hand; frozen parameters unchanged.
    for n, p0 in init.items():
        p1 = r["step1"][n]
        if n in r["g_grads"]:
            expect = adam_first_step(p0, r["g_grads"][n])
        elif n in r["d_grads"]:
            expect = adam_first_step(p0, r["d_grads"][n])
        else:
            assert n.startswith("encoder.") or n.startswith("ed_decoder."), n
            assert torch.equal(p1, p0), "%s: frozen %s moved" % (name, n)
            assert torch.equal(r["step2"][n], p0), "%s: frozen %s moved" % (name, n)
            continue
        assert torch.allclose(p1, expect, rtol=0, atol=1e-7), "%s: adam %s" % (name, n)
    if r["ed_grads"] is not None:
        for n, g in r["ed_grads"].items():
            expect = adam_first_step(init[n], g)
            assert torch.allclose(r["ed_step1"][n], expect, rtol=0, atol=1e-7), n
        em = fresh_model(arch, init)
        x = r["ed_input"]
        loss = (em.ed_decoder(em.encoder(x)[2]) - x).abs().mean()
        EP = em.named_tensors()
        names = em.ed_param_names()
        eg = torch.autograd.grad(loss, [EP[n] for n in names])
        assert close(loss.detach(), r["ed_loss"], rtol=1e-6)
        for n, g in zip(names, eg):
            assert grad_close(g, r["ed_grads"][n]), "%s: ed grad %s" % (name, n)


def biases_before_instance_norm(arch):
    """Biases whose gradient is analytically zero (the conv is followed by
    instance norm, which removes any per-channel constant)."""
    out = []
    for layer, _k, _w in ref.layer_table(arch):
        last = layer.split(".")[-1]
        if last in ("conv0", "down1", "down2", "up1", "up2", "conv1", "conv2") \
                and not (layer.startswith("d_") and last == "conv0"):
            out.append(layer + ".bias")
        elif layer.startswith("d_") and last == "conv3":
            out.append(layer + ".bias")
    return out


def main(argv):
    if len(argv) != 2:
        print("usage: %s OUTPUT_DIR" % argv[0], file=sys.stderr)
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)

    ref.print_param_counts(ref.Arch())
    ref.print_param_counts(ref.Arch("ed", NGF, NDF, BLOCKS), check_paper=False)
    print()

    records = {}
    total = 0
    for name, variant, gan_loss, with_ed_tr, with_step2, identity in FIXTURES:
        init, model_meta, io, io_meta, record = generate(name, variant, gan_loss,
                                                         with_ed_tr, with_step2, identity)
        verify(name, record)
        verify_forward(name, record["arch"], init, io)
        records[name] = record
        paths = []
        for suffix, tensors, meta in (("model", init, model_meta), ("io", io, io_meta)):
            path = os.path.join(outdir, "%s.%s.safetensors" % (name, suffix))
            ref.write_safetensors(path, tensors, meta)
            back, back_meta = ref.read_safetensors(path)
            assert list(back) == list(tensors), path
            assert back_meta == dict(meta), path
            for k, t in tensors.items():
                assert torch.equal(back[k], t.detach().float()), (path, k)
            paths.append(path)
        # The model file alone reproduces the forward outputs.
        loaded, _ = ref.load_model(paths[0])
        with torch.no_grad():
            assert torch.equal(loaded.g_ab(io["input.a"]), io["fwd.g_ab_a"])
            assert torch.equal(loaded.d_b(io["input.b"]), io["fwd.d_b_b"])
            if record["arch"].has_ed:
                assert torch.equal(loaded.ed(io["input.a"]), io["fwd.ed_a"])
        sizes = [os.path.getsize(p) for p in paths]
        total += sum(sizes)
        noise = max(record["g_grads"].get(n, record["d_grads"].get(n)).abs().max().item()
                    for n in biases_before_instance_norm(record["arch"])
                    if n in record["g_grads"] or n in record["d_grads"])
        print("%-13s %-9s %-5s model %8d B  io %8d B  (%d io tensors)  "
              "loss.step1 %s  max|grad| of biases before IN %.1e"
              % (name, variant, gan_loss, sizes[0], sizes[1], len(io),
                 " ".join("%.5g" % v for v in record["losses1"].tolist()), noise))

    # Cross-fixture consistency (same seed: same initial weights and inputs).
    l_ed, l_te, l_log = (records[k]["losses1"] for k in ("ref_ed", "ref_ed_tedge", "ref_ed_log"))
    assert torch.equal(l_ed[:2], l_te[:2]), "ed/ed-tedge adversarial terms differ"
    assert not torch.equal(l_ed[2:4], l_te[2:4]), "ed/ed-tedge cycle terms equal"
    assert torch.equal(l_ed[2:4], l_log[2:4]), "ed/ed_log cycle terms differ"
    assert torch.equal(records["ref_ed"]["io"]["fwd.g_ab_a"],
                       records["ref_ed_tedge"]["io"]["fwd.g_ab_a"])
    # The identity term leaves the step-1 terms alone but changes g_total
    # (and so everything after the first generators' step).
    for plain, idt in (("ref_ed", "ref_ed_idt"), ("ref_cyclegan", "ref_cyclegan_idt")):
        lp, li = records[plain]["losses1"], records[idt]["losses1"]
        assert torch.equal(lp[:4], li[:4]), "%s/%s step-1 terms differ" % (plain, idt)
        assert li[4] > lp[4], "%s: identity missing from g_total" % idt
        assert not torch.equal(records[plain]["losses2"], records[idt]["losses2"])
    print("total %d bytes in %d files; all checks passed" % (total, 2 * len(FIXTURES)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
