"""Net1D, the CLEF encoder, as a PyTorch model written from spec §2 (CLEF.md).

Importable: other fixture scripts build models with ``build(size_name)`` and set the golden
weights of §2.8 with ``set_golden_weights``. Running the file checks the §2.6 parameter counts
of all three sizes and the §2.8 / §11 T4 golden forward of CLEF-Small in float64.

Module names follow the released state_dict keys (§8): ``first_conv.conv``, ``first_bn``,
``stage_list.{s}.block_list.{b}.{bn1, conv1.conv, bn2, conv2.conv, bn3, conv3.conv, se_fc1,
se_fc2}``. BatchNorm and dropout modules exist but are never applied (use_bn = use_do = False),
exactly like every CLEF configuration.

Usage: /usr/bin/python3 tools/torch-fixtures/net1d.py
"""

import math
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass(frozen=True)
class Net1dConfig:
    """One CLEF scale (§2.5)."""

    name: str
    base_filters: int
    ratio: float
    filters: tuple
    blocks: tuple
    groups_width: int
    in_channels: int = 1
    kernel_size: int = 16
    stride: int = 2
    se_reduction: int = 2


SMALL = Net1dConfig("small", 32, 0.5, (32, 64, 64, 128, 128, 256), (1, 1, 2, 2, 2, 2), 8)
MEDIUM = Net1dConfig("medium", 64, 1.0, (64, 160, 160, 400, 400, 1024, 1024),
                     (2, 2, 2, 3, 3, 4, 4), 16)
LARGE = Net1dConfig("large", 128, 1.5, (128, 256, 256, 512, 512, 1024, 1024, 2048, 2048),
                    (2, 3, 3, 4, 4, 5, 5, 6, 6), 32)
CONFIGS = {c.name: c for c in (SMALL, MEDIUM, LARGE)}

# §2.6: (parameters incl. unused BN affine, parameters without BN, state_dict entries)
EXPECTED_COUNTS = {
    "small": (447_792, 443_184, 257),
    "medium": (30_654_000, 30_587_632, 507),
    "large": (296_623_360, 296_301_312, 957),
}

# §11 T4: CLEF-Small golden forward.
T4_FIRST = (0.1765112289, -0.2691490893, -0.1582006016, 0.3339580532, 0.1267763617, -0.2383483009)
T4_SUM = 9.33977180919
T4_NORM = 4.57115643407
T4_MIN = -0.580367417
T4_MAX = 0.580014887


