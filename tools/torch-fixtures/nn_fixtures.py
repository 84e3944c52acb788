#!/usr/bin/python3
"""Writes the PyTorch reference fixtures of jclef's nn module and of the Net1D encoder.

Same conventions as generate.py (whose safetensors writer and helpers it uses): inputs, weights
and upstream gradients in float32; references computed by PyTorch in float64 from those values
widened exactly; gradients are those of sum(output * dy). See README.md next to this script.

Run from anywhere with Debian's Python (it has torch):
    /usr/bin/python3 tools/torch-fixtures/nn_fixtures.py                # all files
    /usr/bin/python3 tools/torch-fixtures/nn_fixtures.py --only layers  # one file (repeatable)
"""

import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import net1d  # noqa: E402
from generate import REPO_ROOT, FixtureFile, generator_for, randn, run  # noqa: E402


# --------------------------------------------------------------------------- Net1D
# The PyTorch Net1D is net1d.py's. CLEF never runs BatchNorm, so net1d.py's forward skips it; the
# reference network (Hong's Net1D) has a use_bn switch that applies first_bn after the stem and
# bn1-3 before each swish, which jclef implements too. NetWithBatchNorm is that switch.

class NetWithBatchNorm(net1d.Net1D):
    """net1d.Net1D with the reference's use_bn=True path: stem conv, first_bn, swish; BN in every block."""

    def __init__(self, config):
        super().__init__(config)
        for stage in self.stage_list:
            for block in stage.block_list:
                block.use_bn = True

    def forward(self, x):
        out = F.silu(self.first_bn(self.first_conv(x)))
        for stage in self.stage_list:
            out = stage(out)
        return out.mean(-1)


def build_net1d(scale, use_bn):
    config = net1d.CONFIGS[scale]
    return NetWithBatchNorm(config) if use_bn else net1d.Net1D(config)


is_batch_norm = net1d.is_batchnorm_key


# --------------------------------------------------------------------------- deterministic weights

def hashed_uniform(seed, p, n):
    """n values in [-1, 1): u_k from murmur3's fmix32 of (k·0x9E3779B1 + p·0x85EBCA77 + seed) mod 2^32,
    top 24 bits. Integer arithmetic, so the Java twin (Net1DParityTest.hashedUniform) is bit-exact."""
    mask = np.uint64(0xFFFFFFFF)
    k = np.arange(n, dtype=np.uint64)
    x = (k * np.uint64(0x9E3779B1) + np.uint64((p * 0x85EBCA77 + seed) & 0xFFFFFFFF)) & mask
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x85EBCA6B)) & mask
    x ^= x >> np.uint64(13)
    x = (x * np.uint64(0xC2B2AE35)) & mask
    x ^= x >> np.uint64(16)
    u = (x >> np.uint64(8)).astype(np.float64) / float(1 << 24)
    return 2.0 * u - 1.0


def fill_deterministic(model, seed):
    """Non-BN tensor p (state_dict order) gets hashed_uniform(seed, p)·1/sqrt(fan_in of its layer), in float32."""
    p = 0
    fan_in = None
    with torch.no_grad():
        for key, t in model.state_dict().items():
            if is_batch_norm(key):
                continue
            if t.dim() >= 2:
                fan_in = int(np.prod(t.shape[1:]))
            bound = 1.0 / math.sqrt(fan_in)
            values = hashed_uniform(seed, p, t.numel()) * bound
            t.copy_(torch.from_numpy(values.astype(np.float32)).reshape(t.shape))
            p += 1


# --------------------------------------------------------------------------- layer fixtures

