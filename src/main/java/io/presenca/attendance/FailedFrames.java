package io.presenca.attendance;

import io.presenca.store.WriteFault;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture route's dead letters: a frame that failed (corrupt data, a native error) is logged
 * with its origin and the reason, and counted; the camera goes on with the next frame. A frame that
 * failed because SQLite refused a write says so in words, with what to do (confirmed students are not
 * among its losses: the recorder keeps them until SQLite can take them).
 */
public final class FailedFrames {

    private static final Logger LOG = LoggerFactory.getLogger(FailedFrames.class);

    private final AtomicLong failed = new AtomicLong();

    public void record(Exchange exchange) {
        failed.incrementAndGet();
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Object sequence = exchange.getMessage().getHeader("CameraFrameSequence");
        Object origin = exchange.getMessage().getHeader("CameraFrameOrigin");
        Optional<WriteFault> fault = WriteFault.of(cause);
        if (fault.isPresent()) {
            LOG.error("Frame {} ({}) could not be processed: SQLite refused a write ({}). {} Faces held for review in"
                    + " this frame are lost; confirmed students wait for SQLite. {}", sequence, origin, fault.get().problem(),
                    fault.get().remedy(), cause.getMessage());
            return;
        }
        LOG.error("Frame {} ({}) could not be processed and was skipped: {}", sequence, origin,
                cause == null ? "unknown error" : cause.toString(), cause);
    }

    public long count() {
        return failed.get();
    }
}
