#!/usr/bin/python3
"""Writes jclef's PyTorch reference fixtures as safetensors files.

Every case stores its inputs and the upstream gradient in float32 (what jclef computes with) and
the PyTorch reference outputs and gradients in float64, computed from the same float32 values
widened exactly to float64. The gradients are those of sum(output * dy), so the upstream gradient
dy is part of the case. The one exception is the autograd group (autograd.safetensors), float64
end to end, inputs included: it checks exact tie semantics at 1e-12. See README.md next to this
script for the layout and the file contents.

Run from anywhere with Debian's Python (it has torch):
    /usr/bin/python3 tools/torch-fixtures/generate.py
"""

import argparse
import json
import os
import struct
import sys
import zlib

import torch
import torch.nn.functional as F

FORMAT = "jclef-fixture-1"
BASE_SEED = 20240917
REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


# --------------------------------------------------------------------------- safetensors writer

_DTYPES = {torch.float32: ("F32", "<f4"), torch.float64: ("F64", "<f8")}


def write_safetensors(path, tensors, metadata):
    """Writes an ordered dict name -> float32/float64 tensor, plus string metadata, to path.

    Layout: u64 little-endian header length, the JSON header padded with spaces to a multiple of
    8 bytes, then the tensors' little-endian bytes back to back in the dict's order.
    """
    header = {"__metadata__": dict(metadata)} if metadata else {}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        if name == "__metadata__":
            raise ValueError("'__metadata__' cannot name a tensor")
        if t.dtype not in _DTYPES:
            raise ValueError(f"tensor {name!r}: dtype {t.dtype} is not float32 or float64")
        dtype, numpy_type = _DTYPES[t.dtype]
        data = t.detach().contiguous().cpu().numpy().astype(numpy_type, copy=False).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for data in blobs:
            f.write(data)
    os.replace(tmp, path)


