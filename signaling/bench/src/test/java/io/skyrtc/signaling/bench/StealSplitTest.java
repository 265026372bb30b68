package io.skyrtc.signaling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Which slices count as quiet: only those with no steal in them or in the slice before. */
class StealSplitTest {

    private static Histogram sliceOf(long micros) {
        Histogram h = new Histogram(3);
        h.recordValue(micros);
        return h;
    }

    @Test
    void aSliceAfterAStolenOneIsNotQuiet() {
        StealSplit split = new StealSplit();
        boolean[] stolen = {false, false, true, false, false, false, true, true, false};
        for (int i = 0; i < stolen.length; i++) {
            split.add(sliceOf(1000 + i), stolen[i]);
        }
        assertThat(split.tenths()).isEqualTo(9);
        assertThat(split.all().getTotalCount()).isEqualTo(9);
        // quiet: slice 1 (after 0), 4 and 5 (after 3); never 0 (no known predecessor), 3 or 8 (after steal)
        assertThat(split.quietTenths()).isEqualTo(3);
        Histogram q = split.quiet();
        assertThat(q.getTotalCount()).isEqualTo(3);
        assertThat(q.getMinValue()).isEqualTo(q.lowestEquivalentValue(1001));
        assertThat(q.getMaxValue()).isEqualTo(q.highestEquivalentValue(1005));
        assertThat(q.getCountAtValue(1004)).isEqualTo(1);
        assertThat(q.getCountAtValue(1003)).isZero();
    }

    @Test
    void aRunWithStealEverywhereHasNoQuietPart() {
        StealSplit split = new StealSplit();
        for (int i = 0; i < 5; i++) {
            split.add(sliceOf(500), i % 2 == 0);
        }
        assertThat(split.quietTenths()).isZero();
        assertThat(split.quiet().getTotalCount()).isZero();
    }
}
