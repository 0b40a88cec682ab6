"""Independent PyTorch reference of ED-CycleGAN (developer tool, not shipped).

This file is the executable specification the C engine is tested against.
It mirrors docs/weights-format.md (tensor names, shapes, layouts, skip
wiring, translation) and the design notes (design/architecture.md: layers,
losses), and it holds the training-step semantics the fixtures in
tests/fixtures encode (summarised in tests/reference/README.md).

Contents
  Arch, tensor_shapes()           the tensor table of docs/weights-format.md
  Encoder, Decoder, ResBlock,
  Generator, Discriminator,
  EDCGModel                       the networks; EDCGModel.state_dict() has
                                  exactly the documented names, in order
  param_counts(), print_param_counts()
  translate_hwc()                 translation as the C API does it
  Trainer                         phase 1 (ED) and phase 2 (GAN) steps
  write_safetensors(), read_safetensors()
                                  a minimal pure-Python safetensors codec

Needs PyTorch (Debian's python3-torch 1.13: run with /usr/bin/python3) and
numpy. The C build and tests never need either.
"""

import json
import random
import struct
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

VARIANTS = ("ed", "ed-tedge", "cyclegan", "skip")
GAN_LOSSES = ("lsgan", "log")

IN_EPS = 1e-5
LRELU_SLOPE = 0.2


# ---------------------------------------------------------------------------
# Architecture and the documented tensor table
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Arch:
    variant: str = "ed"
    ngf: int = 64
    ndf: int = 64
    blocks: int = 9

    def __post_init__(self):
        if self.variant not in VARIANTS:
            raise ValueError("unknown variant %r" % (self.variant,))
        if self.ngf < 1 or self.ndf < 1 or self.blocks < 0:
            raise ValueError("bad widths or block count")

    @property
    def has_ed(self):
        """ED-Block present: one shared (frozen in phase 2) encoder + ED decoder."""
        return self.variant in ("ed", "ed-tedge")

    @property
    def skip(self):
        return self.variant == "skip"


def _encoder_layers(prefix, F_):
    # (name, kind, weight shape); kind "conv" = Conv2d [out,in,kh,kw],
    # "convT" = ConvTranspose2d [in,out,kh,kw]; bias is [out] in both.
    return [
        (prefix + ".conv0", "conv", [F_, 3, 7, 7]),
        (prefix + ".down1", "conv", [2 * F_, F_, 3, 3]),
        (prefix + ".down2", "conv", [4 * F_, 2 * F_, 3, 3]),
    ]


def _decoder_layers(prefix, F_):
    return [
        (prefix + ".up1", "convT", [4 * F_, 2 * F_, 3, 3]),
        (prefix + ".up2", "convT", [2 * F_, F_, 3, 3]),
        (prefix + ".out", "conv", [3, F_, 7, 7]),
    ]


def _res_layers(prefix, F_, R):
    out = []
    for i in range(R):
        out.append(("%s.res.%d.conv1" % (prefix, i), "conv", [4 * F_, 4 * F_, 3, 3]))
        out.append(("%s.res.%d.conv2" % (prefix, i), "conv", [4 * F_, 4 * F_, 3, 3]))
    return out


def _disc_layers(prefix, D):
    return [
        (prefix + ".conv0", "conv", [D, 3, 4, 4]),
        (prefix + ".conv1", "conv", [2 * D, D, 4, 4]),
        (prefix + ".conv2", "conv", [4 * D, 2 * D, 4, 4]),
        (prefix + ".conv3", "conv", [8 * D, 4 * D, 4, 4]),
        (prefix + ".conv4", "conv", [1, 8 * D, 4, 4]),
    ]


