#!/usr/bin/python3
"""jclef against PyTorch on the same workloads, in one run, alternating run by run.

For each workload both sides are set up and warmed up, then timed in rounds: in each round a
few PyTorch runs and a few jclef runs, with the order swapped every round, so both see the same
machine load. jclef runs in one warm JVM (org.jclef.bench.WorkloadServer, driven over a pipe and
timing each run itself); PyTorch runs here with torch.set_num_threads matching jclef's threads.
The summary is the median of each side's runs; the speed-up is PyTorch's median over jclef's.

Workloads (the foundation issue's targets):
  grouped conv fwd+bwd  B64, 128->128, 32 groups, k16, L1250, stride 1, 2 threads
  1x1 conv forward      Net1D's pointwise layers (GEMMs) at Small batch 128 / Medium batch 16, 2 threads
  Small embed           one 5000-sample lead, 1 thread
  Medium embed          one 5000-sample lead, 2 threads
  Small train step      128 patients = 256 views x 5000 samples, CLEF loss, AdamW, 2 threads
  Small in -Xmx32m      jclef embed of one lead in a 32 MB heap (works / fails)

Usage (Debian's Python, which has python3-torch):
  /usr/bin/python3 bench/vs_torch.py                 # all, prints a Markdown table
  /usr/bin/python3 bench/vs_torch.py --only embed    # workloads whose name contains "embed"
  /usr/bin/python3 bench/vs_torch.py --rounds 3 --quick
"""

import argparse
import datetime
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import torch
import torch.nn.functional as F

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "torch-fixtures"))
import net1d  # noqa: E402
from loss import clef_loss  # noqa: E402

FMA_PEAK_PER_CORE = 150e9
INPUT_LENGTH = 5000


# --------------------------------------------------------------------------- PyTorch workloads

