package io.presenca.config;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import io.presenca.store.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * attendance_system.log, readable by the gateway's user only (0600, in folders it creates 0700): it
 * names students' ids. Archives the roll-over compresses in the background are restricted at the next
 * roll-over or start.
 */
public final class OwnerOnlyLogFileAppender extends RollingFileAppender<ILoggingEvent> {

    @Override
    public void openFile(String fileName) throws IOException {
        // before logback creates the missing folders itself, with the umask's 0755
        OwnerOnlyFiles.createDirectories(Path.of(fileName).toAbsolutePath().getParent());
        super.openFile(fileName);
        restrictLogFiles(Path.of(fileName).toAbsolutePath());
    }

    @Override
    public void rollover() {
        super.rollover();
        restrictLogFiles(Path.of(getFile()).toAbsolutePath());
    }

    private void restrictLogFiles(Path active) {
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(active.getParent(), active.getFileName() + "*")) {
            for (Path log : logs) {
                OwnerOnlyFiles.restrict(log);
            }
        } catch (IOException | RuntimeException e) {
            addWarn("Cannot make the log files owner-only: " + e);
        }
    }
}