def layer_table(arch, include_discriminators=True):
    """Layers in the order of docs/weights-format.md's table: encoder,
    ed_decoder (ed variants), then per generator (g_ab, then g_ba): its own
    encoder (cyclegan/skip only), res.0 .. res.R-1, decoder; then d_a, d_b.

    The table does not say where the own encoders go; we put each one first
    in its generator, as the engine's writer (engine/src/model.c) does.
    """
    F_, R = arch.ngf, arch.blocks
    layers = []
    if arch.has_ed:
        layers += _encoder_layers("encoder", F_)
        layers += _decoder_layers("ed_decoder", F_)
    for g in ("g_ab", "g_ba"):
        if not arch.has_ed:
            layers += _encoder_layers(g + ".encoder", F_)
        layers += _res_layers(g, F_, R)
        layers += _decoder_layers(g + ".decoder", F_)
    if include_discriminators:
        for d in ("d_a", "d_b"):
            layers += _disc_layers(d, arch.ndf)
    return layers


def tensor_shapes(arch, include_discriminators=True):
    """OrderedDict name -> shape, computed from the documented table alone."""
    shapes = OrderedDict()
    for name, kind, w in layer_table(arch, include_discriminators):
        out_ch = w[0] if kind == "conv" else w[1]
        shapes[name + ".weight"] = list(w)
        shapes[name + ".bias"] = [out_ch]
    return shapes


# ---------------------------------------------------------------------------
# Networks
# ---------------------------------------------------------------------------

def _in(c):
    return nn.InstanceNorm2d(c, affine=False, eps=IN_EPS, track_running_stats=False)


class Encoder(nn.Module):
    """c7s1-F (reflect 3) IN ReLU, c3s2-2F (zero 1) IN ReLU, c3s2-4F IN ReLU."""

    def __init__(self, F_):
        super().__init__()
        self.conv0 = nn.Conv2d(3, F_, 7, stride=1, padding=0, bias=True)
        self.down1 = nn.Conv2d(F_, 2 * F_, 3, stride=2, padding=1, bias=True)
        self.down2 = nn.Conv2d(2 * F_, 4 * F_, 3, stride=2, padding=1, bias=True)
        self.in0, self.in1, self.in2 = _in(F_), _in(2 * F_), _in(4 * F_)

    def forward(self, x):
        """Returns the three post-ReLU feature maps (conv0, down1, down2)."""
        f0 = F.relu(self.in0(self.conv0(F.pad(x, (3, 3, 3, 3), mode="reflect"))))
        f1 = F.relu(self.in1(self.down1(f0)))
        f2 = F.relu(self.in2(self.down2(f1)))
        return f0, f1, f2


class Decoder(nn.Module):
    """ct3s2-2F IN ReLU, ct3s2-F IN ReLU, c7s1-3 (reflect 3) tanh.

    With skips (variant skip): after up1's ReLU add encoder.down1's output,
    after up2's ReLU add encoder.conv0's output.
    """

    def __init__(self, F_):
        super().__init__()
        self.up1 = nn.ConvTranspose2d(4 * F_, 2 * F_, 3, stride=2, padding=1,
                                      output_padding=1, bias=True)
        self.up2 = nn.ConvTranspose2d(2 * F_, F_, 3, stride=2, padding=1,
                                      output_padding=1, bias=True)
        self.out = nn.Conv2d(F_, 3, 7, stride=1, padding=0, bias=True)
        self.in1, self.in2 = _in(2 * F_), _in(F_)

    def forward(self, h, skips=None):
        h = F.relu(self.in1(self.up1(h)))
        if skips is not None:
            h = h + skips[1]            # encoder.down1 output, 2F channels
        h = F.relu(self.in2(self.up2(h)))
        if skips is not None:
            h = h + skips[0]            # encoder.conv0 output, F channels
        return torch.tanh(self.out(F.pad(h, (3, 3, 3, 3), mode="reflect")))


class ResBlock(nn.Module):
    """x + IN(conv2(reflect1(ReLU(IN(conv1(reflect1(x)))))))."""

    def __init__(self, C):
        super().__init__()
        self.conv1 = nn.Conv2d(C, C, 3, stride=1, padding=0, bias=True)
        self.conv2 = nn.Conv2d(C, C, 3, stride=1, padding=0, bias=True)
        self.in1, self.in2 = _in(C), _in(C)

    def forward(self, x):
        h = F.relu(self.in1(self.conv1(F.pad(x, (1, 1, 1, 1), mode="reflect"))))
        h = self.in2(self.conv2(F.pad(h, (1, 1, 1, 1), mode="reflect")))
        return x + h


