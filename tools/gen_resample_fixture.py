#!/usr/bin/env python3
"""Writes resample_poly.txt (clef/src/test/resources/org/jclef/clef/signal): scipy.signal.resample_poly
(default Kaiser window, beta 5) of one test signal between the rates jclef resamples from, to 500 Hz.

Each block: 'rate FROM TO UP DOWN', an 'input' line, an 'output' line (repr floats).
"""
import math
import os

import numpy as np
import scipy
import scipy.signal as sig

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "clef", "src", "test", "resources", "org", "jclef", "clef", "signal")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(7)
    with open(os.path.join(OUT, "resample_poly.txt"), "w") as f:
        f.write("# scipy.signal.resample_poly(x, up, down), SciPy %s; written by tools/gen_resample_fixture.py\n"
                % scipy.__version__)
        for src, dst in [(100, 500), (200, 500), (250, 500), (300, 500), (360, 500), (1000, 500), (500, 360)]:
            g = math.gcd(src, dst)
            up, down = dst // g, src // g
            n = 3 * src // 10 + 7  # 0.3 s plus a ragged tail
            t = np.arange(n) / src
            x = np.sin(2 * np.pi * 7.0 * t) + 0.3 * np.cos(2 * np.pi * 41.0 * t) + 0.1 * rng.standard_normal(n)
            y = sig.resample_poly(x, up, down)
            f.write("rate %d %d %d %d\n" % (src, dst, up, down))
            f.write("input %s\n" % " ".join(repr(float(v)) for v in x))
            f.write("output %s\n" % " ".join(repr(float(v)) for v in y))


if __name__ == "__main__":
    main()
