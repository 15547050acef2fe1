package io.presenca.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FramePacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void unlimitedAdmitsEverythingWithoutWaiting() {
        FramePacer pacer = new FramePacer(0);
        assertTrue(pacer.admit(0));
        assertTrue(pacer.admit(1));
        assertEquals(0, pacer.delayNanos(2));
    }

    @Test
    void liveSourcesDropFramesThatComeTooSoon() {
        FramePacer pacer = new FramePacer(5); // one frame per 200 ms
        assertTrue(pacer.admit(0));
        assertFalse(pacer.admit(100 * MS));
        assertTrue(pacer.admit(200 * MS));
        assertFalse(pacer.admit(399 * MS));
    }

    @Test
    void finiteSourcesWaitForTheirTurn() {
        FramePacer pacer = new FramePacer(10); // 100 ms apart
        assertEquals(0, pacer.delayNanos(0), "first frame goes at once");
        pacer.markDelivered(0);
        assertEquals(70 * MS, pacer.delayNanos(30 * MS));
        assertEquals(0, pacer.delayNanos(150 * MS));
    }
}