class Generator(nn.Module):
    """encoder (shared or own) + residual blocks + decoder; output is tanh's."""

    def __init__(self, encoder, F_, blocks, skip):
        super().__init__()
        self.encoder = encoder
        self.res = nn.ModuleList([ResBlock(4 * F_) for _ in range(blocks)])
        self.decoder = Decoder(F_)
        self.skip = skip

    def forward(self, x):
        f0, f1, f2 = self.encoder(x)
        h = f2
        for block in self.res:
            h = block(h)
        return self.decoder(h, (f0, f1) if self.skip else None)


class Discriminator(nn.Module):
    """PatchGAN: c4s2-D LReLU, c4s2-2D/4D/8D IN LReLU, c4s1-1 (all zero pad 1), logits."""

    def __init__(self, D):
        super().__init__()
        self.conv0 = nn.Conv2d(3, D, 4, stride=2, padding=1, bias=True)
        self.conv1 = nn.Conv2d(D, 2 * D, 4, stride=2, padding=1, bias=True)
        self.conv2 = nn.Conv2d(2 * D, 4 * D, 4, stride=2, padding=1, bias=True)
        self.conv3 = nn.Conv2d(4 * D, 8 * D, 4, stride=2, padding=1, bias=True)
        self.conv4 = nn.Conv2d(8 * D, 1, 4, stride=1, padding=1, bias=True)
        self.in1, self.in2, self.in3 = _in(2 * D), _in(4 * D), _in(8 * D)

    def forward(self, x):
        h = F.leaky_relu(self.conv0(x), LRELU_SLOPE)
        h = F.leaky_relu(self.in1(self.conv1(h)), LRELU_SLOPE)
        h = F.leaky_relu(self.in2(self.conv2(h)), LRELU_SLOPE)
        h = F.leaky_relu(self.in3(self.conv3(h)), LRELU_SLOPE)
        return self.conv4(h)


