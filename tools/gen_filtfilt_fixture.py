#!/usr/bin/env python3
"""Writes the SciPy reference fixtures for jclef's band-pass tests (clef/src/test/resources/org/jclef/clef/signal).

1. filtfilt_00001_hr_II.txt: PTB-XL record 00001_hr, lead II (500 Hz, 5000 samples, gain 1000 adu/mV,
   baseline 0; read straight from the format-16 .dat), filtered with the CLEF band-pass three ways:
     parity  - filtfilt semantics with the spec's parity zi (scipy.signal.lfilter with zi given),
     scipy   - scipy.signal.filtfilt(b, a, x) with this SciPy's own lfilter_zi,
     sos     - scipy.signal.sosfiltfilt(butter(..., output='sos'), x).
   The digital input is stored in full; outputs at every 10th sample plus the first and last 40.
2. butter_designs.txt: butter(order, [lo, hi], 'bandpass', fs) (b, a) for several orders and rates.

Usage: python3 tools/gen_filtfilt_fixture.py [SHARED_DATA_DIR]   (default: the first shared/data above tools/)
"""
import os
import sys

import numpy as np
import scipy
import scipy.signal as sig

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "clef", "src", "test", "resources", "org", "jclef", "clef", "signal")


def find_shared_data():
    d = HERE
    while True:
        candidate = os.path.join(d, "shared", "data")
        if os.path.isdir(candidate):
            return candidate
        parent = os.path.dirname(d)
        if parent == d:
            sys.exit("shared/data not found above %s; pass it as the first argument" % HERE)
        d = parent


DATA = sys.argv[1] if len(sys.argv) > 1 else find_shared_data()

PARITY_ZI_500 = np.array([
    -4.5725353319083753e-4, -4.347674589093907e-4, 1.7530433864690169e-3, 1.9441935810269268e-3,
    -2.8843349504123865e-3, -2.5964478280879953e-3, 1.7450239308534653e-3, 1.8447658770553428e-3,
    -4.6018120384230576e-4, -4.540418009624973e-4])


def filtfilt_with_zi(b, a, x, zi, padlen=33):
    ext = np.concatenate([2 * x[0] - x[padlen:0:-1], x, 2 * x[-1] - x[-2:-padlen - 2:-1]])
    y, _ = sig.lfilter(b, a, ext, zi=zi * ext[0])
    y = y[::-1]
    y, _ = sig.lfilter(b, a, y, zi=zi * y[0])
    return y[::-1][padlen:-padlen]


def main():
    os.makedirs(OUT, exist_ok=True)
    rec = os.path.join(DATA, "ptbxl-subset", "records500", "00000", "00001_hr.dat")
    digital = np.fromfile(rec, dtype="<i2").reshape(-1, 12)[:, 1].astype(np.int64)
    x = digital / 1000.0
    b, a = sig.butter(5, [0.67, 40], btype="bandpass", fs=500)
    parity = filtfilt_with_zi(b, a, x, PARITY_ZI_500)
    default = sig.filtfilt(b, a, x)
    sos = sig.sosfiltfilt(sig.butter(5, [0.67, 40], btype="bandpass", fs=500, output="sos"), x)
    keep = sorted(set(range(0, 40)) | set(range(0, len(x), 10)) | set(range(len(x) - 40, len(x))))
    with open(os.path.join(OUT, "filtfilt_00001_hr_II.txt"), "w") as f:
        f.write("# PTB-XL 00001_hr lead II (digital, gain 1000 adu/mV) and its CLEF band-pass, written by\n")
        f.write("# tools/gen_filtfilt_fixture.py with SciPy %s, NumPy %s.\n" % (scipy.__version__, np.__version__))
        f.write("# This SciPy's lfilter_zi: %s\n" % " ".join(repr(float(v)) for v in sig.lfilter_zi(b, a)))
        f.write("digital %s\n" % " ".join(str(int(v)) for v in digital))
        f.write("# index parity scipy_filtfilt scipy_sosfiltfilt\n")
        for i in keep:
            f.write("%d %r %r %r\n" % (i, float(parity[i]), float(default[i]), float(sos[i])))
        f.write("sum %r %r %r\n" % (float(parity.sum()), float(default.sum()), float(sos.sum())))
    with open(os.path.join(OUT, "butter_designs.txt"), "w") as f:
        f.write("# scipy.signal.butter(order, [low, high], btype='bandpass', fs=fs): order low high fs | b | a\n")
        f.write("# SciPy %s\n" % scipy.__version__)
        for order, lo, hi, fs in [(5, 0.67, 40, 500), (5, 0.67, 40, 250), (5, 0.67, 40, 360), (5, 0.67, 40, 1000),
                                  (4, 0.5, 5, 500), (4, 20, 150, 500), (2, 1, 30, 100), (3, 0.5, 45, 200)]:
            b, a = sig.butter(order, [lo, hi], btype="bandpass", fs=fs)
            f.write("%d %r %r %r | %s | %s\n" % (order, lo, hi, fs, " ".join(repr(float(v)) for v in b),
                                                  " ".join(repr(float(v)) for v in a)))


if __name__ == "__main__":
    main()
