package org.jclef.clef.io.dataset;

import java.nio.file.Path;
import org.jclef.clef.io.EcgRecord;
import org.jclef.clef.io.Lead;
import org.jclef.clef.io.SharedData;
import org.jclef.clef.signal.ClefRecipe;

/**
 * Not a test: times reading all PTB-XL 500 Hz records of the bundle and turning every lead into
 * the {@code clef-v1} model input, single-threaded, three passes (the first includes JIT warm-up).
 *
 * <pre>
 * mvn -B -q -pl clef -am test-compile
 * java -cp clef/target/classes:clef/target/test-classes org.jclef.clef.io.dataset.PtbXlPreprocessTiming
 * </pre>
 */
public final class PtbXlPreprocessTiming {

    private PtbXlPreprocessTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path root = SharedData.folder("ptbxl-subset").orElseThrow(() -> new IllegalStateException(
                SharedData.absentMessage()));
        PtbXl ptb = PtbXl.open(root, PtbXl.Rate.HIGH_500);
        for (int pass = 1; pass <= 3; pass++) {
            long readNanos = 0;
            long prepNanos = 0;
            double checksum = 0;
            int leads = 0;
            for (ManifestEntry e : ptb.entries()) {
                long t0 = System.nanoTime();
                EcgRecord r = ptb.load(e);
                long t1 = System.nanoTime();
                for (Lead l : r.leads()) {
                    float[] in = ClefRecipe.modelInput(l.millivolts(), r.fs());
                    checksum += in[2500];
                    leads++;
                }
                long t2 = System.nanoTime();
                readNanos += t1 - t0;
                prepNanos += t2 - t1;
            }
            System.out.printf("pass %d: %d records, %d leads: read %.0f ms, preprocess %.0f ms, total %.0f ms "
                    + "(checksum %.6f)%n", pass, ptb.entries().size(), leads, readNanos / 1e6, prepNanos / 1e6,
                    (readNanos + prepNanos) / 1e6, checksum);
        }
    }
}