class EDCGModel(nn.Module):
    """A domain pair. ed/ed-tedge: one Encoder object shared by the ED-Block and
    both generators. cyclegan/skip: each generator owns its encoder, no ED-Block.

    state_dict() / load_state_dict() use exactly the names of
    docs/weights-format.md, in the documented order (see layer_table).
    """

    def __init__(self, arch, include_discriminators=True):
        super().__init__()
        self.arch = arch
        F_ = arch.ngf
        if arch.has_ed:
            self.encoder = Encoder(F_)
            self.ed_decoder = Decoder(F_)
            enc_ab = enc_ba = self.encoder
        else:
            self.encoder = None
            self.ed_decoder = None
            enc_ab, enc_ba = Encoder(F_), Encoder(F_)
        self.g_ab = Generator(enc_ab, F_, arch.blocks, arch.skip)
        self.g_ba = Generator(enc_ba, F_, arch.blocks, arch.skip)
        self.has_discriminators = include_discriminators
        if include_discriminators:
            self.d_a = Discriminator(arch.ndf)   # judges domain A (real a vs G_ba fakes)
            self.d_b = Discriminator(arch.ndf)   # judges domain B (real b vs G_ab fakes)

    # -- naming -------------------------------------------------------------
    def _module_at(self, dotted):
        m = self
        for part in dotted.split("."):
            m = m[int(part)] if part.isdigit() else getattr(m, part)
        return m

    def named_tensors(self):
        """OrderedDict documented name -> the live nn.Parameter."""
        out = OrderedDict()
        for name, _kind, _w in layer_table(self.arch, self.has_discriminators):
            layer = self._module_at(name)
            out[name + ".weight"] = layer.weight
            out[name + ".bias"] = layer.bias
        return out

    def state_dict(self):  # noqa: D401 (deliberately replaces nn.Module's)
        """Flat OrderedDict documented name -> detached tensor (a copy)."""
        return OrderedDict((k, p.detach().clone()) for k, p in self.named_tensors().items())

    def load_state_dict(self, state, strict=True):
        params = self.named_tensors()
        if strict and set(state) != set(params):
            missing = sorted(set(params) - set(state))
            extra = sorted(set(state) - set(params))
            raise KeyError("tensor set mismatch: missing %s, unexpected %s" % (missing, extra))
        with torch.no_grad():
            for k, p in params.items():
                if k in state:
                    if list(state[k].shape) != list(p.shape):
                        raise ValueError("%s: shape %s, expected %s"
                                         % (k, list(state[k].shape), list(p.shape)))
                    p.copy_(state[k])

    # -- parameter groups ---------------------------------------------------
    def ed_param_names(self):
        return [n for n in self.named_tensors()
                if n.startswith("encoder.") or n.startswith("ed_decoder.")]

    def generator_trainable_names(self):
        """Generators' trainable parameters (phase 2). In ed variants the
        shared encoder is frozen and not listed; in cyclegan/skip each
        generator's own encoder is trainable."""
        return [n for n in self.named_tensors() if n.startswith("g_ab.") or n.startswith("g_ba.")]

    def discriminator_names(self):
        return [n for n in self.named_tensors() if n.startswith("d_a.") or n.startswith("d_b.")]

    # -- forward helpers ----------------------------------------------------
    def ed(self, x):
        """ED(x) = ed_decoder(encoder(x))."""
        return self.ed_decoder(self.encoder(x)[2])

    def edge(self, x):
        """s_edge = x - ED(x)."""
        return x - self.ed(x)

    def generator(self, direction):
        return {"a2b": self.g_ab, "b2a": self.g_ba}[direction]

    def translate_nchw(self, s, direction, edge_strength=1.0):
        """out = G(s) + k * (s - ED(s)) (ed variants) or G(s); clamped to [-1, 1].

        s: [N, 3, H, W] in [-1, 1] with H, W multiples of 4."""
        out = self.generator(direction)(s)
        if self.arch.has_ed:
            out = out + edge_strength * self.edge(s)
        return out.clamp(-1.0, 1.0)


def init_normal_(model, std=0.1, generator=None):
    """Every weight and bias ~ N(0, std), drawn in documented name order."""
    with torch.no_grad():
        for _name, p in model.named_tensors().items():
            p.normal_(0.0, std, generator=generator)


# ---------------------------------------------------------------------------
# Parameter counts (paper Table 1)
# ---------------------------------------------------------------------------

def _numel(shapes, prefixes):
    return sum(int(np.prod(s)) for n, s in shapes.items()
               if any(n.startswith(p) for p in prefixes))


def param_counts(arch):
    """The fields of edcg_param_counts, from the documented table alone."""
    # Count on the ed layout of the same widths so that "one generator
    # (its encoder included)" has the same meaning for every variant.
    shapes = tensor_shapes(Arch("ed", arch.ngf, arch.ndf, arch.blocks))
    encoder = _numel(shapes, ["encoder."])
    ed_block = encoder + _numel(shapes, ["ed_decoder."])
    generator = encoder + _numel(shapes, ["g_ab.res.", "g_ab.decoder."])
    discriminator = _numel(shapes, ["d_a."])
    total = 2 * generator + 2 * discriminator
    return OrderedDict([
        ("encoder", encoder),
        ("ed_block", ed_block if arch.has_ed else 0),
        ("generator", generator),
        ("discriminator", discriminator),
        ("cyclegan_total", total),
        ("trainable", total - 2 * encoder if arch.has_ed else total),
    ])


def param_counts_from_modules(arch):
    """The same counts from live PyTorch modules (an independent check)."""
    def count(m):
        return sum(p.numel() for p in m.parameters())
    m = EDCGModel(Arch("ed", arch.ngf, arch.ndf, arch.blocks))
    encoder = count(m.encoder)
    ed_block = encoder + count(m.ed_decoder)
    generator = count(m.g_ab)       # parameters() includes the shared encoder once
    discriminator = count(m.d_a)
    total = 2 * generator + 2 * discriminator
    return OrderedDict([
        ("encoder", encoder),
        ("ed_block", ed_block if arch.has_ed else 0),
        ("generator", generator),
        ("discriminator", discriminator),
        ("cyclegan_total", total),
        ("trainable", total - 2 * encoder if arch.has_ed else total),
    ])