def read_safetensors(path):
    """Reads back what write_safetensors wrote (a self-check, not a general reader)."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    metadata = header.pop("__metadata__", {})
    data = raw[8 + n:]
    tensors = {}
    for name, e in header.items():
        begin, end = e["data_offsets"]
        torch_type = torch.float32 if e["dtype"] == "F32" else torch.float64
        flat = torch.frombuffer(bytearray(data[begin:end]), dtype=torch_type)
        tensors[name] = flat.reshape(e["shape"])
    return tensors, metadata


# --------------------------------------------------------------------------- fixture building

class FixtureFile:
    """Cases of one fixture file: metadata '<case>/params' and tensors '<case>/<name>'."""

    def __init__(self, relative_path):
        self.relative_path = relative_path
        self.tensors = {}
        self.metadata = {"format": FORMAT, "generator": "tools/torch-fixtures/generate.py",
                         "torch": torch.__version__, "seed": str(BASE_SEED)}

    def add(self, case, params, **tensors):
        if case + "/params" in self.metadata:
            raise ValueError(f"duplicate case {case}")
        self.metadata[case + "/params"] = json.dumps(params, separators=(",", ":"))
        for name, t in tensors.items():
            self.tensors[f"{case}/{name}"] = t.detach()

    def write(self, root):
        path = os.path.join(root, self.relative_path)
        write_safetensors(path, self.tensors, self.metadata)
        tensors, metadata = read_safetensors(path)
        assert metadata == self.metadata
        for name, t in self.tensors.items():
            assert torch.equal(tensors[name], t), name
        return path


def generator_for(case):
    """A generator seeded from the case name, so adding a case leaves the others unchanged."""
    return torch.Generator().manual_seed(BASE_SEED + zlib.crc32(case.encode("utf-8")))


def randn(gen, *shape, scale=1.0):
    return (torch.randn(*shape, generator=gen, dtype=torch.float32) * scale).to(torch.float32)


def reference(fn, inputs, dy):
    """fn on float64 copies of the inputs; returns (output, gradients of sum(output * dy))."""
    wide = [t.detach().to(torch.float64, copy=True).requires_grad_(True) for t in inputs]
    out = fn(*wide)
    (out * dy.double()).sum().backward()
    return out.detach(), [t.grad.detach() for t in wide]


# --------------------------------------------------------------------------- conv1d

# (name, N, C_in, C_out, L, K, stride, pad_left, pad_right, groups, bias)
CONV1D_CASES = [
    ("g1_k16_s1_p7-8_L40", 2, 4, 8, 40, 16, 1, 7, 8, 1, True),
    ("g1_k16_s2_p7-7_L50", 2, 4, 6, 50, 16, 2, 7, 7, 1, True),
    ("g1_k16_s2_p7-8_L49_stem", 2, 1, 8, 49, 16, 2, 7, 8, 1, True),
    ("g2_cpg16_k16_s2_p7-8_L33", 2, 32, 32, 33, 16, 2, 7, 8, 2, True),
    ("g4_cpg4_k16_s1_p7-8_L37", 2, 16, 16, 37, 16, 1, 7, 8, 4, True),
    ("g4_cpg4_k16_s2_p7-8_L5", 2, 16, 16, 5, 16, 2, 7, 8, 4, True),
    ("g4_cpg4_k16_s1_p7-8_L6", 1, 16, 16, 6, 16, 1, 7, 8, 4, True),
    ("g32_cpg4_k16_s2_p7-7_L20", 1, 128, 128, 20, 16, 2, 7, 7, 32, True),
    ("g2_cpg48_k16_s1_p7-8_L21", 2, 96, 8, 21, 16, 1, 7, 8, 2, True),
    ("g4_cpg16_k16_s2_p7-7_L24_nobias", 2, 64, 8, 24, 16, 2, 7, 7, 4, False),
    ("g1_k1_s1_p0-0_cpg48_L31", 2, 48, 24, 31, 1, 1, 0, 0, 1, True),
    ("g1_k1_s2_p0-0_L11", 3, 8, 16, 11, 1, 2, 0, 0, 1, True),
    ("g4_k1_s1_p0-0_L9", 2, 16, 8, 9, 1, 1, 0, 0, 4, True),
]


def conv1d_fixture():
    fx = FixtureFile("tensor/src/test/resources/fixtures/conv1d.safetensors")
    for name, n, cin, cout, length, k, stride, pl, pr, groups, has_bias in CONV1D_CASES:
        gen = generator_for(name)
        x = randn(gen, n, cin, length)
        w = randn(gen, cout, cin // groups, k, scale=(cin // groups * k) ** -0.5)
        b = randn(gen, cout, scale=0.5)
        lout = (length + pl + pr - k) // stride + 1
        dy = randn(gen, n, cout, lout)

        def conv(x64, w64, *bias):
            return F.conv1d(F.pad(x64, (pl, pr)), w64, bias[0] if bias else None, stride=stride, groups=groups)

        params = {"op": "conv1d", "stride": stride, "pad_left": pl, "pad_right": pr,
                  "groups": groups, "bias": has_bias}
        if has_bias:
            y, (dx, dw, db) = reference(conv, [x, w, b], dy)
            fx.add(name, params, x=x, w=w, b=b, dy=dy, y=y, dx=dx, dw=dw, db=db)
        else:
            y, (dx, dw) = reference(conv, [x, w], dy)
            fx.add(name, params, x=x, w=w, dy=dy, y=y, dx=dx, dw=dw)
    return fx


# --------------------------------------------------------------------------- matmul

# (name, a shape, b shape, transpose_a, transpose_b): shapes as stored, before the transposes
MATMUL_CASES = [
    ("plain", (7, 13), (13, 5), False, False),
    ("transpose_a", (13, 7), (13, 5), True, False),
    ("transpose_b", (7, 13), (5, 13), False, True),
    ("transpose_ab", (13, 7), (5, 13), True, True),
    ("plain_long_k", (9, 200), (200, 11), False, False),
    ("batched", (3, 4, 6), (3, 6, 5), False, False),
    ("batched_transpose_ab", (3, 6, 4), (3, 5, 6), True, True),
    ("batched_a_shared_b", (3, 4, 6), (6, 5), False, False),
    ("batched_a_shared_b_transposed", (2, 4, 6), (5, 6), False, True),
    ("shared_a_batched_b", (4, 6), (3, 6, 5), False, False),
    ("shared_a_transposed_batched_b", (6, 4), (3, 6, 5), True, False),
]


def matmul_fixture():
    fx = FixtureFile("tensor/src/test/resources/fixtures/matmul.safetensors")
    for name, a_shape, b_shape, ta, tb in MATMUL_CASES:
        gen = generator_for(name)
        a = randn(gen, *a_shape)
        b = randn(gen, *b_shape)

        def mm(a64, b64):
            return torch.matmul(a64.transpose(-1, -2) if ta else a64, b64.transpose(-1, -2) if tb else b64)

        out_shape = mm(a.double(), b.double()).shape
        dy = randn(gen, *out_shape)
        c, (da, db) = reference(mm, [a, b], dy)
        fx.add(name, {"op": "matmul", "transpose_a": ta, "transpose_b": tb}, a=a, b=b, dy=dy, c=c, da=da, db=db)
    return fx


# --------------------------------------------------------------------------- elementwise

UNARY_FUNCTIONS = {"swish": F.silu, "sigmoid": torch.sigmoid}


def unary_fixture():
    fx = FixtureFile("tensor/src/test/resources/fixtures/unary.safetensors")
    extremes = torch.tensor([-40.0, -20.0, -5.0, -1e-3, 0.0, 1e-3, 5.0, 20.0, 40.0], dtype=torch.float32)
    for fn_name, fn in UNARY_FUNCTIONS.items():
        name = fn_name
        gen = generator_for(name)
        x = randn(gen, 3, 5, 16, scale=3.0)
        x.view(-1)[:extremes.numel()] = extremes
        dy = randn(gen, *x.shape)
        y, (dx,) = reference(fn, [x], dy)
        fx.add(name, {"op": "unary", "fn": fn_name}, x=x, dy=dy, y=y, dx=dx)
    return fx


# --------------------------------------------------------------------------- max-pool

# (name, x shape, kernel, stride, pad_left, pad_right, pad_value)
MAXPOOL_CASES = [
    ("same_odd_L25", (2, 3, 25), 2, 2, 0, 1, 0.0),
    ("same_even_L24", (2, 3, 24), 2, 2, 0, 0, 0.0),
    ("same_odd_L1", (1, 4, 1), 2, 2, 0, 1, 0.0),
    ("k3_s2_p1_neg_inf", (2, 2, 15), 3, 2, 1, 1, float("-inf")),
    ("k3_s1_overlapping", (2, 2, 10), 3, 1, 0, 0, float("-inf")),
]


def maxpool_fixture():
    fx = FixtureFile("tensor/src/test/resources/fixtures/maxpool1d.safetensors")
    for name, shape, kernel, stride, pl, pr, pad_value in MAXPOOL_CASES:
        gen = generator_for(name)
        x = randn(gen, *shape)
        # Rows whose last sample is negative make the zero pad win: force a few, whatever the seed.
        x[0, 0, -1] = -abs(x[0, 0, -1]) - 0.25
        x[-1, -1, -1] = abs(x[-1, -1, -1]) + 0.25

        def pool(x64):
            if pad_value == 0.0:
                return F.max_pool1d(F.pad(x64, (pl, pr), value=0.0), kernel, stride)
            assert pl == pr, "PyTorch pads -inf symmetrically"
            return F.max_pool1d(x64, kernel, stride, padding=pl)

        lout = (shape[-1] + pl + pr - kernel) // stride + 1
        dy = randn(gen, shape[0], shape[1], lout)
        y, (dx,) = reference(pool, [x], dy)
        params = {"op": "maxpool1d", "kernel": kernel, "stride": stride, "pad_left": pl, "pad_right": pr,
                  "pad_value": repr(pad_value).replace("inf", "Infinity")}
        fx.add(name, params, x=x, dy=dy, y=y, dx=dx)
    return fx


# --------------------------------------------------------------------------- softmax

# (name, function, x shape, dim, scale)
SOFTMAX_CASES = [
    ("softmax_last", "softmax", (5, 7), -1, 1.0),
    ("softmax_axis0", "softmax", (5, 7), 0, 1.0),
    ("softmax_last_rank3", "softmax", (3, 4, 6), -1, 1.0),
    ("softmax_axis0_rank3", "softmax", (3, 4, 6), 0, 1.0),
    ("softmax_last_large", "softmax", (4, 9), -1, 30.0),
    ("log_softmax_last", "log_softmax", (5, 7), -1, 1.0),
    ("log_softmax_axis0", "log_softmax", (5, 7), 0, 1.0),
    ("log_softmax_last_rank3", "log_softmax", (3, 4, 6), -1, 1.0),
    ("log_softmax_axis0_rank3", "log_softmax", (3, 4, 6), 0, 1.0),
    ("log_softmax_last_large", "log_softmax", (4, 9), -1, 30.0),
]


def softmax_fixture():
    fx = FixtureFile("autograd/src/test/resources/fixtures/softmax.safetensors")
    for name, fn_name, shape, dim, scale in SOFTMAX_CASES:
        gen = generator_for(name)
        x = randn(gen, *shape, scale=scale)
        dy = randn(gen, *shape)
        fn = getattr(F, fn_name)
        y, (dx,) = reference(lambda x64: fn(x64, dim=dim), [x], dy)
        fx.add(name, {"op": fn_name, "dim": dim}, x=x, dy=dy, y=y, dx=dx)
    return fx


# --------------------------------------------------------------------------- autograd expressions

# Unlike the other files, these cases are float64 end to end, inputs included: they pin down
# PyTorch's tie semantics (which element of a tie gets the gradient, and how much), which only an
# exact comparison at 1e-12 can check. The tied inputs are written out by hand.

def leaf(t):
    return t.detach().clone().requires_grad_(True)


def randn64(gen, *shape):
    return torch.randn(*shape, generator=gen, dtype=torch.float64)


def f64(values):
    return torch.tensor(values, dtype=torch.float64)


def autograd_conv1d(fx):
    name = "conv1d_g2_s2_p1-2"
    gen = generator_for(name)
    stride, pl, pr, groups = 2, 1, 2, 2
    x, w, b = randn64(gen, 2, 4, 9), randn64(gen, 6, 2, 3), randn64(gen, 6)
    dy = randn64(gen, 2, 6, (9 + pl + pr - 3) // stride + 1)
    y, (dx, dw, db) = reference(
        lambda x64, w64, b64: F.conv1d(F.pad(x64, (pl, pr)), w64, b64, stride=stride, groups=groups), [x, w, b], dy)
    params = {"op": "conv1d", "stride": stride, "pad_left": pl, "pad_right": pr, "groups": groups, "bias": True}
    fx.add(name, params, x=x, w=w, b=b, dy=dy, y=y, dx=dx, dw=dw, db=db)


def autograd_same_maxpool(fx):
    # Net1D's same max-pool on an odd length (one zero on the right, kernel 2, stride 2) with tied
    # pairs, a pair below the zero pad and the pad-only window.
    x = f64([[[1.0, 1.0, -2.0, 3.0, 0.5, 0.5, -1.0], [2.0, -1.0, -1.0, -1.0, 4.0, 4.0, 7.0]]])
    dy = f64([[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]])
    y, (dx,) = reference(lambda x64: F.max_pool1d(F.pad(x64, (0, 1), value=0.0), 2, 2), [x], dy)
    params = {"op": "maxpool1d", "kernel": 2, "stride": 2, "pad_left": 0, "pad_right": 1, "pad_value": "0.0"}
    fx.add("same_maxpool_zero_pad_ties", params, x=x, dy=dy, y=y, dx=dx)


def autograd_reduction_ties(fx):
    # loss = Σ amax(x, 1)·dy_amax + Σ amin(x, 0)·dy_amin + max_scale·max(x) + min_scale·min(x)
    x = leaf(f64([[1.0, 3.0, 3.0, 2.0], [-1.0, -1.0, 0.0, 3.0], [5.0, 5.0, 5.0, -4.0]]))
    dy_amax = f64([[1.0], [2.0], [3.0]])
    dy_amin = f64([[1.0, 10.0, 100.0, 1000.0]])
    max_scale, min_scale = 7, 11
    loss = ((x.amax(1, keepdim=True) * dy_amax).sum() + (x.amin(0, keepdim=True) * dy_amin).sum()
            + max_scale * x.max() + min_scale * x.min())
    loss.backward()
    params = {"op": "reduction_ties", "max_scale": max_scale, "min_scale": min_scale}
    fx.add("reduction_ties", params, x=x, dy_amax=dy_amax, dy_amin=dy_amin, loss=loss, dx=x.grad)


def autograd_elementwise_ties(fx):
    # loss = Σ maximum(a, b)·dy_maximum + Σ minimum(a, b)·dy_minimum, with a = b at two places
    a, b = leaf(f64([1.0, 2.0, 5.0, -3.0])), leaf(f64([1.0, 3.0, 4.0, -3.0]))
    dy_maximum, dy_minimum = f64([1.0, 2.0, 3.0, 4.0]), f64([10.0, 20.0, 30.0, 40.0])
    loss = (torch.maximum(a, b) * dy_maximum).sum() + (torch.minimum(a, b) * dy_minimum).sum()
    loss.backward()
    fx.add("elementwise_ties", {"op": "elementwise_ties"}, a=a, b=b, dy_maximum=dy_maximum,
           dy_minimum=dy_minimum, loss=loss, da=a.grad, db=b.grad)


def autograd_clef_alignment(fx):
    # The CLEF alignment term: cosine-similarity matrix of normalised rows, batch min-max, MSE to a target.
    name = "clef_alignment"
    gen = generator_for(name)
    range_eps = 1e-6
    z = leaf(randn64(gen, 6, 5))
    target = torch.rand(6, 6, generator=gen, dtype=torch.float64)
    u = F.normalize(z, dim=1, eps=1e-12)
    s = u @ u.t()
    loss = F.mse_loss((s - s.min()) / (s.max() - s.min() + range_eps), target)
    loss.backward()
    fx.add(name, {"op": "clef_alignment", "range_eps": range_eps}, z=z, target=target, loss=loss, dz=z.grad)


def autograd_cross_entropy(fx):
    # Cross-entropy of logits from a batched matmul with a shared weight, plus the log-softmax values.
    name = "cross_entropy_batched_matmul"
    gen = generator_for(name)
    h, w = leaf(randn64(gen, 3, 2, 4)), leaf(randn64(gen, 5, 4))
    targets = [4, 0, 2, 2, 1, 3]
    logits = (h @ w.t()).reshape(6, 5)
    loss = F.cross_entropy(logits, torch.tensor(targets))
    loss.backward()
    fx.add(name, {"op": "cross_entropy", "targets": targets}, h=h, w=w,
           log_softmax=F.log_softmax(logits, dim=1), loss=loss, dh=h.grad, dw=w.grad)


def autograd_fixture():
    fx = FixtureFile("autograd/src/test/resources/fixtures/autograd.safetensors")
    autograd_conv1d(fx)
    autograd_same_maxpool(fx)
    autograd_reduction_ties(fx)
    autograd_elementwise_ties(fx)
    autograd_clef_alignment(fx)
    autograd_cross_entropy(fx)
    return fx


# --------------------------------------------------------------------------- main

FIXTURES = {
    "conv1d": conv1d_fixture,
    "matmul": matmul_fixture,
    "unary": unary_fixture,
    "maxpool1d": maxpool_fixture,
    "softmax": softmax_fixture,
    "autograd": autograd_fixture,
}


def run(fixtures, doc):
    """Command-line driver shared by the fixture scripts: `--root`, `--only NAME` (repeatable),
    deterministic single-threaded torch, and a size line per written file."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=REPO_ROOT, help="repository root (default: %(default)s)")
    parser.add_argument("--only", choices=sorted(fixtures), action="append",
                        help="generate only this fixture file (repeatable)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    total = 0
    for key in args.only or fixtures:
        fx = fixtures[key]()
        path = fx.write(args.root)
        size = os.path.getsize(path)
        total += size
        cases = sum(1 for k in fx.metadata if k.endswith("/params"))
        print(f"{os.path.relpath(path, args.root)}: {cases} cases, {len(fx.tensors)} tensors, {size} bytes")
    print(f"total {total} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(run(FIXTURES, __doc__))
