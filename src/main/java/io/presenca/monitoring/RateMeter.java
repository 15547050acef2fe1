package io.presenca.monitoring;

import java.util.ArrayDeque;
import java.util.Deque;

/** Events per second over a sliding window, from a growing total sampled now and then. */
final class RateMeter {

    private record Sample(long nanos, long total) {
    }

    private final long windowNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    RateMeter(java.time.Duration window) {
        this.windowNanos = window.toNanos();
    }

    /** Adds a sample and returns the rate over the window ending with it (0 until two samples exist). */
    synchronized double sample(long total, long nanos) {
        if (!samples.isEmpty() && total < samples.peekLast().total()) {
            samples.clear(); // the counter restarted (capture route reloaded): start over
        }
        samples.addLast(new Sample(nanos, total));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > windowNanos) {
            samples.removeFirst();
        }
        return rate();
    }

    synchronized double rate() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long elapsed = last.nanos() - first.nanos();
        return elapsed <= 0 ? 0 : (last.total() - first.total()) * 1e9 / elapsed;
    }
}