PAPER_TABLE1 = {  # default architecture (ed, 64, 64, 9)
    "ed_block": 756739,
    "generator": 11378179,
    "discriminator": 2764737,
    "cyclegan_total": 28285832,
    "trainable": 27528840,
}


def print_param_counts(arch=Arch(), check_paper=True):
    counts = param_counts(arch)
    print("parameter counts for %s ngf %d ndf %d blocks %d:"
          % (arch.variant, arch.ngf, arch.ndf, arch.blocks))
    for k, v in counts.items():
        print("  %-15s %12s" % (k, format(v, ",")))
    if check_paper:
        assert arch == Arch(), "paper numbers hold for the default architecture only"
        for k, v in PAPER_TABLE1.items():
            assert counts[k] == v, "%s: %d != paper %d" % (k, counts[k], v)
        assert param_counts_from_modules(arch) == counts
        ed = EDCGModel(arch)
        assert sum(p.numel() for p in ed.named_tensors().values()) == \
            counts["cyclegan_total"] - 2 * counts["encoder"] + counts["ed_block"]
        print("  matches paper Table 1 (and the PyTorch modules)")
    return counts


# ---------------------------------------------------------------------------
# Translation through the C API's convention
# ---------------------------------------------------------------------------

def pad_to_multiple_of_4(s):
    """Reflection-pad bottom and right to the next multiple of 4."""
    H, W = s.shape[-2:]
    ph, pw = (-H) % 4, (-W) % 4
    if ph or pw:
        s = F.pad(s, (0, pw, 0, ph), mode="reflect")
    return s, H, W


@torch.no_grad()
def translate_hwc(model, image, direction, edge_strength):
    """image: [H, W, 3] float in [0, 1] (interleaved). Returns [H, W, 3] in [0, 1].

    s = 2*in - 1 (NCHW); reflect-pad bottom/right to multiples of 4;
    out = G(s) + k*(s - ED(s)) (ed variants) or G(s); crop; clamp to [-1, 1];
    (out + 1) / 2."""
    s = image.permute(2, 0, 1).unsqueeze(0) * 2.0 - 1.0
    s_pad, H, W = pad_to_multiple_of_4(s)
    out = model.translate_nchw(s_pad, direction, edge_strength)
    out = out[:, :, :H, :W]
    return ((out + 1.0) / 2.0)[0].permute(1, 2, 0).contiguous()


def cycle_hwc(model, image, direction):
    """The cycle reconstruction s'' of Eq. 4 as edcg_cycle computes it.

    s padded as in translate_hwc; fake = G_st(s) + s_edge (ed variants) or
    G_st(s), not clamped; rec = G_ts(fake) + s_edge (ed), + (fake - ED(fake))
    (ed-tedge), or G_ts(fake) (cyclegan, skip); crop; clamp; (rec + 1) / 2."""
    back = "b2a" if direction == "a2b" else "a2b"
    s = image.permute(2, 0, 1).unsqueeze(0) * 2.0 - 1.0
    s_pad, H, W = pad_to_multiple_of_4(s)
    fake = model.generator(direction)(s_pad)
    if model.arch.has_ed:
        s_edge = model.edge(s_pad)
        fake = fake + s_edge
    rec = model.generator(back)(fake)
    if model.arch.variant == "ed":
        rec = rec + s_edge
    elif model.arch.variant == "ed-tedge":
        rec = rec + model.edge(fake)
    rec = rec[:, :, :H, :W].clamp(-1.0, 1.0)
    return ((rec + 1.0) / 2.0)[0].permute(1, 2, 0).contiguous()


# ---------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------

