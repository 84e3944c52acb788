#!/usr/bin/env python3
"""Converts the PhysioNet ECG/PPG simulator's DATA_noises_real.mat (MAT v5) to jclef's flat form:
one raw little-endian file per noise array, row-major (C order), 15 x N values each:

    OUT_DIR/motion_artefacts.f32   OUT_DIR/electrode_movement.f32
    OUT_DIR/baseline_wander.f32    OUT_DIR/mixture_of_noises.f32

(.f64 with --float64). Load them with RealNoise.fromFlat(OUT_DIR, FlatType.FLOAT32, N, lookup); the
script prints N. jclef also reads the .mat directly (RealNoise.fromMat); this form is for machines
without the MAT file or to avoid decompressing it on every start.

Usage: python3 tools/noise_mat_to_flat.py DATA_noises_real.mat OUT_DIR [--float64]
"""
import os
import sys

import numpy as np
import scipy.io

NAMES = ["motion_artefacts", "electrode_movement", "baseline_wander", "mixture_of_noises"]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    dtype, ext = ("<f8", ".f64") if "--float64" in sys.argv[3:] else ("<f4", ".f32")
    data = scipy.io.loadmat(src, variable_names=NAMES)
    os.makedirs(out, exist_ok=True)
    columns = None
    for name in NAMES:
        a = np.asarray(data[name])
        if a.ndim != 2 or a.shape[0] != 15:
            sys.exit("%s: %s has shape %s, expected (15, N)" % (src, name, a.shape))
        if columns not in (None, a.shape[1]):
            print("note: %s has %d columns (others %d)" % (name, a.shape[1], columns))
        columns = a.shape[1]
        np.ascontiguousarray(a, dtype=dtype).tofile(os.path.join(out, name + ext))
    print("wrote %d arrays of 15 x %d to %s" % (len(NAMES), columns, out))


if __name__ == "__main__":
    main()
