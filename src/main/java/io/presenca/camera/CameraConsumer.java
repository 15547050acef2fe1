package io.presenca.camera;

import io.presenca.config.UrlCredentials;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads frames on its own thread and routes them one at a time, in order.
 * <p>
 * Synchronous on purpose: each frame's native Mat is released right after the route returns, and a camera that
 * produces faster than recognition can keep up should lose frames at the grabber, not queue them in memory.
 * The loop survives everything except {@link #doStop()}: unavailable cameras are retried, failing frames are
 * reported to the exception handler and the next frame is read.
 */
public class CameraConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CameraConsumer.class);
    /** How long doStop waits for the frame being processed before giving up on the thread. */
    private static final long STOP_WAIT_MILLIS = 10_000;

    private enum Outcome { ENDED, LOST, STOPPED }

    private final CameraEndpoint endpoint;
    private final String name;
    private final Object wakeUp = new Object();
    private final AtomicLong framesDelivered = new AtomicLong();
    private final AtomicLong framesFailed = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicBoolean contextStopRequested = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile boolean connected;
    private volatile Thread thread;
    private String lostReason;

    public CameraConsumer(CameraEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.name = endpoint.getName();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        stopRequested = false;
        Thread t = new Thread(this::run, "presenca-camera-" + name);
        t.setDaemon(true); // never keep a JVM alive on its own; camel-main decides when the application ends
        thread = t;
        t.start();
    }

    @Override
    protected void doStop() throws Exception {
        stopRequested = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll(); // cut short a reconnect wait or frame pacing
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            // no interrupt: it would break blocking I/O inside the route's processors; network reads are bounded by
            // the stream timeouts and the loop checks stopRequested between frames
            t.join(STOP_WAIT_MILLIS);
            if (t.isAlive()) {
                LOG.warn("Camera '{}' thread is still busy after {} ms; it will stop after the current frame", name, STOP_WAIT_MILLIS);
            }
        }
        thread = null;
        super.doStop();
    }

    /** Frames handed to the route, including those whose processing failed. */
    public long getFramesDelivered() {
        return framesDelivered.get();
    }

    /** Frames whose processing ended with an exception. */
    public long getFramesFailed() {
        return framesFailed.get();
    }

    /** Frames from live sources discarded to respect {@code maxFps}. */
    public long getFramesDropped() {
        return framesDropped.get();
    }

    /** Attempts to open the source again after it was unavailable or lost. */
    public long getReconnects() {
        return reconnects.get();
    }

    /** True while the source is open and frames are being read. */
    public boolean isConnected() {
        return connected;
    }

    private void run() {
        AvailabilityLog availability = new AvailabilityLog(name, endpoint.getReconnectDelay());
        boolean retrying = false;
        try {
            while (!stopRequested) {
                if (retrying) {
                    if (waitOrStop(TimeUnit.MILLISECONDS.toNanos(endpoint.getReconnectDelay()))) {
                        return;
                    }
                    reconnects.incrementAndGet();
                }
                retrying = true;
                FrameSource source = openSource(availability);
                if (source == null) {
                    if (contextStopRequested.get()) {
                        return;
                    }
                    continue;
                }
                Outcome outcome;
                long frames;
                try (source) {
                    connected = true;
                    availability.connected(source.describe());
                    long before = framesDelivered.get() + framesDropped.get();
                    outcome = pump(source);
                    frames = framesDelivered.get() + framesDropped.get() - before;
                } finally {
                    connected = false;
                }
                switch (outcome) {
                    case STOPPED -> {
                        return;
                    }
                    case LOST -> availability.unavailable(source.describe(), lostReason);
                    case ENDED -> {
                        LOG.info("Camera '{}': source {} finished after {} frames", name, source.describe(), frames);
                        if (endpoint.isExitAtEnd()) {
                            stopCamelContext();
                        }
                        return; // idle: a finished file is not replayed
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            // the loop is built not to get here; if it does, say so loudly instead of a silently dead camera
            LOG.error("Camera '{}' stopped reading frames after an unexpected error", name, e);
        }
    }

    /** The opened source, or null when it is unavailable (logged; the caller retries or stops). */
    private FrameSource openSource(AvailabilityLog availability) {
        String spec = endpoint.getSource();
        FrameSource source = null;
        try {
            source = endpoint.sourceFactory().create(spec);
            source.open();
            return source;
        } catch (CameraUnavailableException | RuntimeException | LinkageError e) {
            String description = source != null ? source.describe() : "source " + UrlCredentials.mask(spec);
            if (source != null) {
                source.close();
            }
            if (endpoint.isExitAtEnd() && !FrameSources.isLive(spec)) {
                // a batch run over a file/folder that is not there: end the process instead of waiting forever
                LOG.error("Camera '{}' ({}) cannot be read: {}. Nothing to do, stopping (exitAtEnd=true)",
                        name, description, e.getMessage());
                stopCamelContext();
            } else {
                availability.unavailable(description, e.getMessage());
            }
            return null;
        }
    }

    /** Reads and routes frames until the source ends, fails or the consumer is stopped. */
    private Outcome pump(FrameSource source) {
        FramePacer pacer = new FramePacer(endpoint.getMaxFps());
        while (!stopRequested) {
            Optional<CapturedFrame> next;
            try {
                next = source.next();
            } catch (CameraUnavailableException | RuntimeException e) {
                if (source.finite()) {
                    // reopening a file would replay it from frame 1 and count the same people twice
                    LOG.warn("Camera '{}': reading {} failed: {}; treating it as the end", name, source.describe(), e.getMessage());
                    return Outcome.ENDED;
                }
                lostReason = e.getMessage();
                return Outcome.LOST;
            }
            if (next.isEmpty()) {
                if (source.finite()) {
                    return Outcome.ENDED;
                }
                lostReason = "the stream ended";
                return Outcome.LOST;
            }
            try (CapturedFrame frame = next.get()) {
                if (source.finite()) {
                    if (waitOrStop(pacer.delayNanos(System.nanoTime()))) {
                        return Outcome.STOPPED;
                    }
                    pacer.markDelivered(System.nanoTime());
                } else if (!pacer.admit(System.nanoTime())) {
                    framesDropped.incrementAndGet();
                    continue;
                }
                deliver(frame);
            }
        }
        return Outcome.STOPPED;
    }

    private void deliver(CapturedFrame frame) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(frame);
            exchange.getMessage().setHeader(CameraHeaders.FRAME_SEQUENCE, frame.sequence());
            exchange.getMessage().setHeader(CameraHeaders.FRAME_ORIGIN, frame.origin());
            exchange.getMessage().setHeader(CameraHeaders.CAMERA_NAME, name);
            framesDelivered.incrementAndGet();
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                framesFailed.incrementAndGet();
                getExceptionHandler().handleException("Camera '" + name + "' failed to process frame " + frame.origin(),
                        exchange, exchange.getException());
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** Sleeps up to {@code nanos}; returns true if the consumer is being stopped. */
    private boolean waitOrStop(long nanos) {
        long deadline = System.nanoTime() + nanos;
        synchronized (wakeUp) {
            long left;
            while (!stopRequested && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
        }
        return stopRequested;
    }

    /**
     * Stops the whole CamelContext so camel-main's run() returns and the JVM exits. From a separate thread: the
     * context stops this consumer and waits for this very thread to finish.
     */
    private void stopCamelContext() {
        if (!contextStopRequested.compareAndSet(false, true)) {
            return;
        }
        CamelContext context = endpoint.getCamelContext();
        Thread stopper = new Thread(() -> {
            try {
                context.stop();
            } catch (RuntimeException e) {
                LOG.error("Camera '{}' could not stop the Camel context", name, e);
            }
        }, "presenca-camera-" + name + "-exit");
        stopper.start();
    }

    @Override
    public String toString() {
        return "CameraConsumer[" + name + "]";
    }
}