class ImagePool:
    """CycleGAN's image pool. While it holds fewer than pool_size images each
    incoming image is stored and returned as is; once full, with probability
    1/2 a random stored image is returned (and replaced by the new one),
    otherwise the new image. The random choices cannot be matched by the C
    engine's RNG; the fixtures never fill the pool."""

    def __init__(self, pool_size, seed=0):
        self.pool_size = pool_size
        self.images = []
        self.rng = random.Random(seed)

    def query(self, images):
        if self.pool_size == 0:
            return images
        out = []
        for image in images.detach():
            image = image.unsqueeze(0)
            if len(self.images) < self.pool_size:
                self.images.append(image)
                out.append(image)
            elif self.rng.uniform(0, 1) > 0.5:
                i = self.rng.randint(0, self.pool_size - 1)
                out.append(self.images[i].clone())
                self.images[i] = image
            else:
                out.append(image)
        return torch.cat(out, 0)


class GanLoss:
    """lsgan: real(p) = mean((p-1)^2), fake(p) = mean(p^2).
    log:   real(p) = BCEWithLogits(p, 1), fake(p) = BCEWithLogits(p, 0); mean."""

    def __init__(self, kind):
        if kind not in GAN_LOSSES:
            raise ValueError(kind)
        self.kind = kind

    def real(self, pred):
        if self.kind == "lsgan":
            return torch.mean((pred - 1.0) ** 2)
        return F.binary_cross_entropy_with_logits(pred, torch.ones_like(pred))

    def fake(self, pred):
        if self.kind == "lsgan":
            return torch.mean(pred ** 2)
        return F.binary_cross_entropy_with_logits(pred, torch.zeros_like(pred))


def make_adam(params, lr=2e-4, betas=(0.5, 0.999), eps=1e-8):
    # foreach=False: the plain per-tensor loop, i.e. for step t:
    #   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2
    #   p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)
    return torch.optim.Adam(params, lr=lr, betas=betas, eps=eps, weight_decay=0,
                            amsgrad=False, foreach=False)


GAN_LOSS_FIELDS = ("g_adv_a2b", "g_adv_b2a", "cyc_a", "cyc_b", "g_total", "d_a", "d_b")


