package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar's fallback route list names every route file of routes/, so none is left out of the jar run;
 * the Rekognition upkeep file is added to it when MATCHER uses Rekognition.
 */
class BundledRoutesTest {

    @Test
    void everyRouteFileIsInTheBundledList() throws IOException {
        String bundled = GatewayRun.BUNDLED_ROUTES;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertEquals(files.map(f -> "classpath:routes/" + f.getFileName()).sorted().toList(),
                    Stream.concat(Arrays.stream(bundled.split(",")), Stream.of("classpath:routes/" + GatewayRun.REKOGNITION_ROUTES))
                            .sorted().toList());
        }
    }
}
