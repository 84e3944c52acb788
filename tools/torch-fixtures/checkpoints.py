"""Writes the PyTorch checkpoint fixtures of org.jclef.nn.checkpoint into
nn/src/test/resources/checkpoints/ (committed; the Java tests never run Python).

Fixtures:
  net1d_small_state_dict.pt        torch.save(Net1D-Small.state_dict()), seeded default init;
                                   written to a path, so the archive root is the file stem.
  net1d_small_lightning.ckpt       a PyTorch-Lightning-style checkpoint dict: epoch, global_step,
                                   pytorch-lightning_version, state_dict (the same Small weights
                                   under "backbone."), loops, callbacks, optimizer_states (a real
                                   Adam state of a tiny model), lr_schedulers; written through a
                                   buffer like Lightning does, so the archive root is "archive".
  net1d_small.expected.txt         per Small tensor: dtype, shape, exact sum (math.fsum) and the
                                   CRC-32 of its row-major little-endian bytes.
  tiny_views.pt                    shared storages, offsets, transposed / strided / expanded /
                                   permuted views, every storage dtype, empty, scalar, special
                                   values, an nn.Parameter.
  tiny_views_protocol4.pt          the same object saved with pickle_protocol=4 (FRAME,
                                   SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL).
  tiny_views_torch2_layout.pt      tiny_views.pt re-packed the way torch >= 2.1 writes archives:
                                   root "archive/", .format_version, .storage_alignment,
                                   byteorder, .data/serialization_id, 64-byte aligned records
                                   padded with an "FB" extra field, data descriptors.
  tiny_views.expected.txt          every element of every tiny tensor.
  tiny_legacy.pt                   the pre-1.6 non-zip format (_use_new_zipfile_serialization=False).

Usage: /usr/bin/python3 tools/torch-fixtures/checkpoints.py
"""

import collections
import io
import math
import os
import struct
import sys
import zipfile
import zlib

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import net1d  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "nn", "src", "test", "resources", "checkpoints")
SMALL_SEED = 20251121
TINY_SEED = 7

TORCH_DTYPE_NAMES = {
    torch.float32: "float32", torch.float64: "float64", torch.float16: "float16",
    torch.bfloat16: "bfloat16", torch.int64: "int64", torch.int32: "int32",
    torch.int16: "int16", torch.int8: "int8", torch.uint8: "uint8", torch.bool: "bool",
}


# ------------------------------------------------------------------ Net1D-Small

class Backbone(nn.Module):
    """The pretraining LightningModule holds only the encoder, as "backbone" (§8)."""

    def __init__(self, encoder):
        super().__init__()
        self.backbone = encoder


def small_model():
    torch.manual_seed(SMALL_SEED)
    return net1d.build("small")


def tiny_adam_states():
    """A real Adam state (two steps) and cosine schedule of a tiny model: small enough to commit."""
    torch.manual_seed(TINY_SEED)
    tiny = nn.Sequential(nn.Conv1d(1, 2, 3), nn.Flatten(), nn.Linear(6, 2))
    optimizer = torch.optim.Adam(tiny.parameters(), lr=1e-3, weight_decay=1e-5)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)
    for _ in range(2):
        optimizer.zero_grad()
        loss = tiny(torch.randn(4, 1, 5)).pow(2).mean()
        loss.backward()
        optimizer.step()
        scheduler.step()
    return optimizer.state_dict(), scheduler.state_dict()


def progress(total, current):
    return {"total": dict(total), "current": dict(current)}


def lightning_loops():
    """The nested plain containers Lightning 2.x stores under "loops"."""
    done = {"ready": 1000, "started": 1000, "processed": 1000, "completed": 1000}
    epoch = {"ready": 250, "started": 250, "processed": 250, "completed": 250}
    step = {"total": {"ready": 1000, "completed": 1000}, "current": {"ready": 250, "completed": 250}}
    eval_loop = {
        "state_dict": {},
        "batch_progress": {**progress({"ready": 40, "started": 40, "processed": 40, "completed": 40},
                                      {"ready": 10, "started": 10, "processed": 10, "completed": 10}),
                           "is_last_batch": True},
    }
    return {
        "fit_loop": {
            "state_dict": {},
            "epoch_loop.state_dict": {"_batches_that_stepped": 1000},
            "epoch_loop.batch_progress": {**progress(done, epoch), "is_last_batch": True},
            "epoch_loop.scheduler_progress": progress({"ready": 4, "completed": 4},
                                                      {"ready": 1, "completed": 1}),
            "epoch_loop.automatic_optimization.state_dict": {},
            "epoch_loop.automatic_optimization.optim_progress": {
                "optimizer": {"step": step, "zero_grad": {
                    "total": {"ready": 1000, "started": 1000, "completed": 1000},
                    "current": {"ready": 250, "started": 250, "completed": 250}}}},
            "epoch_loop.manual_optimization.state_dict": {},
            "epoch_loop.manual_optimization.optim_step_progress": {
                "total": {"ready": 0, "completed": 0}, "current": {"ready": 0, "completed": 0}},
            "epoch_loop.val_loop.state_dict": {},
            "epoch_loop.val_loop.batch_progress": eval_loop["batch_progress"],
            "epoch_progress": progress({"ready": 4, "started": 4, "processed": 4, "completed": 3},
                                       {"ready": 4, "started": 4, "processed": 4, "completed": 3}),
        },
        "validate_loop": eval_loop,
        "test_loop": eval_loop,
        "predict_loop": {"state_dict": {}, "batch_progress": progress(
            {"ready": 0, "started": 0, "processed": 0, "completed": 0},
            {"ready": 0, "started": 0, "processed": 0, "completed": 0})},
    }