class Trainer:
    """Phase 1 (ED-Block) and phase 2 (GAN) steps, one Adam optimizer each for
    the ED-Block, the generators and the discriminators."""

    def __init__(self, model, gan_loss="lsgan", lambda_cyc=10.0, pool_size=50,
                 lr=2e-4, betas=(0.5, 0.999), eps=1e-8, seed=0, lambda_identity=0.0):
        assert model.has_discriminators
        self.model = model
        self.arch = model.arch
        self.loss = GanLoss(gan_loss)
        self.lambda_cyc = lambda_cyc
        self.lambda_identity = lambda_identity
        self.last_identity = None  # [idt_a2b, idt_b2a] of the last gan_step
        P = model.named_tensors()
        self.ed_names = model.ed_param_names()
        self.g_names = model.generator_trainable_names()
        self.d_names = model.discriminator_names()
        self.opt_ed = make_adam([P[n] for n in self.ed_names], lr, betas, eps) \
            if self.ed_names else None
        self.opt_g = make_adam([P[n] for n in self.g_names], lr, betas, eps)
        self.opt_d = make_adam([P[n] for n in self.d_names], lr, betas, eps)
        self.pool_a = ImagePool(pool_size, seed)
        self.pool_b = ImagePool(pool_size, seed + 1)

    def _set_trainable(self, names, flag):
        P = self.model.named_tensors()
        for n in names:
            P[n].requires_grad_(flag)

    def _grads(self, names):
        P = self.model.named_tensors()
        return OrderedDict((n, P[n].grad.detach().clone()) for n in names)

    # -- phase 1 --------------------------------------------------------------
    def ed_step(self, x):
        """loss = mean|ED(x) - x|; one Adam step of encoder + ed_decoder.
        Returns (loss, grads by name) with the gradients before the step."""
        m = self.model
        self._set_trainable(self.ed_names, True)
        self.opt_ed.zero_grad(set_to_none=True)
        loss = torch.mean(torch.abs(m.ed(x) - x))
        loss.backward()
        grads = self._grads(self.ed_names)
        self.opt_ed.step()
        return loss.detach(), grads

    # -- phase 2 --------------------------------------------------------------
    def real_edges(self, a, b):
        """s_edge of the real batches (ed variants), without gradient."""
        with torch.no_grad():
            return self.model.edge(a), self.model.edge(b)

    def cycle(self, a, b):
        """Returns fake_b, rec_a, fake_a, rec_b (with autograd graph)."""
        m = self.model
        if self.arch.has_ed:
            edge_a, edge_b = self.real_edges(a, b)
            fake_b = m.g_ab(a) + edge_a
            fake_a = m.g_ba(b) + edge_b
            if self.arch.variant == "ed":
                rec_a = m.g_ba(fake_b) + edge_a
                rec_b = m.g_ab(fake_a) + edge_b
            else:  # ed-tedge: t_edge of the fake, gradient through ED's input
                rec_a = m.g_ba(fake_b) + (fake_b - m.ed(fake_b))
                rec_b = m.g_ab(fake_a) + (fake_a - m.ed(fake_a))
        else:
            fake_b = m.g_ab(a)
            fake_a = m.g_ba(b)
            rec_a = m.g_ba(fake_b)
            rec_b = m.g_ab(fake_a)
        return fake_b, rec_a, fake_a, rec_b

    def identity(self, a, b):
        """CycleGAN's identity terms: each generator, given a real image of
        the domain it produces, should return it unchanged. The output is
        G(s) + s_edge in the ed variants (the edge of the real image, no
        gradient), as in translation. Returns [idt_a2b, idt_b2a]."""
        m = self.model
        if self.arch.has_ed:
            edge_a, edge_b = self.real_edges(a, b)
            same_b = m.g_ab(b) + edge_b
            same_a = m.g_ba(a) + edge_a
        else:
            same_b = m.g_ab(b)
            same_a = m.g_ba(a)
        return [torch.mean(torch.abs(same_b - b)), torch.mean(torch.abs(same_a - a))]

    def gan_step(self, a, b):
        """One generators' step, then one discriminators' step.

        Returns (losses [7] in GAN_LOSS_FIELDS order, generator grads by name
        (of g_total), discriminator grads by name (of d_a + d_b)). With
        lambda_identity > 0, g_total adds lambda_identity * lambda_cyc times
        the identity terms (CycleGAN's weighting), kept in last_identity."""
        m = self.model
        L = self.loss
        # The ED-Block (shared encoder included) is frozen in phase 2;
        # discriminators get no gradient from the generators' loss.
        self._set_trainable(self.ed_names, False)
        self._set_trainable(self.g_names, True)
        self._set_trainable(self.d_names, False)

        fake_b, rec_a, fake_a, rec_b = self.cycle(a, b)
        g_adv_a2b = L.real(m.d_b(fake_b))
        g_adv_b2a = L.real(m.d_a(fake_a))
        cyc_a = torch.mean(torch.abs(rec_a - a))
        cyc_b = torch.mean(torch.abs(rec_b - b))
        g_total = g_adv_a2b + g_adv_b2a + self.lambda_cyc * (cyc_a + cyc_b)
        self.last_identity = None
        if self.lambda_identity > 0:
            idt = self.identity(a, b)
            g_total = g_total + self.lambda_identity * self.lambda_cyc * (idt[0] + idt[1])
            self.last_identity = torch.stack(idt).detach()

        self.opt_g.zero_grad(set_to_none=True)
        self.opt_d.zero_grad(set_to_none=True)
        g_total.backward()
        g_grads = self._grads(self.g_names)
        P = m.named_tensors()
        assert all(P[n].grad is None for n in self.ed_names + self.d_names)
        self.opt_g.step()

        # Discriminators, on the fakes computed before the generators' step.
        self._set_trainable(self.d_names, True)
        pooled_a = self.pool_a.query(fake_a.detach())
        pooled_b = self.pool_b.query(fake_b.detach())
        d_a = 0.5 * (L.real(m.d_a(a)) + L.fake(m.d_a(pooled_a)))
        d_b = 0.5 * (L.real(m.d_b(b)) + L.fake(m.d_b(pooled_b)))
        self.opt_d.zero_grad(set_to_none=True)
        (d_a + d_b).backward()
        d_grads = self._grads(self.d_names)
        self.opt_d.step()

        losses = torch.stack([g_adv_a2b, g_adv_b2a, cyc_a, cyc_b, g_total, d_a, d_b]).detach()
        return losses, g_grads, d_grads


