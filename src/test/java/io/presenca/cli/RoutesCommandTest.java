package io.presenca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code routes check}: exit 0 on good files, 1 with each mistake at file:line, 2 on a wrong command line. */
class RoutesCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Through the jar's own command line, as a school runs it. */
    private int routes(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "routes";
        System.arraycopy(args, 0, command, 1, args.length);
        return Presenca.run(command, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theBundledRoutesAreClean() {
        assertEquals(0, routes("check"), err.toString());
        assertTrue(out.toString().startsWith("Checked 11 route file(s) of routes: no problem found."), out.toString());
    }

    @Test
    void anEditedCopyWithAMistakeIsListedAtItsLineWithExitCode1() throws Exception {
        Path edited = Path.of("target", "routes-check", UUID.randomUUID() + ".camel.yaml");
        Files.createDirectories(edited.getParent());
        Files.writeString(edited, Files.readString(Path.of("routes/enrollment.camel.yaml")).replace("period:", "perod:"));

        assertEquals(1, routes("check", "routes/capture.camel.yaml", edited.toString()));

        assertTrue(err.toString().startsWith(edited + ":7: endpoint timer:enrollment-rescan?"), err.toString());
        assertTrue(err.toString().contains("Unknown parameters=[{perod="), err.toString());
        assertTrue(out.toString().startsWith("Checked 2 route file(s): 1 problem(s)."), out.toString());
    }

    @Test
    void aMissingFileOrNoSubcommandIsAUsageError() {
        assertEquals(2, routes("check", "routes/no-such.camel.yaml"));
        assertTrue(err.toString().startsWith("No route file routes/no-such.camel.yaml."), err.toString());
        assertEquals(2, routes());
        assertEquals(0, routes("check", "--help"));
        assertTrue(out.toString().contains("Usage: presenca routes check [-hV] [FILE...]"), out.toString());
    }
}
