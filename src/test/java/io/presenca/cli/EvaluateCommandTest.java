package io.presenca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presenca.GatewayFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} on small shared data, through the command line, with the gateway's real models. */
class EvaluateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int presenca(String... args) {
        return Presenca.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonNode lastLineAsJson() throws Exception {
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\\R");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    /** Two folds of 15 same and 15 different pairs, taken from the start of the first two LFW-dev folds. */
    private static Path smallPairsFile(Path folder) throws Exception {
        List<String> lines = Files.readAllLines(GatewayFixture.DATASETS.resolve("lfw-dev-pairs.txt"));
        List<String> small = new ArrayList<>(List.of("2\t15"));
        for (int fold = 0; fold < 2; fold++) {
            int start = 1 + fold * 600;
            small.addAll(lines.subList(start, start + 15));
            small.addAll(lines.subList(start + 300, start + 315));
        }
        return Files.write(folder.resolve("pairs.txt"), small);
    }

    @Test
    void pairsReportsCrossValidatedAccuracyAndEndsWithJson(@TempDir Path folder) throws Exception {
        int code = presenca("evaluate", "pairs", "--pairs", smallPairsFile(folder).toString(),
                "--images", GatewayFixture.DATASETS.resolve("lfw-dev").toString(), "--json");

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode json = lastLineAsJson();
        assertTrue(json.get("accuracy").asDouble() >= 0.9, json.toString());
        assertTrue(json.get("tar_at_far_0_01").asDouble() >= 0.8, json.toString());
        assertEquals("omz", json.get("descriptors").asText(), "the default descriptor");
        // unit vectors: same-person pairs lie well below distance 1.4 (cosine 0.02), different ones above 0.9
        assertTrue(json.get("threshold").asDouble() > 0.9 && json.get("threshold").asDouble() < 1.4, json.toString());
        assertEquals(0, json.get("no_face").asInt());
        assertTrue(json.get("images").asInt() > 60 && json.get("images").asInt() <= 120, json.toString());
        assertTrue(json.get("ms_per_image").asDouble() > 0);
        assertTrue(json.has("accuracy_std") && json.has("tar_at_far_0_001"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("accuracy "), "a human-readable report comes first");
    }

    @Test
    void identifyOnAttFacesEnrollsFortyStudentsAndAcceptsAlmostAllProbesCorrectly() throws Exception {
        int code = presenca("evaluate", "identify", "--dataset", GatewayFixture.DATASETS.resolve("att_faces").toString(),
                "--enroll", "2", "--json");

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode json = lastLineAsJson();
        assertEquals(40, json.get("gallery_size").asInt());
        assertEquals(320, json.get("enrolled_probes").asInt());
        assertEquals(0, json.get("stranger_probes").asInt());
        assertTrue(json.get("rank1").asDouble() >= 0.97, json.toString());
        assertTrue(json.get("accepted_correct").asDouble() >= 0.9, json.toString());
        assertEquals(0.0, json.get("accepted_wrong").asDouble(), json.toString());
        double total = json.get("accepted_correct").asDouble() + json.get("accepted_wrong").asDouble()
                + json.get("review").asDouble() + json.get("unknown").asDouble();
        assertEquals(1.0, total, 1e-9, "every probe is accepted, reviewed or unknown");
    }

    @Test
    void identifyCountsIdentitiesWithFewPhotosAsStrangers() throws Exception {
        // faceapi_bbt: 8 people with 5 photos each; with 5 to enroll nobody has a probe left, so all are strangers
        int code = presenca("evaluate", "identify", "--dataset", GatewayFixture.DATASETS.resolve("faceapi_bbt").toString(),
                "--enroll", "5", "--json");
        assertEquals(2, code, "nobody can be enrolled: " + out);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nobody could be enrolled"), err.toString());
    }

    @Test
    void speedTimesEachAskedDescriptorAtBatchOneFourAndEight() {
        int code = presenca("evaluate", "speed", "--images", GatewayFixture.DATASETS.resolve("dlib_johns").toString(),
                "--faces", "16", "--descriptors", "all");

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        for (String model : List.of("[dlib] ", "[omz] ")) {
            String line = report.lines().filter(l -> l.startsWith(model)).findFirst().orElseThrow(() -> new AssertionError(report));
            assertTrue(line.matches(".*ms per face \\d+\\.\\d+ at batch 1, \\d+\\.\\d+ at batch 4, \\d+\\.\\d+ at batch 8"), line);
        }
    }

    @Test
    void wrongOptionsExitWithUsageAndSayWhatIsMissing() {
        assertEquals(2, presenca("evaluate", "identify", "--dataset", ".", "--descriptors", "sface"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--descriptors must be omz, dlib, omz+dlib or all"),
                err.toString());
        assertEquals(2, presenca("evaluate", "pairs", "--images", "."));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Missing required option: '--pairs=FILE'"), err.toString());
        assertEquals(2, presenca("evaluate"));
        assertEquals(2, presenca("evaluate", "identify", "--dataset", "no/such/folder"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("does not exist"), err.toString());
    }
}
