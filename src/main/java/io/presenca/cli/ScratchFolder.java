package io.presenca.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder for a benchmark's throw-away databases, deleted with everything in it on close. */
final class ScratchFolder implements AutoCloseable {

    private final Path path;

    ScratchFolder(String prefix) throws IOException {
        this.path = Files.createTempDirectory(prefix);
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless, and must not hide the benchmark's own outcome
        }
    }
}