def lightning_checkpoint(model):
    optimizer_state, scheduler_state = tiny_adam_states()
    best = "/runs/clef_small/checkpoints/epoch=3-step=1000.ckpt"
    monitor = ("ModelCheckpoint{'monitor': 'val_loss', 'mode': 'min', 'every_n_train_steps': 0,"
               " 'every_n_epochs': 1, 'train_time_interval': None}")
    return {
        "epoch": 3,
        "global_step": 1000,
        "pytorch-lightning_version": "2.2.1",
        "state_dict": Backbone(model).state_dict(),
        "loops": lightning_loops(),
        "callbacks": {monitor: {
            "monitor": "val_loss",
            "best_model_score": torch.tensor(0.4321),
            "best_model_path": best,
            "current_score": torch.tensor(0.4321),
            "dirpath": "/runs/clef_small/checkpoints",
            "best_k_models": {best: torch.tensor(0.4321)},
            "kth_best_model_path": best,
            "kth_value": torch.tensor(0.4321),
            "last_model_path": "",
        }},
        "optimizer_states": [optimizer_state],
        "lr_schedulers": [scheduler_state],
    }


def fsum_and_crc(tensor):
    values = tensor.detach().contiguous()
    raw = values.numpy().tobytes()
    if values.dtype in (torch.float32, torch.float64):
        total = math.fsum(values.double().flatten().tolist())
    else:
        total = math.fsum(float(v) for v in values.flatten().tolist())
    return total, zlib.crc32(raw)


def write_small_expected(state_dict, path):
    with open(path, "w") as f:
        f.write("# Net1D-Small (seed %d): key, dtype, shape, math.fsum of the values (exact sum,\n"
                "# correctly rounded), CRC-32 of the row-major little-endian bytes\n" % SMALL_SEED)
        for key, tensor in state_dict.items():
            total, crc = fsum_and_crc(tensor)
            shape = ",".join(str(d) for d in tensor.shape)
            f.write(f"{key}\t{TORCH_DTYPE_NAMES[tensor.dtype]}\t[{shape}]\t{total!r}\t{crc:08x}\n")


# ------------------------------------------------------------------ tiny views

def tiny_views():
    torch.manual_seed(TINY_SEED)
    matrix = torch.arange(24, dtype=torch.float32).reshape(4, 6) * 0.5 - 3.0
    cube = torch.randn(2, 3, 4)
    flat = torch.randn(10, dtype=torch.float64)
    return collections.OrderedDict([
        ("matrix", matrix),
        ("transposed", matrix.t()),                     # stride (1, 6), shares matrix's storage
        ("row2", matrix[2]),                            # offset 12
        ("column3", matrix[:, 3]),                      # offset 3, stride 6
        ("every_other", matrix.view(-1)[1::2]),         # offset 1, stride 2
        ("permuted", cube.permute(2, 0, 1)),            # stride (1, 12, 4)
        ("cube_slice", cube[1, 1:, 2:]),                # offset 18, stride (4, 1)
        ("expanded", torch.tensor([1.5, -2.0, 3.25]).expand(2, 3)),  # stride (0, 1)
        ("float64", torch.tensor([[1.0 / 3.0, -2.5e-300], [math.pi, 1e300]], dtype=torch.float64)),
        ("float64_tail", flat[7:]),                     # offset 7 of a float64 storage
        ("int64", torch.tensor([0, -1, 2 ** 53, -(2 ** 40), 7], dtype=torch.int64)),
        ("num_batches_tracked", torch.tensor(12345, dtype=torch.int64)),
        ("int32", torch.tensor([-7, 0, 2 ** 31 - 1], dtype=torch.int32)),
        ("int16", torch.tensor([-32768, 32767, 5], dtype=torch.int16)),
        ("int8", torch.tensor([-128, 127, 0], dtype=torch.int8)),
        ("uint8", torch.tensor([0, 255, 17], dtype=torch.uint8)),
        ("bool", torch.tensor([True, False, True])),
        ("float16", torch.tensor([0.1, -65504.0, 6e-8, 1.0], dtype=torch.float16)),
        ("bfloat16", torch.tensor([0.1, -3e38, 1.0], dtype=torch.bfloat16)),
        ("special", torch.tensor([float("nan"), float("inf"), float("-inf"), -0.0, 1e-45])),
        ("scalar", torch.tensor(-2.75)),
        ("empty", torch.zeros(0, 3)),
        ("parameter", nn.Parameter(torch.tensor([[0.25, -0.5]]))),
    ])


