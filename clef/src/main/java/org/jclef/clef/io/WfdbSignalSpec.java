package org.jclef.clef.io;

/**
 * One signal line of a WFDB header:
 * {@code file format[xspf][:skew][+offset] [gain[(baseline)][/units] [adcres [adczero [init
 * [checksum [blocksize [description]]]]]]]}.
 *
 * @param fileName         the signal file, relative to the header's folder
 * @param format           sample encoding
 * @param samplesPerFrame  samples of this signal per frame (≥ 1)
 * @param skew             frames by which this signal lags (0 = none)
 * @param byteOffset       where the samples start in the file; -1 when the header gives none
 * @param gain             ADC units per physical unit (WFDB's default 200 when the header says 0 or nothing)
 * @param calibrated       false when the header's gain was 0 or absent (values are then nominal)
 * @param baseline         the ADC value of physical zero
 * @param units            physical units as written (default "mV")
 * @param adcResolution    bits (0 = not given)
 * @param adcZero          ADC value of the middle of the range
 * @param initialValue     first sample's value (used by format 8)
 * @param checksum         16-bit sum of all samples, or null when not given
 * @param blockSize        0 for ordinary files
 * @param description      the lead name (may contain spaces; may be empty)
 * @param line             1-based line number in the header, for messages
 */
public record WfdbSignalSpec(String fileName, WfdbFormat format, int samplesPerFrame, int skew, long byteOffset,
                             double gain, boolean calibrated, double baseline, String units, int adcResolution,
                             int adcZero, int initialValue, Integer checksum, int blockSize, String description,
                             int line) {
}
