package io.presenca.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch use case end to end: a YAML route using {@code camera:} with no binding (found through the service
 * file) and exitAtEnd=true makes camel-main's run() return on its own, which is what lets the JVM exit.
 */
class CameraMainExitTest {

    @TempDir
    Path dir;

    @Test
    void mainRunReturnsAfterTheVideoEnds() throws Exception {
        Path route = dir.resolve("camera.yaml");
        Files.writeString(route, """
                - route:
                    id: camera
                    from:
                      uri: camera:door
                      parameters:
                        source: %s
                        exitAtEnd: true
                      steps:
                        - to: class:io.presenca.camera.FrameCounter?method=count
                """.formatted(TestData.require(TestData.TEST_VIDEO).toAbsolutePath()));
        FrameCounter.FRAMES.set(0);

        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + route);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> main.run());

        assertEquals(5, FrameCounter.FRAMES.get());
    }
}
