package io.presenca;

import io.presenca.cli.Presenca;
import io.presenca.cli.Terminal;
import io.presenca.config.Settings;
import io.presenca.store.AttendanceRow;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.ReviewItem;
import io.presenca.store.ReviewStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A gateway installation in a folder under target/: faces/, a camera folder, the SQLite file, and
 * settings given as a map (what the school would set as environment variables).
 */
public final class GatewayFixture {

    public static final Path DATASETS = Path.of("../shared/datasets");
    static final Path LFW = DATASETS.resolve("lfw-dev");

    public final Path home;
    public final Path faces;
    public final Path camera;
    public final Path sqlite;
    public final Map<String, String> settings = new HashMap<>();

    public GatewayFixture() {
        home = Path.of("target", "gateway-test", UUID.randomUUID().toString()).toAbsolutePath();
        faces = home.resolve("faces");
        camera = home.resolve("camera");
        sqlite = home.resolve("data/attendance.db");
        try {
            Files.createDirectories(faces);
            Files.createDirectories(camera);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings.put("FACES_DIR", faces.toString());
        settings.put("SQLITE_PATH", sqlite.toString());
        settings.put("CAMERA_SOURCE", camera.toString());
        settings.put("DEVICE_ID", "test-door");
        // each run its own port: several gateways (and other builds on this machine) must not meet on 8080
        settings.put("MANAGEMENT_PORT", Integer.toString(freePort()));
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code java -jar presenca.jar args} with these settings (as -D properties, cleared by
     * {@link #clearCommandSettings}); what it prints, out and err, goes to {@code out}.
     */
    public int command(java.io.ByteArrayOutputStream out, String... args) {
        out.reset();
        settings.forEach(System::setProperty);
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        return Presenca.run(args, print, print);
    }

    /** {@link #command} with {@code input} as one line on standard input (not a terminal), as a piped password. */
    public int commandWithInput(String input, java.io.ByteArrayOutputStream out, String... args) {
        out.reset();
        settings.forEach(System::setProperty);
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        return Presenca.run(args, new Terminal(print, print, null,
                new java.io.BufferedReader(new java.io.StringReader(input + "\n"))));
    }

    public void clearCommandSettings() {
        settings.keySet().forEach(System::clearProperty);
    }

    int managementPort() {
        return Integer.parseInt(settings.get("MANAGEMENT_PORT"));
    }

    public Settings settings() {
        return Settings.load(name -> Optional.ofNullable(settings.get(name)));
    }

    GatewayRun.Summary lastRun;

    /** Runs the gateway over the camera source until it ends, as {@code java -jar presenca.jar --exit-at-end}. */
    public int runToEnd() throws Exception {
        return runToEnd(java.util.function.UnaryOperator.identity());
    }

    /** {@link #runToEnd()} with {@code opened} between the gateway and its SQLite file (to make it fail like a full disk). */
    int runToEnd(java.util.function.UnaryOperator<Database> opened) throws Exception {
        GatewayRun run = new GatewayRun(settings(), true, opened);
        int code = run.call();
        lastRun = run.summary();
        return code;
    }

    /** Starts the gateway on its own thread, as {@code java -jar presenca.jar}; it runs until the handle is closed. */
    Running start() {
        return new Running(new GatewayRun(settings(), false));
    }

    /** A gateway running in the background; closing it stops it as Ctrl+C would, and checks it exited cleanly. */
    static final class Running implements AutoCloseable {
        private final GatewayRun run;
        private final java.util.concurrent.CompletableFuture<Integer> exit;

        Running(GatewayRun run) {
            this.run = run;
            this.exit = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return run.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        /** A route's state in the running gateway (Started, Stopped...), null before Camel runs. */
        org.apache.camel.ServiceStatus routeStatus(String routeId) {
            org.apache.camel.CamelContext camel = run.camelContext();
            return camel == null ? null : camel.getRouteController().getRouteStatus(routeId);
        }

        @Override
        public void close() throws Exception {
            run.stop();
            int code = exit.get(60, java.util.concurrent.TimeUnit.SECONDS);
            if (code != 0) {
                throw new IllegalStateException("The gateway exited with code " + code);
            }
        }
    }

    /** Enrolls an LFW-dev identity with its first 2 photos and puts its next 3 before the camera. */
    public void enrollAndShowNextThree(String identity) {
        List<Path> photos = lfwPhotos(identity);
        enroll(identity, photos.get(0), photos.get(1));
        showToCamera(photos.subList(2, 5));
    }

    /** Enrolls an LFW-dev identity with its first 2 photos; its next 3 are returned, for {@link #showLater}. */
    List<Path> enrollWithFirstTwo(String identity) {
        List<Path> photos = lfwPhotos(identity);
        enroll(identity, photos.get(0), photos.get(1));
        return photos.subList(2, 5);
    }

    /** Puts photos in the camera folder after those shown first: a student walking in once the folder was read. */
    void showLater(List<Path> photos) {
        for (int i = 0; i < photos.size(); i++) {
            copyAs(photos.get(i), camera.resolve(String.format("1%03d_%s", i, photos.get(i).getFileName())));
        }
    }

    /** A copy of routes/ as this gateway's ROUTES_DIR, for tests that edit routes while it runs. */
    Path editableRoutes() throws IOException {
        Path routes = home.resolve("routes");
        Files.createDirectories(routes);
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        settings.put("ROUTES_DIR", routes.toString());
        return routes;
    }

    /** Photos of a student whose guardian consented (REQUIRE_CONSENT is on by default). */
    public void enroll(String studentId, Path... photos) {
        copy(faces.resolve(studentId), photos);
        writeConsent(studentId);
    }

    public void writeConsent(String studentId) {
        try {
            Files.writeString(faces.resolve(studentId).resolve("student.json"),
                    "{\"consent\": {\"given_by\": \"Guardian of " + studentId + "\", \"date\": \"2026-02-01\"}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the camera folder, for a run that shows other photos. */
    public void clearCamera() {
        try (Stream<Path> shown = Files.list(camera)) {
            for (Path photo : shown.toList()) {
                Files.delete(photo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts photos in the camera folder under names that keep the given order. */
    public void showToCamera(List<Path> photos) {
        for (int i = 0; i < photos.size(); i++) {
            copyAs(photos.get(i), camera.resolve(String.format("%04d_%s", i, photos.get(i).getFileName())));
        }
    }

    public List<AttendanceRow> records() {
        return new AttendanceStore(Database.open(sqlite)).between(null, null, java.time.ZoneId.systemDefault());
    }

    public List<ReviewItem> openReviews() {
        return new ReviewStore(Database.open(sqlite)).open();
    }

    public Map<String, Long> recordsPerStudent() {
        return records().stream().collect(Collectors.groupingBy(AttendanceRow::studentId, Collectors.counting()));
    }

    /** LFW-dev photos of one identity, in file-name order. */
    public static List<Path> lfwPhotos(String identity) {
        try (Stream<Path> files = Files.list(LFW.resolve(identity))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** LFW-dev identities with a number of photos in [min, max], in name order. */
    public static List<String> lfwIdentities(int min, int max) {
        try (Stream<Path> dirs = Files.list(LFW)) {
            return dirs.filter(Files::isDirectory).sorted()
                    .filter(d -> {
                        int n = lfwPhotos(d.getFileName().toString()).size();
                        return n >= min && n <= max;
                    })
                    .map(d -> d.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path folder, Path... photos) {
        for (Path photo : photos) {
            copyAs(photo, folder.resolve(photo.getFileName()));
        }
    }

    private static void copyAs(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