def same_padding(length, kernel, stride):
    """Net1D's "same" padding (left, right): the odd sample goes right."""
    out = -(-length // stride)
    total = max(0, (out - 1) * stride + kernel - length)
    return total // 2, total - total // 2


class TorchConv:
    """conv1d with "same" padding; forward only, or forward + backward to x, w and b."""

    def __init__(self, n, cin, cout, groups, kernel, length, stride, train):
        g = torch.Generator().manual_seed(0)
        left, right = same_padding(length, kernel, stride)
        # Padded once, outside the timing (jclef pads inside its kernels).
        self.x = F.pad(torch.randn(n, cin, length, generator=g), (left, right)).requires_grad_(train)
        self.w = torch.randn(cout, cin // groups, kernel, generator=g).requires_grad_(train)
        self.b = torch.randn(cout, generator=g).requires_grad_(train)
        self.dy = torch.randn(n, cout, -(-length // stride), generator=g)
        self.stride, self.groups, self.train = stride, groups, train

    def run(self):
        if self.train:
            self.x.grad = self.w.grad = self.b.grad = None
            y = F.conv1d(self.x, self.w, self.b, stride=self.stride, groups=self.groups)
            y.backward(self.dy)
        else:
            with torch.no_grad():
                F.conv1d(self.x, self.w, self.b, stride=self.stride, groups=self.groups)


class TorchEmbed:
    """Net1D (tools/torch-fixtures/net1d.py) in eval mode on one [1, 1, 5000] lead."""

    def __init__(self, model):
        torch.manual_seed(0)
        self.model = net1d.build(model).eval()
        self.x = torch.randn(1, 1, INPUT_LENGTH)

    def run(self):
        with torch.no_grad():
            self.model(self.x)


class TorchTrainStep:
    """Net1D forward on [2B, 1, 5000], the CLEF loss (tools/torch-fixtures/loss.py), backward, AdamW."""

    def __init__(self, model, patients):
        torch.manual_seed(0)
        self.model = net1d.build(model).train()
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=1e-4, weight_decay=5e-4)
        self.x = torch.randn(2 * patients, 1, INPUT_LENGTH)
        self.risk = 0.2 * torch.rand(patients)

    def run(self):
        self.opt.zero_grad(set_to_none=True)
        loss, _, _ = clef_loss(self.model(self.x), self.risk, None, 0.07, 0.2, False, True, True)
        loss.backward()
        self.opt.step()


def conv_shape(spec):
    """n64,c128,o128,g32,k16,l1250,s1 -> dict (jclef's ConvShape spec)."""
    fields = {p[0]: int(p[1:]) for p in spec.split(",")}
    fields.setdefault("o", fields["c"])
    fields.setdefault("g", 1)
    fields.setdefault("k", 1)
    fields.setdefault("s", 1)
    return fields


def torch_conv(spec, train):
    f = conv_shape(spec)
    return TorchConv(f["n"], f["c"], f["o"], f["g"], f["k"], f["l"], f["s"], train)


# --------------------------------------------------------------------------- the table

ISSUE_CONV = "n64,c128,o128,g32,k16,l1250,s1"
# Net1D's 1x1 convolutions (ConvShape specs, as jclef's Net1DLayers lists them).
POINTWISE = [
    ("small stage0 conv1 32->16 L2500 (B128)", "n128,c32,o16,l2500"),
    ("small stage0 conv3 16->32 L1250 (B128)", "n128,c16,o32,l1250"),
    ("small stage5 conv1 256->128 L40 (B128)", "n128,c256,o128,l40"),
    ("medium stage3 conv1 400->400 L157 (B16)", "n16,c400,o400,l157"),
    ("medium stage6 conv3 1024->1024 L20 (B16)", "n16,c1024,o1024,l20"),
]


def workloads(train_batch):
    """(name, threads, jclef load command, PyTorch factory, target kind, target value, runs per round)."""
    out = [("grouped conv fwd+bwd B64 128->128 g32 k16 L1250", 2, f"conv-train shape={ISSUE_CONV}",
            lambda: torch_conv(ISSUE_CONV, True), "speedup", 4.0, 3)]
    for name, spec in POINTWISE:
        out.append((f"1x1 conv fwd, {name}", 2, f"conv-forward shape={spec}",
                    lambda spec=spec: torch_conv(spec, False), "speedup", 0.8, 5))
    out += [
        ("Small embed, one 5000-sample lead", 1, "embed model=small", lambda: TorchEmbed("small"),
         "jclef_ms", 3.0, 10),
        ("Medium embed, one 5000-sample lead", 2, "embed model=medium", lambda: TorchEmbed("medium"),
         "jclef_ms", 40.0, 5),
        (f"Small train step, {train_batch} patients x 2 views x 5000, AdamW", 2,
         f"train-step model=small batch={train_batch}", lambda: TorchTrainStep("small", train_batch),
         "speedup", 3.0, 1),
    ]
    return out


class Jclef:
    """The WorkloadServer JVM, one command and one answer per line."""

    def __init__(self):
        cmd = [os.path.join(ROOT, "bench", "java.sh"), "-cp", os.path.join(ROOT, "bench", "target", "benchmarks.jar"),
               "org.jclef.bench.WorkloadServer"]
        self.log = tempfile.NamedTemporaryFile(prefix="jclef-worker-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True)

    def ask(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if not answer.startswith("ok"):
            raise RuntimeError(f"jclef worker: '{line}' -> '{answer}' (log: {self.log.name})")
        return answer[3:]

    def close(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass
        self.proc.wait(timeout=30)


class OtherLoad:
    """CPU time that processes other than this one and the jclef worker used over an interval, from /proc."""

    def __init__(self, worker_pid):
        self.worker_pid = worker_pid
        self.tick = os.sysconf("SC_CLK_TCK")
        self.start = self._sample()

    @staticmethod
    def _process_ticks(pid):
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime

    def _sample(self):
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
        busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7]  # user nice system irq softirq steal
        ours = self._process_ticks("self") + self._process_ticks(self.worker_pid)
        return time.monotonic(), busy, ours

    def cpus(self):
        """Average number of CPUs the others kept busy since construction."""
        t1, busy1, ours1 = self._sample()
        t0, busy0, ours0 = self.start
        return max(0.0, (busy1 - busy0) - (ours1 - ours0)) / self.tick / (t1 - t0)


def torch_warmup(work, seconds):
    start = time.perf_counter()
    runs = 0
    while runs < 2 or time.perf_counter() - start < seconds:
        work.run()
        runs += 1


def torch_times(work, runs):
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        work.run()
        out.append(time.perf_counter() - t0)
    return out


def spread(times):
    """Half the interquartile range relative to the median, in percent."""
    if len(times) < 4:
        return float("nan")
    q = statistics.quantiles(times, n=4)
    return 50 * (q[2] - q[0]) / statistics.median(times)


def fmt_ms(seconds):
    ms = seconds * 1e3
    return f"{ms:.3g} ms" if ms < 1000 else f"{ms:,.0f} ms"


def small_heap_check():
    """jclef embed of one 5000-sample lead with Small in a 32 MB heap: (works, detail)."""
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "lead.csv")
        with open(csv, "w") as f:
            f.write("II\n")
            for t in range(INPUT_LENGTH):
                f.write(f"{math.sin(2 * math.pi * 1.2 * t / 500):.6f}\n")
        cmd = [os.path.join(ROOT, "bench", "java.sh"), "-Xmx32m", "-cp",
               os.path.join(ROOT, "bench", "target", "benchmarks.jar"), "org.jclef.clef.cli.Main", "embed",
               "--model", "small", "--input", csv]
        p = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "JCLEF_JAVA_OPTS": ""})
        values = p.stdout.strip().split(",") if p.returncode == 0 else []
        if p.returncode == 0 and len(values) == 256:
            return True, "256-dim embedding"
        return False, f"exit {p.returncode}: {p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ''}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds per workload (default 5)")
    ap.add_argument("--warmup", type=float, default=3.0, help="warm-up seconds per side (default 3)")
    ap.add_argument("--only", default=None, help="run only workloads whose name contains this text")
    ap.add_argument("--batch", type=int, default=128, help="train-step patients (default 128)")
    ap.add_argument("--quick", action="store_true", help="1 s warm-up, 3 rounds")
    args = ap.parse_args()
    if args.quick:
        args.rounds, args.warmup = 3, 1.0

    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    jclef = Jclef()
    rows = []
    load_before = os.getloadavg()
    try:
        jdk = jclef.ask("info")
        for name, threads, load, factory, kind, target, per_round in workloads(args.batch):
            if args.only and args.only.lower() not in name.lower():
                continue
            print(f"... {name} ({threads} thread{'s' if threads > 1 else ''})", file=sys.stderr, flush=True)
            torch.set_num_threads(threads)
            others = OtherLoad(jclef.proc.pid)
            flops = float(jclef.ask(f"load {load} threads={threads}").split(" ", 1)[0])
            work = factory()
            torch_warmup(work, args.warmup)
            jclef.ask(f"warmup {args.warmup}")
            t_torch, t_jclef = [], []
            for r in range(args.rounds):
                if r % 2 == 0:
                    t_torch += torch_times(work, per_round)
                    t_jclef += [float(s) for s in jclef.ask(f"run {per_round}").split()]
                else:
                    t_jclef += [float(s) for s in jclef.ask(f"run {per_round}").split()]
                    t_torch += torch_times(work, per_round)
            del work
            rows.append((name, threads, t_torch, t_jclef, flops, kind, target, others.cpus()))
        heap = small_heap_check() if not args.only or args.only.lower() in "small in -xmx32m" else None
    finally:
        jclef.close()
    load_after = os.getloadavg()

    print(f"jclef {commit} vs PyTorch {torch.__version__} (oneDNN {'on' if torch.backends.mkldnn.is_available() else 'off'}),"
          f" {datetime.date.today()}, {cpu}, {os.cpu_count()} CPUs, jclef on {jdk};"
          f" {args.rounds} alternating rounds after {args.warmup:g} s warm-up each;"
          f" load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print()
    print("| workload | threads | PyTorch | jclef | speed-up | target | met | jclef GFLOP/s | of FMA peak "
          "| others' load |")
    print("|---|---:|---:|---:|---:|---|---|---:|---:|---:|")
    for name, threads, t_torch, t_jclef, flops, kind, target, others in rows:
        mt, mj = statistics.median(t_torch), statistics.median(t_jclef)
        speedup = mt / mj
        if kind == "speedup":
            goal, met = f"≥ {target:g}×", speedup >= target
        else:
            goal, met = f"jclef ≤ {target:g} ms", mj * 1e3 <= target
        gflops = flops / mj / 1e9
        print(f"| {name} | {threads} | {fmt_ms(mt)} ±{spread(t_torch):.0f}% | {fmt_ms(mj)} ±{spread(t_jclef):.0f}% "
              f"| {speedup:.2f}× | {goal} | {'yes' if met else 'no'} | {gflops:.1f} "
              f"| {100 * gflops * 1e9 / (FMA_PEAK_PER_CORE * threads):.0f}% | {others:.1f} CPUs |")
    if heap is not None:
        works, detail = heap
        print(f"| Small inference, -Xmx32m | 1 | – | {'works' if works else 'FAILS'} ({detail}) | – "
              f"| works | {'yes' if works else 'no'} | – | – | – |")
    print()
    print("Times: median of all runs ± half the interquartile range. Speed-up: PyTorch median / jclef median. "
          "GFLOP/s: jclef's counted FLOPs (convolutions and SE layers) / median time; "
          f"FMA peak {FMA_PEAK_PER_CORE / 1e9:.0f} GFLOP/s per thread. Others' load: the CPUs that other "
          f"processes kept busy while the row ran (of {os.cpu_count()}); rows with more than a few tenths "
          "are distorted, PyTorch's multi-threaded ones most.")


if __name__ == "__main__":
    main()