# ---------------------------------------------------------------------------
# Minimal safetensors codec (pure Python + numpy)
# ---------------------------------------------------------------------------

def write_safetensors(path, tensors, metadata=None):
    """tensors: OrderedDict name -> tensor/array (stored as little-endian F32,
    contiguous, in insertion order). metadata: dict str -> str.
    Header: 8-byte LE length N, then N bytes of JSON padded with spaces so
    that N is a multiple of 8."""
    header = OrderedDict()
    if metadata:
        for k, v in metadata.items():
            if not isinstance(k, str) or not isinstance(v, str):
                raise TypeError("metadata keys and values must be strings")
        header["__metadata__"] = OrderedDict(metadata)
    blobs = []
    offset = 0
    for name, t in tensors.items():
        if name == "__metadata__":
            raise ValueError("reserved name")
        if isinstance(t, torch.Tensor):
            t = t.detach().cpu().numpy()
        arr = np.ascontiguousarray(np.asarray(t, dtype="<f4"))
        raw = arr.tobytes()
        header[name] = OrderedDict([
            ("dtype", "F32"),
            ("shape", [int(d) for d in arr.shape]),
            ("data_offsets", [offset, offset + len(raw)]),
        ])
        blobs.append(raw)
        offset += len(raw)
    js = json.dumps(header, separators=(",", ":"), ensure_ascii=True).encode("utf-8")
    js += b" " * ((-len(js)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(js)))
        f.write(js)
        for raw in blobs:
            f.write(raw)


def read_safetensors(path):
    """Returns (OrderedDict name -> float32 torch tensor, metadata dict).
    Tensors come in data-offset order. Validates offsets: contiguous from 0,
    no gaps or overlaps, covering the whole data section."""
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError("%s: truncated" % path)
    (n,) = struct.unpack("<Q", blob[:8])
    if 8 + n > len(blob):
        raise ValueError("%s: header length past end of file" % path)
    header = json.loads(blob[8:8 + n].decode("utf-8"), object_pairs_hook=OrderedDict)
    data = blob[8 + n:]
    metadata = header.pop("__metadata__", {}) or {}
    entries = sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0])
    sizes = {"F32": 4, "F16": 2, "BF16": 2}
    out = OrderedDict()
    pos = 0
    for name, e in entries:
        dtype, shape, (b, e_) = e["dtype"], e["shape"], e["data_offsets"]
        if dtype not in sizes:
            raise ValueError("%s: %s has unsupported dtype %s" % (path, name, dtype))
        count = int(np.prod(shape)) if shape else 1
        if b != pos or e_ - b != count * sizes[dtype] or e_ > len(data):
            raise ValueError("%s: %s has bad data_offsets" % (path, name))
        raw = data[b:e_]
        if dtype == "F32":
            arr = np.frombuffer(raw, dtype="<f4")
        elif dtype == "F16":
            arr = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        else:
            arr = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        out[name] = torch.from_numpy(arr.astype(np.float32).reshape(shape).copy())
        pos = e_
    if pos != len(data):
        raise ValueError("%s: %d trailing bytes after the last tensor" % (path, len(data) - pos))
    return out, dict(metadata)


def load_model(path):
    """A model from a weight file written by the engine or by this module."""
    tensors, meta = read_safetensors(path)
    arch = Arch(meta["variant"], int(meta["ngf"]), int(meta["ndf"]), int(meta["blocks"]))
    has_d = any(n.startswith("d_a.") for n in tensors)
    model = EDCGModel(arch, include_discriminators=has_d)
    model.load_state_dict(tensors)
    return model, meta


if __name__ == "__main__":
    torch.set_num_threads(2)
    print_param_counts()
