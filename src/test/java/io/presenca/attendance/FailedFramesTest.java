package io.presenca.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.store.DatabaseException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A frame dead-lettered because SQLite refused a write is reported as that, with what to do. */
class FailedFramesTest {

    @Test
    void aFrameLostToAFullDiskSaysDiskFullAndWhatToDo() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("CameraFrameSequence", 12L);
        exchange.getMessage().setHeader("CameraFrameOrigin", "0012_door.jpg");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new DatabaseException("Attendance database /data/attendance.db: full",
                new SQLiteException("[SQLITE_FULL] database or disk is full", SQLiteErrorCode.SQLITE_FULL)));
        FailedFrames failedFrames = new FailedFrames();

        try (LogCapture log = new LogCapture(FailedFrames.class)) {
            failedFrames.record(exchange);

            String line = log.messages(Level.ERROR).get(0);
            assertTrue(line.startsWith("Frame 12 (0012_door.jpg) could not be processed: SQLite refused a write (disk full)."
                    + " Free space on that disk."), line);
        }
        assertEquals(1, failedFrames.count());
    }
}
