#!/usr/bin/python3
"""Writes the PyTorch reference fixture of jclef's pretraining losses (spec §4 and §4.7).

The reference implementations below follow the specification term by term with the torch ops the
authors' code uses (F.normalize, matmul, exp, log, softmax of the dissimilarity, full min()/max()
reductions), in the plain, unstabilised form: jclef's own code is written differently (a log-sum-
exp per anchor), so agreement checks the formulas, not a transcription. Inputs are float32 (risks
and rate_meta too, NaN and ±inf included); losses and gradients are float64, computed from the
float32 inputs widened exactly. Every loss is a scalar, so its gradients are plain d loss / d input.
See README.md next to this script for the tensors of each case.

    /usr/bin/python3 tools/torch-fixtures/loss.py
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import FixtureFile, generator_for, randn, read_safetensors, write_safetensors, run  # noqa: E402

DESTINATION = "clef/src/test/resources/fixtures/loss.safetensors"
NCE_EPS = 1e-8
RANGE_EPS = 1e-6


class LossFixtureFile(FixtureFile):
    """A FixtureFile whose read-back check accepts the NaN risks (NaN never equals itself)."""

    def write(self, root):
        path = os.path.join(root, self.relative_path)
        write_safetensors(path, self.tensors, self.metadata)
        tensors, metadata = read_safetensors(path)
        assert metadata == self.metadata
        for name, t in self.tensors.items():
            assert torch.equal(tensors[name].isnan(), t.isnan()), name
            assert torch.equal(tensors[name].nan_to_num(), t.nan_to_num()), name
        return path


# --------------------------------------------------------------------------- references

def finite_or_zero(x):
    """NaN and ±inf → 0 (spec §4.1: a missing risk is a zero risk)."""
    return torch.where(torch.isfinite(x), x, torch.zeros_like(x))


def risk_similarity(risk, rate_meta, floor, mask_path):
    """S (B × B) of spec §4.2 steps 1–5."""
    r = finite_or_zero(risk)
    b = r.shape[0]
    delta = (r[:, None] - r[None, :]) ** 2
    delta_hat = (delta - delta.min()) / (delta.max() - delta.min() + RANGE_EPS)
    d = (1 - floor) * delta_hat + floor
    d = d * (1 - torch.eye(b, dtype=d.dtype))
    if mask_path:
        m = finite_or_zero(rate_meta)
        d = d * torch.exp(-m[:, None] * m[None, :])
    return 1 - d


def clef_loss(z, risk, rate_meta, tau, floor, mask_path, use_nce, use_align):
    """Spec §4.3–4.5: returns (total, L_nce, L_align); a disabled term is None."""
    n = z.shape[0]
    b = n // 2
    big_m = risk_similarity(risk, rate_meta, floor, mask_path).repeat(2, 2)
    u = F.normalize(z, dim=1)
    s = u @ u.T
    terms = []
    nce = align = None
    if use_nce:
        w = torch.softmax(1 - big_m, dim=1)
        logits = s / tau
        self_mask = torch.eye(n, dtype=torch.bool)
        pos_mask = torch.roll(self_mask, b, dims=1)
        neg_mask = ~(self_mask | pos_mask)
        m = logits.masked_fill(self_mask, float("-inf")).max(dim=1, keepdim=True).values
        e = torch.exp(logits - m)
        pos = (e * pos_mask).sum(dim=1)
        neg = (w * e * neg_mask).sum(dim=1)
        nce = -torch.log(pos / (pos + neg + NCE_EPS)).mean()
        terms.append(nce)
    if use_align:
        s_hat = (s - s.min()) / (s.max() - s.min() + RANGE_EPS)
        align = ((s_hat - big_m) ** 2).mean()
        terms.append(align)
    return sum(terms) / len(terms), nce, align


def nt_xent(z, tau):
    """SimCLR: N − 1 logits per anchor (self excluded), cross-entropy on the positive."""
    n = z.shape[0]
    u = F.normalize(z, dim=1)
    logits = (u @ u.T / tau).masked_fill(torch.eye(n, dtype=torch.bool), float("-inf"))
    target = (torch.arange(n) + n // 2) % n
    return F.cross_entropy(logits, target)


def byol_loss(p1, p2, z1t, z2t):
    """Batch mean of (2 − 2 cos(p1, z2t)) + (2 − 2 cos(p2, z1t))."""
    def term(p, z):
        return 2 - 2 * (F.normalize(p, dim=1) * F.normalize(z, dim=1)).sum(dim=1)
    return (term(p1, z2t) + term(p2, z1t)).mean()


def moco_loss(q, k, queue, tau):
    """Logits [q·k⁺, q·queue] / τ on L2-normalised q and k, cross-entropy with target 0."""
    qn = F.normalize(q, dim=1)
    kn = F.normalize(k, dim=1)
    positive = (qn * kn).sum(dim=1, keepdim=True)
    negatives = qn @ queue
    logits = torch.cat([positive, negatives], dim=1) / tau
    return F.cross_entropy(logits, torch.zeros(q.shape[0], dtype=torch.long))


def wide_leaves(*tensors):
    return [t.double().requires_grad_(True) for t in tensors]


# --------------------------------------------------------------------------- inputs

def risks(gen, b, missing=0.0, infinities=0, scale=1.0):
    """Risks in [0, 0.4)·scale, a fraction `missing` of them NaN and `infinities` of them ±inf."""
    r = torch.rand(b, generator=gen) * 0.4 * scale
    order = torch.randperm(b, generator=gen)
    n_missing = int(round(missing * b))
    r[order[:n_missing]] = float("nan")
    for i in range(infinities):
        r[order[n_missing + i]] = float("inf") if i % 2 == 0 else float("-inf")
    return r.to(torch.float32)


def rate_meta(gen, b, missing=0.0):
    m = torch.rand(b, generator=gen)
    m[torch.randperm(b, generator=gen)[:int(round(missing * b))]] = float("nan")
    return m.to(torch.float32)


def embeddings(gen, b, d, pair_noise=None):
    """[2B, D]: independent rows, or view 2 = view 1 + pair_noise · noise (trained-like positives)."""
    if pair_noise is None:
        return randn(gen, 2 * b, d)
    v1 = randn(gen, b, d)
    return torch.cat([v1, v1 + randn(gen, b, d, scale=pair_noise)]).to(torch.float32)


# --------------------------------------------------------------------------- cases

# (name, B, D, tau, floor, mask_path, nce, align, missing, infinities, risk scale, pair noise)
CLEF_CASES = [
    ("clef_b4_d8_nan", 4, 8, 0.07, 0.2, False, True, True, 0.25, 0, 1.0, None),
    ("clef_b16_d32_nan_inf", 16, 32, 0.07, 0.2, False, True, True, 0.2, 2, 1.0, None),
    ("clef_b64_d256_nan", 64, 256, 0.07, 0.2, False, True, True, 0.15, 0, 1.0, None),
    ("clef_b8_d16_pairs_percent", 8, 16, 0.07, 0.2, False, True, True, 0.125, 0, 100.0, 0.3),
    ("clef_b2_d3_min_batch", 2, 3, 0.07, 0.2, False, True, True, 0.0, 0, 1.0, None),
    ("clef_b5_d4_all_missing", 5, 4, 0.07, 0.2, False, True, True, 1.0, 0, 1.0, None),
    ("clef_b4_d8_mask", 4, 8, 0.07, 0.2, True, True, True, 0.25, 0, 1.0, None),
    ("clef_b16_d32_mask", 16, 32, 0.07, 0.2, True, True, True, 0.2, 1, 1.0, 0.5),
    ("clef_b6_d8_nce_only", 6, 8, 0.07, 0.2, False, True, False, 0.2, 0, 1.0, None),
    ("clef_b6_d8_align_only", 6, 8, 0.07, 0.2, False, False, True, 0.2, 0, 1.0, None),
    ("clef_b8_d16_tau0.2_t0.5", 8, 16, 0.2, 0.5, False, True, True, 0.1, 0, 1.0, None),
]

# (name, B, D, tau)
NTXENT_CASES = [
    ("ntxent_b4_d8", 4, 8, 0.07),
    ("ntxent_b16_d32", 16, 32, 0.07),
    ("ntxent_b32_d64_tau0.5", 32, 64, 0.5),
    ("ntxent_b2_d3", 2, 3, 0.07),
]

# (name, B, D)
BYOL_CASES = [
    ("byol_b4_d8", 4, 8),
    ("byol_b16_d32", 16, 32),
]

# (name, B, D, K, tau)
MOCO_CASES = [
    ("moco_b4_d8_k32", 4, 8, 32, 0.07),
    ("moco_b8_d16_k64", 8, 16, 64, 0.07),
    ("moco_b4_d8_k16_tau0.2", 4, 8, 16, 0.2),
]


# Spec §11 T6: B = 3, D = 4, risks (0.05, 0.10, NaN).
T6_Z = [[1.0, 0.0, 0.5, -0.2], [0.2, 1.0, -0.3, 0.4], [-0.5, 0.3, 1.0, 0.1],
        [0.3, 0.6, 0.4, -0.1], [0.5, 0.8, 0.2, 0.6], [0.4, 0.2, 0.9, -0.3]]
T6_RISK = [0.05, 0.10, float("nan")]


def add_clef_case(fx, name, z, r, m, tau, floor, mask_path, use_nce, use_align):
    (z64,) = wide_leaves(z)
    total, nce, align = clef_loss(z64, r.double(), m.double(), tau, floor, mask_path, use_nce, use_align)
    total.backward()
    refs = {"loss": total.detach(), "dz": z64.grad}
    if nce is not None:
        refs["nce"] = nce.detach()
    if align is not None:
        refs["align"] = align.detach()
    params = {"op": "clef", "temperature": tau, "floor": floor,
              "metadata": "mask" if mask_path else "risk_only", "nce": use_nce, "align": use_align}
    fx.add(name, params, z=z, risk=r, rate_meta=m, **refs)


def add_ntxent_case(fx, name, z, tau):
    (z64,) = wide_leaves(z)
    loss = nt_xent(z64, tau)
    loss.backward()
    fx.add(name, {"op": "ntxent", "temperature": tau}, z=z, loss=loss.detach(), dz=z64.grad)


def loss_fixture():
    fx = LossFixtureFile(DESTINATION)
    fx.metadata["generator"] = "tools/torch-fixtures/loss.py"
    t6_z = torch.tensor(T6_Z, dtype=torch.float32)
    t6_risk = torch.tensor(T6_RISK, dtype=torch.float32)
    add_clef_case(fx, "clef_t6", t6_z, t6_risk, torch.zeros(3), 0.07, 0.2, False, True, True)
    add_ntxent_case(fx, "ntxent_t6", t6_z, 0.07)
    for (name, b, d, tau, floor, mask_path, use_nce, use_align, missing, infinities, scale,
         pair_noise) in CLEF_CASES:
        gen = generator_for(name)
        z = embeddings(gen, b, d, pair_noise)
        r = risks(gen, b, missing, infinities, scale)
        m = rate_meta(gen, b, 0.25)
        add_clef_case(fx, name, z, r, m, tau, floor, mask_path, use_nce, use_align)

    for name, b, d, tau in NTXENT_CASES:
        gen = generator_for(name)
        add_ntxent_case(fx, name, embeddings(gen, b, d), tau)

    for name, b, d in BYOL_CASES:
        gen = generator_for(name)
        inputs = [randn(gen, b, d) for _ in range(4)]
        leaves = wide_leaves(*inputs)
        loss = byol_loss(*leaves)
        loss.backward()
        p1, p2, z1t, z2t = inputs
        dp1, dp2, dz1t, dz2t = (t.grad for t in leaves)
        fx.add(name, {"op": "byol"}, p1=p1, p2=p2, z1t=z1t, z2t=z2t, loss=loss.detach(),
               dp1=dp1, dp2=dp2, dz1t=dz1t, dz2t=dz2t)

    for name, b, d, k, tau in MOCO_CASES:
        gen = generator_for(name)
        q = randn(gen, b, d)
        key = (q + randn(gen, b, d, scale=0.5)).to(torch.float32)
        queue = F.normalize(randn(gen, d, k), dim=0).to(torch.float32)
        q64, k64 = wide_leaves(q, key)
        loss = moco_loss(q64, k64, queue.double(), tau)
        loss.backward()
        fx.add(name, {"op": "moco", "temperature": tau}, q=q, k=key, queue=queue, loss=loss.detach(),
               dq=q64.grad, dk=k64.grad)
    return fx


if __name__ == "__main__":
    sys.exit(run({"loss": loss_fixture}, __doc__))
