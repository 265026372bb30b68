package io.skyrtc.signaling.bench;

import io.skyrtc.signaling.JitThreads;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeliveryTest {
    @Test
    void allArrivedIsZeroLost() {
        assertThat(new Delivery("offers", 150_012, 150_012).text())
                .isEqualTo("offers: sent 150,012, received 150,012, 0 lost");
    }

    @Test
    void missingMessagesAreCountedLoudly() {
        Delivery d = new Delivery("offers", 1_000, 997);
        assertThat(d.lost()).isEqualTo(3);
        assertThat(d.text()).isEqualTo("offers: sent 1,000, received 997, 3 LOST");
    }

    @Test
    void moreArrivalsThanSendsAreNamedNotHidden() {
        assertThat(new Delivery("offers", 10, 12).text()).isEqualTo("offers: sent 10, received 12, 0 lost (2 MORE THAN SENT)");
    }

    @Test
    void settleWaitsForWhatIsStillInFlight() throws Exception {
        AtomicLong received = new AtomicLong(5);
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            received.set(10);
        });
        late.start();
        Delivery d = Delivery.settle("offers", () -> 10, received, 30_000);
        assertThat(d.lost()).isZero();
        assertThat(d.received()).isEqualTo(10);
    }

    @Test
    void settleGivesUpAfterItsBoundAndReportsTheLoss() throws Exception {
        long start = System.nanoTime();
        Delivery d = Delivery.settle("offers", () -> 10, new AtomicLong(7), 100);
        assertThat(d.lost()).isEqualTo(3);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(100_000_000L);
    }

    @Test
    void compilerThreadTimeIsUserPlusSystemTicksEvenWithSpacesInTheName() {
        String stat = "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 4194368 1 0 0 0 377 19 0 0 20 0 1 0 100 0 0";
        assertThat(JitThreads.cpuTicks(stat)).isEqualTo(396);
    }
}
