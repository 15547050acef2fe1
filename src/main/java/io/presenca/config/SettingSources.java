package io.presenca.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where a setting's value comes from, first match wins: the environment variable, a Java system
 * property of the same name (-DFACE_RECOGNITION_THRESHOLD=97), then a line of the same name in
 * {@code ./application.properties}, then in the copy bundled in the jar.
 */
public final class SettingSources implements Function<String, Optional<String>> {

    private final Map<String, String> environment;
    private final Properties systemProperties;
    private final Properties fileProperties;

    public SettingSources(Map<String, String> environment, Properties systemProperties, Properties fileProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.fileProperties = fileProperties;
    }

    /** The running process's sources, with {@code application.properties} read from the working directory. */
    public static SettingSources ofProcess() {
        return new SettingSources(System.getenv(), System.getProperties(), applicationProperties(Path.of("application.properties")));
    }

    /** The bundled defaults overlaid with the file, when it exists. */
    public static Properties applicationProperties(Path file) {
        Properties merged = new Properties();
        try (InputStream bundled = SettingSources.class.getResourceAsStream("/application.properties")) {
            if (bundled != null) {
                merged.load(new java.io.InputStreamReader(bundled, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new ConfigurationException("The application.properties bundled in the jar cannot be read: " + e.getMessage());
        }
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                merged.load(reader);
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
            }
        }
        return merged;
    }

    @Override
    public Optional<String> apply(String name) {
        String value = environment.get(name);
        if (value == null) {
            value = systemProperties.getProperty(name);
        }
        if (value == null) {
            value = fileProperties.getProperty(name);
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}
