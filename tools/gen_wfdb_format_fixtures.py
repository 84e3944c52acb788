#!/usr/bin/env python3
"""Writes one tiny WFDB record per signal format (clef/src/test/resources/org/jclef/clef/io/wfdb-formats):
fmtNNN.hea + fmtNNN.dat with the same digital samples, packed here with NumPy bit operations following
PhysioNet's signal(5) (and the WFDB library's writers: w212, w310, w311), independently of jclef's reader.

3 signals x 7 samples, interleaved; the values include each format's extremes and (except format 8) its
invalid-sample marker. expected.csv lists the digital values per format (the marker as 'invalid').
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "clef", "src", "test", "resources", "org", "jclef", "clef", "io", "wfdb-formats")

BITS = {8: 8, 16: 16, 61: 16, 80: 8, 160: 16, 212: 12, 24: 24, 32: 32, 310: 10, 311: 10}


def samples(fmt):
    bits = BITS[fmt]
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    if fmt == 8:
        # first differences must fit in a signed byte: a slow ramp around the initial values
        return np.array([[0, 100, -50], [5, 110, -60], [-3, 227, -188], [120, 100, -70],
                         [0, 0, 0], [-7, 1, 2], [-135, 128, 127]], dtype=np.int64)
    invalid = lo
    return np.array([[0, 1, -1], [lo + 1, hi, 7], [invalid, -5, 12], [hi, lo + 1, 0],
                     [3, invalid, -2], [hi - 1, 2, lo + 2], [-9, 9, invalid]], dtype=np.int64)


def pack(fmt, d, init):
    flat = d.reshape(-1)  # interleaved stream: frame after frame
    if fmt == 8:
        prev = np.array(init, dtype=np.int64)
        diffs = []
        for frame in d:
            diffs.extend(frame - prev)
            prev = frame
        return np.array(diffs, dtype=np.int8).tobytes()
    if fmt == 16:
        return flat.astype("<i2").tobytes()
    if fmt == 61:
        return flat.astype(">i2").tobytes()
    if fmt == 80:
        return (flat + 128).astype(np.uint8).tobytes()
    if fmt == 160:
        return (flat + 32768).astype("<u2").tobytes()
    if fmt == 24:
        u = flat & 0xFFFFFF
        return np.stack([u & 0xFF, (u >> 8) & 0xFF, (u >> 16) & 0xFF], axis=1).astype(np.uint8).tobytes()
    if fmt == 32:
        return flat.astype("<i4").tobytes()
    out = bytearray()
    if fmt == 212:
        for i in range(0, len(flat), 2):
            a = int(flat[i]) & 0xFFF
            b = int(flat[i + 1]) & 0xFFF if i + 1 < len(flat) else 0
            out += bytes([a & 0xFF, ((a >> 8) & 0x0F) | ((b >> 4) & 0xF0)])
            if i + 1 < len(flat):
                out.append(b & 0xFF)
        return bytes(out)
    if fmt == 310:
        for i in range(0, len(flat), 3):
            g = [int(v) & 0x3FF for v in flat[i:i + 3]]
            w0 = (g[0] << 1) | ((g[2] & 0x1F) << 11 if len(g) > 2 else 0)
            out += int(w0).to_bytes(2, "little")
            if len(g) > 1:
                w1 = (g[1] << 1) | (((g[2] >> 5) & 0x1F) << 11 if len(g) > 2 else 0)
                out += int(w1).to_bytes(2, "little")
        return bytes(out)
    if fmt == 311:
        for i in range(0, len(flat), 3):
            g = [int(v) & 0x3FF for v in flat[i:i + 3]] + [0, 0]
            out += int(g[0] | (g[1] << 10) | (g[2] << 20)).to_bytes(4, "little")
        return bytes(out)
    raise ValueError(fmt)


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "expected.csv"), "w") as exp:
        exp.write("format,sample,signal,digital\n")
        for fmt in BITS:
            d = samples(fmt)
            init = [0, 100, -50] if fmt == 8 else [0, 0, 0]
            data = pack(fmt, d, init)
            name = "fmt%d" % fmt
            with open(os.path.join(OUT, name + ".dat"), "wb") as f:
                f.write(data)
            checks = [int(((d[:, s].sum() + 32768) % 65536) - 32768) for s in range(3)]
            with open(os.path.join(OUT, name + ".hea"), "w") as f:
                f.write("%s 3 250 %d\n" % (name, d.shape[0]))
                for s, label in enumerate(["I", "II", "V1"]):
                    f.write("%s.dat %d 100(%d)/mV %d 0 %d %d 0 %s\n"
                            % (name, fmt, 10 * s, BITS[fmt], init[s], checks[s], label))
            bits = BITS[fmt]
            for t in range(d.shape[0]):
                for s in range(3):
                    v = int(d[t, s])
                    invalid = fmt != 8 and v == -(1 << (bits - 1))
                    exp.write("%d,%d,%d,%s\n" % (fmt, t, s, "invalid" if invalid else v))


if __name__ == "__main__":
    main()
