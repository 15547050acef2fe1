package io.presenca.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.config.Settings;

import io.presenca.attendance.AttendanceRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.BindToRegistry;
import org.junit.jupiter.api.Test;

/**
 * The check passes on every route the gateway ships (so a broken bundled route fails the build), and finds
 * each kind of mistake a school could save, at its file and line, on copies of those routes broken on purpose.
 */
class RouteCheckTest {

    private static final Settings DEFAULTS = Settings.fromProcessWith(java.util.Map.of());
    private final RouteCheck check = RouteCheck.ofGateway(DEFAULTS);

    @Test
    void everyRouteFileOfTheRoutesFolderAndTheJarPasses() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("routes"))) {
            files = listed.sorted().toList();
        }
        List<RouteProblem> problems = check.checkFiles(files);
        assertEquals(List.of(), problems, RouteCheck.describe(problems));
        assertEquals(11, files.size(), "every route file was checked");
    }

    @Test
    void theCopiesInTheJarAreFoundAndPass() {
        List<RouteProblem> problems = check.checkBundled();
        assertEquals(List.of(), problems, RouteCheck.describe(problems));
    }

    @Test
    void brokenYamlIsReportedAtTheLineWhereItBreaks() throws IOException {
        // one space less before "ref:" makes the next line a mapping YAML cannot parse
        RouteProblem problem = onlyProblem("capture.camel.yaml", "            ref: faceFinder\n",
                "           ref: faceFinder\n");
        assertEquals(lineOf("capture.camel.yaml", "method: findFaces"), problem.line());
        assertTrue(problem.message().startsWith("cannot be loaded: mapping values are not allowed here"), problem.message());
    }

    @Test
    void anUnknownKeyInAStepIsReportedAtItsLine() throws IOException {
        RouteProblem problem = onlyProblem("sync.camel.yaml", "doWhile: true", "doWhle: true");
        assertEquals(lineOf("sync.camel.yaml", "doWhile: true"), problem.line());
        assertTrue(problem.message().contains("doWhle"), problem.message());
    }

    @Test
    void aBeanTheGatewayDoesNotBindIsReportedAtItsStep() throws IOException {
        RouteProblem problem = onlyProblem("capture.camel.yaml", "ref: attendanceRecorder", "ref: attendanceRecordr");
        assertEquals(lineOf("capture.camel.yaml", "ref: attendanceRecorder") - 1, problem.line(), "the '- bean:' line");
        assertTrue(problem.message().startsWith("no bean named 'attendanceRecordr': the gateway binds "), problem.message());
        assertTrue(problem.message().contains("attendanceRecorder"), "says which names exist");
    }

    @Test
    void aMethodTheBeanDoesNotHaveIsReportedAtItsStep() throws IOException {
        RouteProblem problem = onlyProblem("enrollment.camel.yaml", "method: rescan", "method: rescann");
        assertEquals(lineOf("enrollment.camel.yaml", "method: rescan") - 2, problem.line(), "the '- bean:' line");
        assertTrue(problem.message().startsWith("bean 'enrollmentRefresh' (EnrollmentRefresh) has no method 'rescann': it has "),
                problem.message());
    }

    @Test
    void aMethodOfASplitAndOfABeanEndpointAreCheckedToo() throws IOException {
        String route = """
                - route:
                    from:
                      uri: direct:a
                      steps:
                        - split:
                            method:
                              ref: pendingBatches
                              method: batchez
                            steps:
                              - log: a part
                """;
        List<RouteProblem> problems = check.check("split.camel.yaml", route);
        assertEquals(1, problems.size(), RouteCheck.describe(problems));
        assertEquals(5, problems.get(0).line(), "the '- split:' line");
        assertTrue(problems.get(0).message().contains("'pendingBatches' (PendingBatches) has no method 'batchez'"),
                problems.get(0).message());

        RouteProblem deadLetter = onlyProblem("notifications.camel.yaml", "eventDispatcher?method=putBack",
                "eventDispatcher?method=putBak");
        assertEquals(lineOf("notifications.camel.yaml", "eventDispatcher?method=putBack"), deadLetter.line());
        assertTrue(deadLetter.message().contains("'eventDispatcher' (EventDispatcher) has no method 'putBak'"));
    }

    @Test
    void anUnknownEndpointOptionOrComponentIsReportedAtItsEndpoint() throws IOException {
        RouteProblem option = onlyProblem("enrollment.camel.yaml", "period:", "perod:");
        assertEquals(lineOf("enrollment.camel.yaml", "uri: timer:enrollment-rescan"), option.line());
        assertTrue(option.message().endsWith("Unknown parameters=[{perod=30s}]"), option.message());

        RouteProblem component = onlyProblem("enrollment.camel.yaml", "uri: timer:", "uri: timr:");
        assertEquals(lineOf("enrollment.camel.yaml", "uri: timer:enrollment-rescan"), component.line());
        assertTrue(component.message().contains("No endpoint could be found for: timr://enrollment-rescan"),
                component.message());
    }

    @Test
    void aPlaceholderWithNoValueIsReportedAtItsLine() throws IOException {
        RouteProblem problem = onlyProblem("log-summary.camel.yaml", "delay: \"{{LOG_SUMMARY_SECONDS}}s\"",
                "delay: \"{{LOG_SUMARY_SECONDS}}s\"");
        assertEquals(lineOf("log-summary.camel.yaml", "delay: \"{{LOG_SUMMARY_SECONDS}}s\""), problem.line());
        assertEquals("placeholder {{LOG_SUMARY_SECONDS}} has no value: set LOG_SUMARY_SECONDS in application.properties"
                + " or in the environment, or fix its name", problem.message());
    }

    @Test
    void settingsOfApplicationPropertiesResolve() {
        String route = """
                - route:
                    from:
                      uri: "timer:t?period={{LOG_SUMMARY_SECONDS}}s"
                      steps:
                        - log: "{{SYNC_BATCH_SIZE}}"
                """;
        assertEquals(List.of(), check.check("settings.camel.yaml", route));
    }

    /** A sync route that would mark records synced in SQLite before PostgreSQL has them is refused, as at start. */
    @Test
    void aSyncRouteThatMarksRecordsBeforeTheUpsertBreaksTheSafetyRule() throws IOException {
        RouteProblem problem = onlyProblem("sync.camel.yaml", "ref: centralRows\n                              method: of",
                "ref: syncSettlement\n                              method: settle");
        assertTrue(problem.message().startsWith("breaks the sync's safety rule: step"), problem.message());
        assertTrue(problem.message().contains("does not follow the PostgreSQL upsert"), problem.message());
    }

    @Test
    void aSecretInAnEndpointNeverReachesTheReport() {
        Properties secrets = GatewayBeans.placeholders(DEFAULTS);
        secrets.setProperty("WEBHOOK_API_KEY", "s3cret-key-value");
        String route = """
                - route:
                    from:
                      uri: "timer:t?perod={{WEBHOOK_API_KEY}}"
                      steps:
                        - log: hello
                """;
        List<RouteProblem> problems = new RouteCheck(GatewayBeans.catalogue(), secrets).check("secret.camel.yaml", route);
        assertEquals(1, problems.size());
        assertFalse(problems.get(0).toString().contains("s3cret"), problems.get(0).toString());
        assertTrue(problems.get(0).message().contains("perod=xxxxxx"), problems.get(0).message());
    }

    /** A configuration class of {@code @BindToRegistry} factories gives the bean names and types, none called. */
    @Test
    void beansAreReadFromAConfigurationClassWithoutBuildingThem() {
        RouteCheck fromConfiguration = new RouteCheck(BeanCatalogue.fromConfiguration(Configuration.class),
                GatewayBeans.placeholders(DEFAULTS));
        String route = """
                - route:
                    from:
                      uri: direct:a
                      steps:
                        - bean:
                            ref: attendanceRecorder
                            method: writeWaiting
                        - bean:
                            ref: recorder
                            method: writeWaiting
                """;
        List<RouteProblem> problems = fromConfiguration.check("configured.camel.yaml", route);
        assertEquals(1, problems.size(), RouteCheck.describe(problems));
        assertEquals(8, problems.get(0).line());
        assertTrue(problems.get(0).message().startsWith("no bean named 'recorder': the gateway binds attendanceRecorder"));
    }

    static final class Configuration {
        @BindToRegistry("attendanceRecorder")
        AttendanceRecorder recorder() {
            throw new AssertionError("the check must not build the beans");
        }
    }

    private RouteProblem onlyProblem(String file, String from, String to) throws IOException {
        String text = Files.readString(Path.of("routes", file));
        assertTrue(text.contains(from), from);
        List<RouteProblem> problems = check.check(file, text.replace(from, to));
        assertEquals(1, problems.size(), RouteCheck.describe(problems));
        assertEquals(file, problems.get(0).file());
        return problems.get(0);
    }

    private static int lineOf(String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("routes", file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
