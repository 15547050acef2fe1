package io.presenca.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses settings by name and remembers each effective value: as given, for Camel's placeholders, and
 * with secrets masked, for the start-up log.
 */
final class SettingsReader {

    private final Function<String, Optional<String>> sources;
    private final Map<String, String> effective = new LinkedHashMap<>();
    private final Map<String, String> given = new LinkedHashMap<>();
    private final Set<String> sensitive = new LinkedHashSet<>();

    SettingsReader(Function<String, Optional<String>> sources) {
        this.sources = sources;
    }

    Map<String, String> effective() {
        return effective;
    }

    /** Each setting that has a value, as given (trailing slash of a URL removed), secrets included. */
    Map<String, String> given() {
        return given;
    }

    /** The settings whose value must not be logged: secrets, and text that carried a password. */
    Set<String> sensitive() {
        return sensitive;
    }

    String text(String name, String fallback) {
        String value = sources.apply(name).orElse(fallback);
        // a camera URL may carry a password: the start-up log shows it masked
        String shown = value == null ? "(not set)" : UrlCredentials.mask(value);
        effective.put(name, shown);
        keep(name, value);
        if (value != null && !shown.equals(value)) {
            sensitive.add(name);
        }
        return value;
    }

    String secret(String name) {
        String value = sources.apply(name).orElse(null);
        effective.put(name, value == null ? "(not set)" : "****");
        keep(name, value);
        sensitive.add(name);
        return value;
    }

    private void keep(String name, String value) {
        if (value == null) {
            given.remove(name);
        } else {
            given.put(name, value);
        }
    }

    /** One of {@code allowed}, compared without case. */
    String choice(String name, String fallback, String... allowed) {
        String value = text(name, fallback);
        for (String option : allowed) {
            if (option.equalsIgnoreCase(value)) {
                effective.put(name, option);
                keep(name, option);
                return option;
            }
        }
        throw invalid(name, value, "one of " + String.join(", ", allowed));
    }

    /**
     * An http(s) URL, or null when not set. Logged without any user:password part: credentials
     * belong in their own secret settings.
     */
    String url(String name) {
        String value = sources.apply(name).orElse(null);
        if (value == null) {
            effective.put(name, "(not set)");
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(name, "(not a URL)", "an http:// or https:// URL such as https://api.school.example/v1");
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            throw invalid(name, uri.getUserInfo() == null ? value : "(a URL with credentials)",
                    "an http:// or https:// URL such as https://api.school.example/v1");
        }
        if (uri.getUserInfo() != null) {
            throw invalid(name, "(a URL with credentials)", "a URL without user:password; put the key in EXTERNAL_API_KEY");
        }
        effective.put(name, value);
        String url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        keep(name, url);
        return url;
    }

    Path path(String name, String fallback) {
        String value = text(name, fallback);
        return value == null ? null : Path.of(value);
    }

    int integer(String name, int fallback, int min, int max) {
        return number(name, fallback, min, max, Integer::parseInt, "a whole number").intValue();
    }

    double decimal(String name, double fallback, double min, double max) {
        return number(name, fallback, min, max, Double::parseDouble, "a number").doubleValue();
    }

    private <N extends Number> N number(String name, N fallback, N min, N max, Function<String, N> parse, String kind) {
        Optional<String> raw = sources.apply(name);
        String expected = kind + " from " + min + " to " + max;
        N value;
        try {
            value = raw.map(parse).orElse(fallback);
        } catch (NumberFormatException e) {
            throw invalid(name, raw.get(), expected);
        }
        // written so that NaN fails too
        if (!(value.doubleValue() >= min.doubleValue() && value.doubleValue() <= max.doubleValue())) {
            throw invalid(name, raw.orElse(fallback + " (default)"), expected);
        }
        effective.put(name, value.toString());
        keep(name, value.toString());
        return value;
    }

    boolean flag(String name, boolean fallback) {
        Optional<String> raw = sources.apply(name);
        boolean value = fallback;
        if (raw.isPresent()) {
            switch (raw.get().toLowerCase()) {
                case "true", "yes", "1", "on" -> value = true;
                case "false", "no", "0", "off" -> value = false;
                default -> throw invalid(name, raw.get(), "true or false");
            }
        }
        effective.put(name, Boolean.toString(value));
        keep(name, Boolean.toString(value));
        return value;
    }

    static ConfigurationException invalid(String name, String value, String expected) {
        return new ConfigurationException("Invalid setting " + name + "='" + value + "': expected " + expected
                + ". Fix the environment variable " + name + " or its line in application.properties.");
    }
}
