#!/usr/bin/python3
"""Times one CLEF pretraining step in PyTorch: the twin of jclef's PretrainStepBenchmark.

Net1D (tools/torch-fixtures/net1d.py, written from spec §2) on a batch of B patients = 2B random
views, the CLEF loss of spec §4 (tools/torch-fixtures/loss.py) with random risks, backward, the
global gradient norm (as the trainer logs it), AdamW (lr 1e-4, weight decay 5e-4) and zero_grad.
Data loading is excluded, as in the Java benchmark.

    /usr/bin/python3 tools/bench/torch_train_step.py --threads 2 [--model small] [--patients 64]
        [--samples 5000] [--warmup 3] [--steps 10]
"""

import argparse
import os
import statistics
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "torch-fixtures"))
from loss import clef_loss  # noqa: E402
from net1d import build  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--model", default="small")
    parser.add_argument("--patients", type=int, default=64)
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    model = build(args.model)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=5e-4, betas=(0.9, 0.999), eps=1e-8)
    views = torch.randn(2 * args.patients, 1, args.samples)
    risk = torch.rand(args.patients) * 0.29 + 0.01
    params = [p for p in model.parameters()]

    def step():
        z = model(views)
        loss = clef_loss(z, risk, None, 0.07, 0.2, False, True, True)[0]
        loss.backward()
        grads = [p.grad for p in params if p.grad is not None]
        torch.norm(torch.stack([torch.norm(g) for g in grads]))
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return loss.item()

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    mean = statistics.mean(times)
    print(f"torch {torch.__version__}, {args.threads} threads, {args.model}, {args.patients} patients "
          f"({2 * args.patients} views x {args.samples} samples)")
    print(f"step: mean {mean:.3f} s, median {statistics.median(times):.3f} s, min {min(times):.3f} s "
          f"over {args.steps} steps = {1 / mean:.3f} steps/s")


if __name__ == "__main__":
    main()