class Conv1dPadSame(nn.Module):
    """Conv1d with "same" padding (§2.1): L_out = ceil(L_in / s), the odd pad sample goes right."""

    def __init__(self, in_channels, out_channels, kernel_size, stride, groups=1):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride
        self.conv = nn.Conv1d(in_channels, out_channels, kernel_size, stride, groups=groups)

    def forward(self, x):
        length = x.shape[-1]
        out_length = -(-length // self.stride)
        pad = max(0, (out_length - 1) * self.stride + self.kernel_size - length)
        return self.conv(F.pad(x, (pad // 2, pad - pad // 2), "constant", 0.0))


class MaxPool1dPadSame(nn.Module):
    """Kernel-2 stride-2 max-pool after one ZERO (not -inf) sample on the right (§2.1, §9.1.1)."""

    def forward(self, x):
        return F.max_pool1d(F.pad(x, (0, 1), "constant", 0.0), kernel_size=2, stride=2)


class BasicBlock(nn.Module):
    """Pre-activation bottleneck with a grouped k-16 middle conv and SE (§2.2)."""

    def __init__(self, in_channels, out_channels, ratio, kernel_size, stride, groups,
                 downsample, is_first_block, se_reduction):
        super().__init__()
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.downsample = downsample
        self.is_first_block = is_first_block
        self.use_bn = False
        self.use_do = False
        middle = int(out_channels * ratio)
        stride = stride if downsample else 1

        self.bn1 = nn.BatchNorm1d(in_channels)
        self.do1 = nn.Dropout(p=0.5)
        self.conv1 = Conv1dPadSame(in_channels, middle, 1, 1)
        self.bn2 = nn.BatchNorm1d(middle)
        self.do2 = nn.Dropout(p=0.5)
        self.conv2 = Conv1dPadSame(middle, middle, kernel_size, stride, groups=groups)
        self.bn3 = nn.BatchNorm1d(middle)
        self.do3 = nn.Dropout(p=0.5)
        self.conv3 = Conv1dPadSame(middle, out_channels, 1, 1)
        self.se_fc1 = nn.Linear(out_channels, out_channels // se_reduction)
        self.se_fc2 = nn.Linear(out_channels // se_reduction, out_channels)
        self.max_pool = MaxPool1dPadSame()

    def _sub_layer(self, x, bn, dropout, conv, activate=True):
        if activate:
            if self.use_bn:
                x = bn(x)
            x = F.silu(x)
            if self.use_do:
                x = dropout(x)
        return conv(x)

    def forward(self, x):
        out = self._sub_layer(x, self.bn1, self.do1, self.conv1, activate=not self.is_first_block)
        out = self._sub_layer(out, self.bn2, self.do2, self.conv2)
        out = self._sub_layer(out, self.bn3, self.do3, self.conv3)

        squeeze = out.mean(-1)
        squeeze = F.silu(self.se_fc1(squeeze))
        excite = torch.sigmoid(self.se_fc2(squeeze))
        out = out * excite.unsqueeze(-1)

        shortcut = x
        if self.downsample:
            shortcut = self.max_pool(shortcut)
        if self.out_channels != self.in_channels:
            before = (self.out_channels - self.in_channels) // 2
            after = self.out_channels - self.in_channels - before
            shortcut = F.pad(shortcut.transpose(-1, -2), (before, after), "constant", 0.0)
            shortcut = shortcut.transpose(-1, -2)
        return out + shortcut


class BasicStage(nn.Module):
    """m blocks; block 0 downsamples with stride 2 and changes the width (§2.3)."""

    def __init__(self, in_channels, out_channels, ratio, kernel_size, stride, groups,
                 i_stage, m_blocks, se_reduction):
        super().__init__()
        self.block_list = nn.ModuleList()
        for i_block in range(m_blocks):
            first = i_block == 0
            self.block_list.append(BasicBlock(
                in_channels=in_channels if first else out_channels,
                out_channels=out_channels,
                ratio=ratio,
                kernel_size=kernel_size,
                stride=stride,
                groups=groups,
                downsample=first,
                is_first_block=(i_stage == 0 and first),
                se_reduction=se_reduction))

    def forward(self, x):
        for block in self.block_list:
            x = block(x)
        return x


class Net1D(nn.Module):
    """Stem, stages, time-mean embedding of dimension filters[-1] (§2.4); no head."""

    def __init__(self, config: Net1dConfig):
        super().__init__()
        self.config = config
        self.first_conv = Conv1dPadSame(config.in_channels, config.base_filters,
                                        config.kernel_size, config.stride)
        self.first_bn = nn.BatchNorm1d(config.base_filters)
        self.stage_list = nn.ModuleList()
        in_channels = config.base_filters
        for i_stage, (out_channels, m_blocks) in enumerate(zip(config.filters, config.blocks)):
            self.stage_list.append(BasicStage(
                in_channels=in_channels,
                out_channels=out_channels,
                ratio=config.ratio,
                kernel_size=config.kernel_size,
                stride=config.stride,
                groups=out_channels // config.groups_width,
                i_stage=i_stage,
                m_blocks=m_blocks,
                se_reduction=config.se_reduction))
            in_channels = out_channels

    def forward(self, x):
        """x: [N, in_ch, L] -> embedding [N, filters[-1]]."""
        out = F.silu(self.first_conv(x))
        for stage in self.stage_list:
            out = stage(out)
        return out.mean(-1)


def build(size_name, dtype=torch.float32):
    """A Net1D of scale "small", "medium" or "large" with PyTorch's default initialisation."""
    if size_name not in CONFIGS:
        raise ValueError(f"unknown Net1D size {size_name!r}, expected one of {sorted(CONFIGS)}")
    return Net1D(CONFIGS[size_name]).to(dtype)


def is_batchnorm_key(key):
    """True for every BN entry: first_bn.* and *.bn{1,2,3}.* (weight, bias, running stats)."""
    module = key.split(".")[-2]
    return "bn" in module


def parameter_counts(model):
    """(parameters incl. BN affine, parameters without BN, state_dict entries) as in §2.6."""
    with_bn = sum(p.numel() for p in model.parameters())
    without_bn = sum(p.numel() for name, p in model.named_parameters()
                     if not is_batchnorm_key(name))
    return with_bn, without_bn, len(model.state_dict())


def set_golden_weights(model):
    """§2.8: non-BN tensor p, flat index k  ->  0.1 * sin(0.7 k + p), in state_dict order."""
    with torch.no_grad():
        p = 0
        for key, tensor in model.state_dict().items():
            if is_batchnorm_key(key):
                continue
            k = torch.arange(tensor.numel(), dtype=torch.float64)
            tensor.copy_((0.1 * torch.sin(0.7 * k + p)).reshape(tensor.shape))
            p += 1
    return p


def golden_input(length=5000, dtype=torch.float64):
    """§2.8: x[t] = sin(2 pi 1.2 t / 500) + 0.5 sin(2 pi 7 t / 500), shape [1, 1, length]."""
    t = torch.arange(length, dtype=torch.float64)
    x = torch.sin(2 * math.pi * 1.2 * t / 500) + 0.5 * torch.sin(2 * math.pi * 7 * t / 500)
    return x.reshape(1, 1, length).to(dtype)


def check_parameter_counts():
    for name, expected in EXPECTED_COUNTS.items():
        model = build(name)
        counts = parameter_counts(model)
        assert counts == expected, f"{name}: counts {counts}, spec §2.6 says {expected}"
        print(f"{name:6s} parameters {counts[0]:,} incl. BN, {counts[1]:,} without, "
              f"{counts[2]} state_dict entries: OK")


def check_golden_forward():
    model = build("small", torch.float64).eval()
    n_tensors = set_golden_weights(model)
    assert n_tensors == 102, f"{n_tensors} non-BN tensors, spec §11 T4 says 102"
    with torch.no_grad():
        emb = model(golden_input())[0]
    assert emb.shape == (256,), emb.shape
    tol = 1e-9
    for i, expected in enumerate(T4_FIRST):
        assert abs(emb[i].item() - expected) < tol, f"emb[{i}] = {emb[i].item()!r}, T4 {expected}"
    assert abs(emb.sum().item() - T4_SUM) < tol, emb.sum().item()
    assert abs(emb.norm().item() - T4_NORM) < tol, emb.norm().item()
    assert abs(emb.min().item() - T4_MIN) < tol, emb.min().item()
    assert abs(emb.max().item() - T4_MAX) < tol, emb.max().item()
    print(f"small  golden forward T4: emb[0..5] = {[round(v, 10) for v in emb[:6].tolist()]}, "
          f"sum {emb.sum().item():.11f}, norm {emb.norm().item():.11f}: OK")


if __name__ == "__main__":
    print(f"torch {torch.__version__}")
    check_parameter_counts()
    check_golden_forward()
