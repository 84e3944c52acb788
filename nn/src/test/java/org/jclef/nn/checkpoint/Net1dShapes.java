package org.jclef.nn.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;

/** The state_dict keys and shapes of a Net1D, written from the key table of spec §8. */
final class Net1dShapes {
    private Net1dShapes() {
    }

    static Map<String, int[]> small() {
        return of(32, 0.5, new int[] {32, 64, 64, 128, 128, 256}, new int[] {1, 1, 2, 2, 2, 2}, 8);
    }

    static Map<String, int[]> medium() {
        return of(64, 1.0, new int[] {64, 160, 160, 400, 400, 1024, 1024}, new int[] {2, 2, 2, 3, 3, 4, 4}, 16);
    }

    static Map<String, int[]> large() {
        return of(128, 1.5, new int[] {128, 256, 256, 512, 512, 1024, 1024, 2048, 2048},
                new int[] {2, 3, 3, 4, 4, 5, 5, 6, 6}, 32);
    }

    static Map<String, int[]> of(int base, double ratio, int[] filters, int[] blocks, int groupsWidth) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("first_conv.conv.weight", new int[] {base, 1, 16});
        shapes.put("first_conv.conv.bias", new int[] {base});
        batchNorm(shapes, "first_bn", base);
        int in = base;
        for (int s = 0; s < filters.length; s++) {
            int out = filters[s];
            int middle = (int) (out * ratio);
            int groups = out / groupsWidth;
            for (int b = 0; b < blocks[s]; b++) {
                int blockIn = b == 0 ? in : out;
                String p = "stage_list." + s + ".block_list." + b + ".";
                batchNorm(shapes, p + "bn1", blockIn);
                shapes.put(p + "conv1.conv.weight", new int[] {middle, blockIn, 1});
                shapes.put(p + "conv1.conv.bias", new int[] {middle});
                batchNorm(shapes, p + "bn2", middle);
                shapes.put(p + "conv2.conv.weight", new int[] {middle, middle / groups, 16});
                shapes.put(p + "conv2.conv.bias", new int[] {middle});
                batchNorm(shapes, p + "bn3", middle);
                shapes.put(p + "conv3.conv.weight", new int[] {out, middle, 1});
                shapes.put(p + "conv3.conv.bias", new int[] {out});
                shapes.put(p + "se_fc1.weight", new int[] {out / 2, out});
                shapes.put(p + "se_fc1.bias", new int[] {out / 2});
                shapes.put(p + "se_fc2.weight", new int[] {out, out / 2});
                shapes.put(p + "se_fc2.bias", new int[] {out});
            }
            in = out;
        }
        return shapes;
    }

    private static void batchNorm(Map<String, int[]> shapes, String module, int channels) {
        shapes.put(module + ".weight", new int[] {channels});
        shapes.put(module + ".bias", new int[] {channels});
        shapes.put(module + ".running_mean", new int[] {channels});
        shapes.put(module + ".running_var", new int[] {channels});
        shapes.put(module + ".num_batches_tracked", new int[0]);
    }
}