def java_number(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(value)


def write_tiny_expected(tensors, path):
    with open(path, "w") as f:
        f.write("# tiny_views: key, dtype, shape, every element in row-major order (exact decimal\n"
                "# of the stored value; float16/bfloat16/float32 values widen exactly to float64)\n")
        for key, tensor in tensors.items():
            values = tensor.detach()
            if values.dtype in (torch.float16, torch.bfloat16):
                values = values.float()
            flat = [java_number(v) for v in values.flatten().tolist()]
            shape = ",".join(str(d) for d in tensor.shape)
            f.write(f"{key}\t{TORCH_DTYPE_NAMES[tensor.dtype]}\t[{shape}]\t{' '.join(flat)}\n")


# ------------------------------------------------------------------ torch >= 2.1 layout

class _CountingStream(io.RawIOBase):
    """A write-only, non-seekable stream: zipfile then writes data descriptors, like torch."""

    def __init__(self):
        self.buffer = bytearray()

    def writable(self):
        return True

    def seekable(self):
        return False

    def write(self, data):
        self.buffer.extend(data)
        return len(data)

    def tell(self):
        return len(self.buffer)


def repack_as_torch2(source_path, target_path):
    """Re-packs a torch 1.x archive with the records and alignment torch >= 2.1 writes."""
    with zipfile.ZipFile(source_path) as src:
        old_root = src.namelist()[0].split("/")[0]
        storages = sorted((n for n in src.namelist() if n.startswith(old_root + "/data/")),
                          key=lambda n: int(n.rsplit("/", 1)[1]))
        records = [("data.pkl", src.read(old_root + "/data.pkl")),
                   (".format_version", b"1"),
                   (".storage_alignment", b"64"),
                   ("byteorder", b"little")]
        records += [(n[len(old_root) + 1:], src.read(n)) for n in storages]
        records += [("version", b"3\n"), (".data/serialization_id", b"1234567890123456789012345678901234567890")]
    stream = _CountingStream()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_STORED) as out:
        for name, data in records:
            info = zipfile.ZipInfo("archive/" + name, date_time=(1980, 1, 1, 0, 0, 0))
            header_end = stream.tell() + 30 + len(info.filename)
            pad = (-(header_end + 4)) % 64
            info.extra = b"FB" + struct.pack("<H", pad) + b"Z" * pad
            out.writestr(info, data)
    with open(target_path, "wb") as f:
        f.write(bytes(stream.buffer))


# ------------------------------------------------------------------ main

def main():
    os.makedirs(OUT, exist_ok=True)
    print(f"torch {torch.__version__}, writing to {OUT}")

    model = small_model()
    state_dict = model.state_dict()
    torch.save(state_dict, os.path.join(OUT, "net1d_small_state_dict.pt"))
    write_small_expected(state_dict, os.path.join(OUT, "net1d_small.expected.txt"))

    buffer = io.BytesIO()
    torch.save(lightning_checkpoint(model), buffer)
    with open(os.path.join(OUT, "net1d_small_lightning.ckpt"), "wb") as f:
        f.write(buffer.getvalue())

    tiny = tiny_views()
    tiny_path = os.path.join(OUT, "tiny_views.pt")
    torch.save(tiny, tiny_path)
    torch.save(tiny, os.path.join(OUT, "tiny_views_protocol4.pt"), pickle_protocol=4)
    repack_as_torch2(tiny_path, os.path.join(OUT, "tiny_views_torch2_layout.pt"))
    write_tiny_expected(tiny, os.path.join(OUT, "tiny_views.expected.txt"))
    torch.save(collections.OrderedDict(w=torch.ones(2)), os.path.join(OUT, "tiny_legacy.pt"),
               _use_new_zipfile_serialization=False)

    for name in ("tiny_views.pt", "tiny_views_protocol4.pt", "tiny_views_torch2_layout.pt"):
        loaded = torch.load(os.path.join(OUT, name))
        for key, tensor in tiny.items():
            assert torch.equal(loaded[key].detach(), tensor.detach()) or key == "special", (name, key)
    loaded = torch.load(os.path.join(OUT, "net1d_small_lightning.ckpt"))
    for key, tensor in state_dict.items():
        assert torch.equal(loaded["state_dict"]["backbone." + key], tensor), key

    total = 0
    for name in sorted(os.listdir(OUT)):
        size = os.path.getsize(os.path.join(OUT, name))
        total += size
        print(f"  {name:32s} {size:>10,d} bytes")
    print(f"  {'total':32s} {total:>10,d} bytes")


if __name__ == "__main__":
    main()
