package io.presenca.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The dashboard's files, from one classpath folder only: a name is a plain file name with a known
 * extension, so nothing else on the classpath (settings, classes) can be asked for.
 */
final class StaticAssets {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    private final String folder;

    StaticAssets(String folder) {
        this.folder = folder;
    }

    Reply get(String name) {
        if (!NAME.matcher(name).matches()) {
            return Reply.error(404, "No such file");
        }
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(folder + name)) {
            if (in == null) {
                return Reply.error(404, "No such file");
            }
            return new Reply(200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), in.readAllBytes(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
