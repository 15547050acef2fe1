package io.presenca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presenca.GatewayFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code bench} on the five-frame test video: the figures exist and are sane, whatever the machine's speed. */
class BenchCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int presenca(String... args) {
        return Presenca.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void timesEveryStageOfEveryFrameAndTheGallerySearch() throws Exception {
        int code = presenca("bench", "--source",
                GatewayFixture.DATASETS.resolve("videos/faceapi_test_video.mp4").toString(), "--json");

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\\R");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals(5, json.get("frames").asInt());
        assertTrue(json.get("faces").asInt() >= 10, "three faces in most of the five frames: " + json);
        assertTrue(json.get("frames_per_second").asDouble() > 0);
        // the video's faces are all too small to describe: nothing described, nothing for tracking to save
        assertEquals(0, json.get("faces_described").asInt(), json.toString());
        assertEquals(0, json.get("descriptions_saved_by_tracking").asInt(), json.toString());
        for (String stage : new String[] {"decode", "detect+align", "quality", "track", "embed", "match", "record", "frame"}) {
            JsonNode timing = json.get("stages").get(stage);
            assertTrue(timing != null && timing.get("p95_ms").asDouble() >= timing.get("median_ms").asDouble(),
                    stage + ": " + json);
        }
        assertTrue(json.get("stages").get("frame").get("median_ms").asDouble()
                >= json.get("stages").get("detect+align").get("median_ms").asDouble(), "a frame includes its stages");
        assertTrue(json.get("peak_rss_mb").asDouble() > 50, json.toString());
        assertTrue(json.get("gallery_10k_ms_per_face").asDouble() > json.get("gallery_1k_ms_per_face").asDouble(),
                "ten times the students cost more: " + json);
    }

    @Test
    void refusesALiveCameraBecauseItNeverEnds() {
        assertEquals(2, presenca("bench", "--source", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs a source that ends"), err.toString());
    }
}
