#!/usr/bin/env python3
"""Builds data/demo/ptbxl, the PTB-XL subset committed for `jclef demo`, from shared/data/ptbxl-subset.

Selection (deterministic): for each stratified fold 1..10 (column strat_fold), the PER_FOLD records
with the smallest ecg_id. Only the 100 Hz recordings (records100/.../NNNNN_lr.{hea,dat}) are copied,
byte for byte; ptbxl_database.csv keeps its header and exactly the selected rows, in ecg_id order.
scp_statements.csv and LICENSE.txt are copied unchanged. The README is written by hand (attribution).

Usage: python3 tools/make_demo_data.py [SOURCE] [TARGET]
"""
import csv
import shutil
import sys
from pathlib import Path

PER_FOLD = 24

root = Path(__file__).resolve().parent.parent
source = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent.parent / "shared" / "data" / "ptbxl-subset"
if not source.is_dir():
    source = Path("/work/shared/data/ptbxl-subset")
target = Path(sys.argv[2]) if len(sys.argv) > 2 else root / "data" / "demo" / "ptbxl"

with open(source / "ptbxl_database.csv", newline="", encoding="utf-8") as f:
    lines = f.read().splitlines(keepends=True)
with open(source / "ptbxl_database.csv", newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)

fold_col = header.index("strat_fold")
id_col = header.index("ecg_id")
file_col = header.index("filename_lr")
by_fold = {}
for row in rows:
    by_fold.setdefault(int(float(row[fold_col])), []).append(row)
chosen = []
for fold in range(1, 11):
    members = sorted(by_fold[fold], key=lambda r: int(float(r[id_col])))
    if len(members) < PER_FOLD:
        sys.exit(f"fold {fold} has only {len(members)} records, need {PER_FOLD}")
    chosen.extend(members[:PER_FOLD])
chosen.sort(key=lambda r: int(float(r[id_col])))

target.mkdir(parents=True, exist_ok=True)
with open(target / "ptbxl_database.csv", "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(chosen)
for name in ("scp_statements.csv", "LICENSE.txt"):
    shutil.copyfile(source / name, target / name)
for row in chosen:
    stem = row[file_col].strip()
    for ext in (".hea", ".dat"):
        dst = target / (stem + ext)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / (stem + ext), dst)
print(f"{len(chosen)} records written to {target}")
