#!/usr/bin/env python3
"""Writes small MAT v5 test files with scipy.io.savemat (clef/src/test/resources/org/jclef/clef/io):
noise_v5.mat (uncompressed) and noise_v5_compressed.mat (zlib), each holding the four real-noise arrays
named as in the PhysioNet ECG/PPG simulator's DATA_noises_real.mat (15 x 40 each, one per element type)
plus variables a reader must skip (a string, a struct, a complex array) and a scalar.

Element (r, c) of every noise array is r*100 + c (plus 0.25 for the float64 array), so tests can check
any element; the int16 array is negated: -(r*100 + c).
"""
import os

import numpy as np
import scipy.io

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "clef", "src", "test", "resources", "org", "jclef", "clef", "io")


def main():
    os.makedirs(OUT, exist_ok=True)
    r, c = np.meshgrid(np.arange(15), np.arange(40), indexing="ij")
    base = r * 100 + c
    variables = {
        "motion_artefacts": (base + 0.25).astype(np.float64),
        "electrode_movement": base.astype(np.float32),
        "baseline_wander": (-base).astype(np.int16),
        "mixture_of_noises": base.astype(np.uint16),
        "note": "ECG/PPG simulator noise (test fixture)",
        "settings": {"fs": 1000.0, "leads": 15},
        "complex_values": np.array([[1 + 2j, 3 - 4j]]),
        "scale": 0.1,
    }
    scipy.io.savemat(os.path.join(OUT, "noise_v5.mat"), variables, do_compression=False)
    scipy.io.savemat(os.path.join(OUT, "noise_v5_compressed.mat"), variables, do_compression=True)


if __name__ == "__main__":
    main()
