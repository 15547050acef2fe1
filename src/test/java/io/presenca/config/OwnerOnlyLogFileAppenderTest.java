package io.presenca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import io.presenca.store.OwnerOnlyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** LOG_FILE in folders that do not exist yet: the appender creates them owner-only, like the file. */
class OwnerOnlyLogFileAppenderTest {

    @Test
    void foldersCreatedForTheLogFileAreOwnerOnly() throws Exception {
        Path home = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(home);
        Path logFile = home.resolve("logs/presenca/attendance_system.log");
        LoggerContext context = new LoggerContext();
        OwnerOnlyLogFileAppender appender = new OwnerOnlyLogFileAppender();
        appender.setContext(context);
        appender.setFile(logFile.toString());
        TimeBasedRollingPolicy<ch.qos.logback.classic.spi.ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(logFile + ".%d{yyyy-MM-dd}.gz");
        policy.start();
        appender.setRollingPolicy(policy);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        try {
            assertEquals(OwnerOnlyFiles.FOLDER, Files.getPosixFilePermissions(home.resolve("logs")));
            assertEquals(OwnerOnlyFiles.FOLDER, Files.getPosixFilePermissions(logFile.getParent()));
            assertEquals(OwnerOnlyFiles.FILE, Files.getPosixFilePermissions(logFile));
        } finally {
            appender.stop();
        }
    }
}
