package io.presenca.attendance;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture route's dead letters: a frame that failed (corrupt data, a native error) is logged
 * with its origin and the reason, and counted; the camera goes on with the next frame.
 */
public final class FailedFrames {

    private static final Logger LOG = LoggerFactory.getLogger(FailedFrames.class);

    private final AtomicLong failed = new AtomicLong();

    public void record(Exchange exchange) {
        failed.incrementAndGet();
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.error("Frame {} ({}) could not be processed and was skipped: {}",
                exchange.getMessage().getHeader("CameraFrameSequence"), exchange.getMessage().getHeader("CameraFrameOrigin"),
                cause == null ? "unknown error" : cause.toString(), cause);
    }

    public long count() {
        return failed.get();
    }
}
