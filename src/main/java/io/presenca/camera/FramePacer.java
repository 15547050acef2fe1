package io.presenca.camera;

/**
 * Enforces {@code maxFps}. Live sources must keep grabbing at their own rate (otherwise stale frames pile up in
 * the driver/network buffers and the route sees the past), so surplus frames are dropped. Files and folders can
 * wait instead, so nothing is lost. Single-threaded, like the consumer loop that owns it.
 */
final class FramePacer {

    private final long intervalNanos;
    private long lastDeliveredNanos;
    private boolean delivered;

    FramePacer(double maxFps) {
        this.intervalNanos = maxFps > 0 ? (long) (1_000_000_000L / maxFps) : 0;
    }

    /** Live sources: false when the frame arrived too soon after the last delivered one and should be dropped. */
    boolean admit(long nowNanos) {
        if (intervalNanos > 0 && delivered && nowNanos - lastDeliveredNanos < intervalNanos) {
            return false;
        }
        markDelivered(nowNanos);
        return true;
    }

    /** Finite sources: nanoseconds to wait before the next frame may be delivered (0 = now). */
    long delayNanos(long nowNanos) {
        if (intervalNanos == 0 || !delivered) {
            return 0;
        }
        return Math.max(0, lastDeliveredNanos + intervalNanos - nowNanos);
    }

    void markDelivered(long nowNanos) {
        lastDeliveredNanos = nowNanos;
        delivered = true;
    }
}
