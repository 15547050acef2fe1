package io.presenca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.GatewayFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line as a school uses it: settings come from the process (here as system properties,
 * which {@code SettingSources} reads like environment variables), output and exit codes are checked.
 */
class PresencaTest {

    private final GatewayFixture gateway = new GatewayFixture();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void clearSettings() {
        for (String name : List.of("FACES_DIR", "SQLITE_PATH", "CAMERA_SOURCE", "DEVICE_ID", "MODELS_DIR",
                "FACE_RECOGNITION_THRESHOLD", "EXIT_AT_END")) {
            System.clearProperty(name);
        }
    }

    private int presenca(String... args) {
        gateway.settings.forEach(System::setProperty);
        return Presenca.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void enrollPrintsAReportPerPhotoAndIsIncremental() {
        Path bbt = GatewayFixture.DATASETS.resolve("faceapi_bbt/sheldon");
        gateway.enroll("sheldon", bbt.resolve("sheldon1.png"), bbt.resolve("sheldon2.png"));
        gateway.enroll("pair", GatewayFixture.DATASETS.resolve("group_photos/ageitgey_two_people.jpg"));

        assertEquals(0, presenca("enroll"));
        assertTrue(out().contains("sheldon/sheldon1.png  accepted"), out());
        assertTrue(out().contains("pair/ageitgey_two_people.jpg  rejected: more than one face"), out());

        out.reset();
        assertEquals(0, presenca("enroll"));
        assertTrue(out().contains("0 photos accepted, 0 rejected, 3 unchanged"), out());
    }

    @Test
    void exportPrintsTheRecordedAttendanceAsCsv() throws Exception {
        String student = GatewayFixture.lfwIdentities(5, 1000).get(2);
        gateway.enrollAndShowNextThree(student);
        assertEquals(0, gateway.runToEnd());

        assertEquals(0, presenca("export", "--from", "2000-01-01"));

        List<String> lines = out().lines().toList();
        assertEquals(2, lines.size(), out());
        for (String column : List.of("student_id", "name", "captured_at", "device_id", "confidence", "matcher", "sync_status")) {
            assertTrue(lines.get(0).contains(column), "header lacks " + column + ": " + lines.get(0));
        }
        assertTrue(lines.get(1).contains(student) && lines.get(1).contains("test-door") && lines.get(1).contains("local")
                && lines.get(1).contains("pending"), lines.get(1));

        out.reset();
        assertEquals(0, presenca("export", "--to", "2000-01-01"));
        assertEquals(1, out().lines().count(), "only the header for a range before any record");
    }

    @Test
    void exportRejectsABadDate() {
        assertEquals(2, presenca("export", "--from", "yesterday"));
        assertTrue(err().contains("'yesterday' is not a date like 2026-03-01"), err());
    }

    @Test
    void aMissingModelFileStopsWithAClearError() throws Exception {
        Path emptyModels = Files.createDirectories(gateway.home.resolve("models"));
        gateway.settings.put("MODELS_DIR", emptyModels.toString());

        assertEquals(1, presenca("enroll"));

        assertTrue(err().contains("face_detection_yunet_2023mar.onnx not found") && err().contains("MODELS_DIR"), err());
    }

    @Test
    void anInvalidSettingNamesTheVariable() {
        gateway.settings.put("FACE_RECOGNITION_THRESHOLD", "very");

        assertEquals(2, presenca("enroll"));

        assertTrue(err().contains("FACE_RECOGNITION_THRESHOLD='very'"), err());
    }

    @Test
    void aCameraFolderThatDoesNotExistIsASettingsError() {
        gateway.settings.put("CAMERA_SOURCE", gateway.home.resolve("no-such-folder").toString());

        assertEquals(2, presenca("--exit-at-end"));

        assertTrue(err().contains("no-such-folder") && err().contains("CAMERA_SOURCE"), err());
    }

    @Test
    void exitAtEndNeedsAFiniteSource() {
        gateway.settings.put("CAMERA_SOURCE", "0");

        assertEquals(2, presenca("--exit-at-end"));

        assertTrue(err().contains("needs a video file or an image folder"), err());
    }

    @Test
    void unknownCommandsPrintUsage() {
        assertEquals(2, presenca("frobnicate"));
        assertTrue(err().contains("Unmatched argument at index 0: 'frobnicate'") && err().contains("Usage: presenca "), err());
    }

    @Test
    void everyCommandAndSubcommandHasHelpThatExitsZero() {
        List<String> commands = commandPaths(Presenca.commandLine(terminal()), "");
        assertTrue(commands.containsAll(List.of("enroll", "export", "evaluate", "evaluate pairs", "evaluate identify",
                "evaluate speed", "bench", "bench sync", "reindex", "sync", "dashboard-user", "consent", "erase",
                "verify-erased", "mark", "void", "help")), commands.toString());
        for (String command : commands) {
            out.reset();
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            assertEquals(0, presenca(args.toArray(String[]::new)), command + ": " + err());
            assertTrue(out().contains("Usage: presenca " + command + " "), command + ": " + out());
        }

        out.reset();
        assertEquals(0, presenca("--help"));
        assertTrue(out().startsWith("Usage: presenca ") && out().contains("--exit-at-end"), out());
        for (String command : commands.stream().filter(c -> !c.contains(" ")).toList()) {
            assertTrue(out().contains("\n  " + command + " "), "the top help lists " + command + ": " + out());
        }
        out.reset();
        assertEquals(0, presenca("help", "mark"));
        assertTrue(out().startsWith("Usage: presenca mark ") && out().contains("--lesson"), out());
        assertTrue(err().isEmpty(), err());
    }

    @Test
    void anUnknownOptionExitsTwoNamingItWithTheCommandsUsage() throws Exception {
        assertEquals(2, presenca("export", "--form", "2026-03-01"));
        assertTrue(err().contains("Unknown options: '--form'"), err());
        assertTrue(err().contains("Usage: presenca export "), "the usage of the command that was given: " + err());
        assertTrue(out().isEmpty(), "no CSV: " + out());

        err.reset();
        assertEquals(2, presenca("evaluate", "speed", "--images", ".", "--fast"));
        assertTrue(err().contains("Unknown option: '--fast'") && err().contains("Usage: presenca evaluate speed "), err());

        err.reset();
        assertEquals(2, presenca("--exit-at-the-end"));
        assertTrue(err().contains("Unknown option: '--exit-at-the-end'") && err().contains("Usage: presenca "), err());

        err.reset();
        assertEquals(2, presenca("export", "--from"));
        assertTrue(err().contains("Missing required parameter for option '--from'"), err());
        assertTrue(Files.notExists(Path.of(gateway.settings.get("SQLITE_PATH"))), "nothing was opened or created");
    }

    private Terminal terminal() {
        return new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null, null);
    }

    /** "enroll", "evaluate", "evaluate pairs", ...: every command a school can type, nested ones too. */
    private static List<String> commandPaths(CommandLine parent, String prefix) {
        List<String> paths = new ArrayList<>();
        parent.getSubcommands().forEach((name, command) -> {
            paths.add(prefix + name);
            paths.addAll(commandPaths(command, prefix + name + " "));
        });
        return paths;
    }
}