class SqueezeExcite(nn.Module):
    """The Net1D block's SE as a stand-alone module (jclef's SqueezeExcite: children fc1, fc2)."""

    def __init__(self, channels):
        super().__init__()
        self.fc1 = nn.Linear(channels, channels // 2)
        self.fc2 = nn.Linear(channels // 2, channels)

    def forward(self, h):
        a = torch.sigmoid(self.fc2(F.silu(self.fc1(h.mean(-1)))))
        return h * a.unsqueeze(-1)


def add_module_case(fx, name, params, module, x, gen, train=True, prepare=None):
    """Stores the module's float32 state as 'state/<key>', x and dy (float32), and the float64 output
    'y', input gradient 'dx', parameter gradients 'grad/<key>' and running statistics after the
    call 'after/<key>'. prepare(module) may change the float32 state first."""
    module.float()
    if prepare is not None:
        prepare(module)
    state = {f"state/{k}": v.detach().clone() for k, v in module.state_dict().items() if v.is_floating_point()}
    module.double().train(train)
    x64 = x.double().requires_grad_(True)
    y = module(x64)
    dy = randn(gen, *y.shape)
    (y * dy.double()).sum().backward()
    tensors = dict(state, x=x, dy=dy, y=y.detach(), dx=x64.grad.detach())
    for k, p in module.named_parameters():
        if p.grad is not None:
            tensors[f"grad/{k}"] = p.grad.detach().clone()
    for k, v in module.state_dict().items():
        if "running" in k:
            tensors[f"after/{k}"] = v.detach().clone()
    fx.add(name, dict(params, train=train), **tensors)


def perturb_batch_norm(gen, *layers):
    """Non-trivial float32 BatchNorm state: weight near 1, bias near 0, running statistics."""
    with torch.no_grad():
        for bn in layers:
            c = bn.num_features
            bn.weight.copy_(1 + 0.3 * randn(gen, c))
            bn.bias.copy_(0.2 * randn(gen, c))
            bn.running_mean.copy_(0.5 * randn(gen, c))
            bn.running_var.copy_(0.5 + randn(gen, c).abs())


def layers_fixture():
    fx = FixtureFile("nn/src/test/resources/fixtures/nn_layers.safetensors")
    # Conv1d with 'same' padding: (name, N, C_in, C_out, L, K, stride, groups)
    for name, n, cin, cout, length, k, stride, groups in [
        ("conv_same_k16_s2_even", 2, 4, 8, 50, 16, 2, 1),
        ("conv_same_k16_s2_odd", 2, 8, 8, 49, 16, 2, 4),
        ("conv_same_k16_s1", 2, 8, 16, 37, 16, 1, 2),
        ("conv_same_k1_s1", 2, 6, 10, 23, 1, 1, 1),
        ("conv_same_k16_s2_short", 1, 4, 4, 5, 16, 2, 2),
        ("conv_same_stem_L1", 1, 1, 8, 1, 16, 2, 1),
    ]:
        gen = generator_for(name)
        torch.manual_seed(1000 + len(name))
        module = net1d.Conv1dPadSame(cin, cout, k, stride, groups)
        x = randn(gen, n, cin, length)
        add_module_case(fx, name, {"op": "conv1d_same", "in": cin, "out": cout, "kernel": k, "stride": stride,
                                   "groups": groups}, module, x, gen)
    # Linear: (name, x shape, in, out)
    for name, shape, fin, fout in [("linear_2d", (5, 12), 12, 7), ("linear_3d", (2, 3, 6), 6, 4)]:
        gen = generator_for(name)
        torch.manual_seed(2000 + len(name))
        module = nn.Linear(fin, fout)
        add_module_case(fx, name, {"op": "linear", "in": fin, "out": fout}, module, randn(gen, *shape), gen)
    # Squeeze-and-excitation, odd channel count for the integer division
    for name, n, c, length in [("se_c8", 2, 8, 13), ("se_c7", 3, 7, 10)]:
        gen = generator_for(name)
        torch.manual_seed(3000 + c)
        add_module_case(fx, name, {"op": "se", "channels": c, "reduction": 2}, SqueezeExcite(c),
                        randn(gen, n, c, length), gen)
    # Max-pool 'same' (zero pad): odd and even lengths, rows ending negative so the pad wins
    for name, shape in [("maxpool_same_odd", (2, 3, 25)), ("maxpool_same_even", (2, 3, 24)),
                        ("maxpool_same_L1", (1, 4, 1))]:
        gen = generator_for(name)
        x = randn(gen, *shape)
        x[0, 0, -1] = -abs(x[0, 0, -1]) - 0.25
        add_module_case(fx, name, {"op": "maxpool_same", "kernel": 2}, net1d.MaxPool1dPadSame(), x, gen)
    # BatchNorm1d: train (batch statistics, running statistics updated) and eval (given running statistics)
    for name, shape, train in [("bn_train_3d", (4, 5, 9), True), ("bn_train_2d", (6, 3), True),
                               ("bn_eval_3d", (3, 5, 7), False)]:
        gen = generator_for(name)
        module = nn.BatchNorm1d(shape[1])
        x = 2 * randn(gen, *shape) + 0.7
        add_module_case(fx, name, {"op": "batchnorm", "features": shape[1]}, module, x, gen, train=train,
                        prepare=lambda m, g=gen: perturb_batch_norm(g, m))
    return fx


def blocks_fixture():
    fx = FixtureFile("clef/src/test/resources/fixtures/net1d_blocks.safetensors")
    # BasicBlock: (name, N, C_in, C_out, ratio, L, stride, groups_width, downsample, first, bn, train)
    for name, n, cin, cout, ratio, length, stride, gw, down, first, bn, train in [
        ("block_first", 2, 8, 8, 0.5, 33, 2, 2, True, True, False, True),
        ("block_widen_downsample_odd", 2, 8, 16, 0.5, 25, 2, 4, True, False, False, True),
        ("block_widen_uneven_pad", 2, 6, 16, 1.0, 20, 2, 4, True, False, False, True),
        ("block_plain", 2, 16, 16, 1.5, 17, 1, 8, False, False, False, True),
        ("block_bn_train", 3, 8, 16, 1.0, 19, 2, 4, True, False, True, True),
        ("block_bn_eval", 2, 8, 16, 1.0, 19, 2, 4, True, False, True, False),
    ]:
        gen = generator_for(name)
        torch.manual_seed(4000 + len(name))
        module = net1d.BasicBlock(cin, cout, ratio, 16, stride, cout // gw, down, first, se_reduction=2)
        module.use_bn = bn

        params = {"op": "basic_block", "in": cin, "out": cout, "ratio": ratio, "stride": stride,
                  "groups": cout // gw, "downsample": down, "first": first, "batch_norm": bn}
        prepare = (lambda m, g=gen: perturb_batch_norm(g, m.bn1, m.bn2, m.bn3)) if bn else None
        add_module_case(fx, name, params, module, randn(gen, n, cin, length), gen, train=train, prepare=prepare)
    return fx


# --------------------------------------------------------------------------- optimisers

def optim_fixture():
    """A few steps of each optimiser on three float64 parameters, one of which never gets a gradient."""
    fx = FixtureFile("nn/src/test/resources/fixtures/optim.safetensors")
    steps = 4
    cases = [
        ("sgd_plain", "sgd", dict(lr=0.1)),
        ("sgd_momentum_dampening_wd", "sgd", dict(lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01)),
        ("sgd_nesterov_wd", "sgd", dict(lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.02)),
        ("adam_defaults", "adam", dict(lr=1e-3)),
        ("adam_l2", "adam", dict(lr=1e-2, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
        ("adamw_clef", "adamw", dict(lr=1e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=5e-4)),
        ("adamw_large_decay", "adamw", dict(lr=1e-2, weight_decay=0.3)),
    ]
    for name, kind, hyper in cases:
        gen = generator_for(name)
        shapes = {"a": (3, 4), "b": (5,), "unused": (2, 2)}
        init = {k: randn(gen, *s) for k, s in shapes.items()}
        grads = [{k: randn(gen, *s) for k, s in shapes.items() if k != "unused"} for _ in range(steps)]
        params = {k: v.double().clone().requires_grad_(True) for k, v in init.items()}
        opt = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[kind](
            list(params.values()), **hyper)
        tensors = {f"init/{k}": v for k, v in init.items()}
        for s, g in enumerate(grads):
            for k, p in params.items():
                p.grad = g[k].double() if k in g else None
            opt.step()
            for k, v in g.items():
                tensors[f"grad{s}/{k}"] = v
            for k, p in params.items():
                tensors[f"after{s}/{k}"] = p.detach().clone()
        h = dict(hyper)
        if "betas" in h:
            h["beta1"], h["beta2"] = h.pop("betas")
        fx.add(name, dict({"op": kind, "steps": steps}, **h), **tensors)
    return fx


# --------------------------------------------------------------------------- learning-rate schedules

def lr_values(optimizer, scheduler, n, stepper=None, momentum=False):
    lrs, moms = [], []
    for i in range(n):
        group = optimizer.param_groups[0]
        lrs.append(group["lr"])
        if momentum:
            moms.append(group["betas"][0])
        optimizer.step()
        if stepper is None:
            scheduler.step()
        else:
            stepper(i)
    return lrs, moms


def schedules_fixture():
    fx = FixtureFile("nn/src/test/resources/fixtures/lr_schedules.safetensors")

    def optimizer(lr):
        return torch.optim.AdamW([torch.zeros(1, requires_grad=True)], lr=lr)

    # Per epoch, as CLEF pretraining: T0 = 10, T_mult = 2, eta_min = 1e-6, 160 epochs (restarts 10, 30, 70, 150)
    for name, base, t0, t_mult, eta_min, n in [("cosine_restarts_clef", 1e-4, 10, 2, 1e-6, 160),
                                               ("cosine_restarts_tmult1", 1e-3, 50, 1, 0.0, 120),
                                               ("cosine_restarts_tmult3", 0.1, 3, 3, 0.01, 45)]:
        opt = optimizer(base)
        sched = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=t0, T_mult=t_mult, eta_min=eta_min)
        lrs, _ = lr_values(opt, sched, n)
        fx.add(name, {"op": "cosine_restarts", "base_lr": base, "t0": t0, "t_mult": t_mult, "eta_min": eta_min,
                      "steps_per_epoch": 1}, lr=torch.tensor(lrs, dtype=torch.float64))
    # Per step: scheduler.step(epoch + i / iters), PyTorch's documented per-batch use
    base, t0, t_mult, eta_min, iters, epochs = 1e-3, 2, 2, 1e-5, 7, 14
    opt = optimizer(base)
    sched = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=t0, T_mult=t_mult, eta_min=eta_min)
    lrs = []
    for epoch in range(epochs):
        for i in range(iters):
            sched.step(epoch + i / iters)
            lrs.append(opt.param_groups[0]["lr"])
    fx.add("cosine_restarts_per_step", {"op": "cosine_restarts", "base_lr": base, "t0": t0, "t_mult": t_mult,
                                        "eta_min": eta_min, "steps_per_epoch": iters},
           lr=torch.tensor(lrs, dtype=torch.float64))
    # One-cycle with Adam's beta1 cycled
    for name, max_lr, total, pct, three, anneal in [("one_cycle_default", 1e-2, 100, 0.3, False, "cos"),
                                                    ("one_cycle_three_phase_linear", 0.1, 40, 0.25, True, "linear")]:
        opt = optimizer(max_lr)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=max_lr, total_steps=total, pct_start=pct,
                                                    anneal_strategy=anneal, three_phase=three)
        lrs, moms = lr_values(opt, sched, total, momentum=True)
        fx.add(name, {"op": "one_cycle", "max_lr": max_lr, "total_steps": total, "pct_start": pct,
                      "three_phase": three, "anneal": anneal},
               lr=torch.tensor(lrs, dtype=torch.float64), momentum=torch.tensor(moms, dtype=torch.float64))
    # Linear warm-up (LinearLR, end factor 1)
    opt = optimizer(3e-4)
    sched = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, end_factor=1.0, total_iters=8)
    lrs, _ = lr_values(opt, sched, 12)
    fx.add("linear_warmup", {"op": "linear_warmup", "base_lr": 3e-4, "start_factor": 0.1, "warmup": 8},
           lr=torch.tensor(lrs, dtype=torch.float64))
    return fx


# --------------------------------------------------------------------------- Net1D parity

WEIGHT_SEED = 20250101
GRAD_SAMPLES = 64


def net1d_case(fx, name, scale, n, length, full_gradients, use_bn=False, train=True):
    """Net1D with hashed weights on a random input; stores the input, dy, the float64 embedding and
    input gradient, and every non-BN parameter gradient in full or as (samples, sum, sum of squares)."""
    gen = generator_for(name)
    model = build_net1d(scale, use_bn)
    fill_deterministic(model, WEIGHT_SEED)
    model.double().train(train)
    x = randn(gen, n, 1, length)
    dy = randn(gen, n, model.stage_list[-1].block_list[-1].out_channels)
    x64 = x.double().requires_grad_(True)
    emb = model(x64)
    (emb * dy.double()).sum().backward()
    tensors = {"x": x, "dy": dy, "emb": emb.detach(), "dx": x64.grad.detach()}
    no_grad = []
    for key, p in model.named_parameters():
        if p.grad is None:
            assert is_batch_norm(key), key
            no_grad.append(key)
            continue
        g = p.grad.detach().reshape(-1)
        if full_gradients:
            tensors[f"grad/{key}"] = p.grad.detach()
        else:
            count = min(GRAD_SAMPLES, g.numel())
            idx = [(j * g.numel()) // count for j in range(count)]
            tensors[f"grad_samples/{key}"] = g[idx].clone()
            tensors[f"grad_stats/{key}"] = torch.stack([g.sum(), (g * g).sum(), g.abs().max()])
    if use_bn:
        for key, v in model.state_dict().items():
            if key.endswith("running_var"):
                tensors[f"after/{key}"] = v.detach().clone()
    fx.add(name, {"op": "net1d", "scale": scale, "weight_seed": WEIGHT_SEED, "full_gradients": full_gradients,
                  "batch_norm": use_bn, "train": train, "grad_samples": GRAD_SAMPLES, "no_grad": no_grad},
           **tensors)


def net1d_fixture():
    fx = FixtureFile("clef/src/test/resources/fixtures/net1d_parity.safetensors")
    net1d_case(fx, "small", "small", 2, 1000, full_gradients=True)
    net1d_case(fx, "small_bn_train", "small", 3, 160, full_gradients=False, use_bn=True)
    net1d_case(fx, "medium", "medium", 2, 300, full_gradients=False)
    return fx


def checkpoint_fixture():
    """The embedding PyTorch computes from the committed torch.save'd Net1D-Small weights of
    checkpoints.py (nn/src/test/resources/checkpoints), so that jclef can load the .pt and the
    Lightning .ckpt and compare, without a second copy of the weights."""
    fx = FixtureFile("clef/src/test/resources/fixtures/net1d_checkpoint.safetensors")
    folder = os.path.join(REPO_ROOT, "nn", "src", "test", "resources", "checkpoints")
    state = torch.load(os.path.join(folder, "net1d_small_state_dict.pt"), map_location="cpu")
    lightning = torch.load(os.path.join(folder, "net1d_small_lightning.ckpt"), map_location="cpu")
    for key, t in state.items():
        assert torch.equal(lightning["state_dict"]["backbone." + key], t), key
    model = net1d.build("small")
    model.load_state_dict(state)
    model.double().eval()
    gen = generator_for("small_checkpoint")
    x = randn(gen, 2, 1, 777)
    with torch.no_grad():
        emb = model(x.double())
    fx.add("small_checkpoint", {"op": "net1d_checkpoint", "scale": "small",
                                "state_dict": "nn/src/test/resources/checkpoints/net1d_small_state_dict.pt",
                                "lightning": "nn/src/test/resources/checkpoints/net1d_small_lightning.ckpt"},
           x=x, emb=emb)
    return fx


# --------------------------------------------------------------------------- main

FIXTURES = {
    "layers": layers_fixture,
    "blocks": blocks_fixture,
    "optim": optim_fixture,
    "schedules": schedules_fixture,
    "net1d": net1d_fixture,
    "checkpoint": checkpoint_fixture,
}


if __name__ == "__main__":
    sys.exit(run(FIXTURES, __doc__))
