package io.presenca.students;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The optional name and class of a student, from {@code student.json}
 * ({@code {"name": "Ana Souza", "class": "5A"}}) or {@code student.properties} ({@code name=...},
 * {@code class=...}) in the student's folder. A file that cannot be read never keeps the student
 * from being enrolled: they are enrolled without a name, and {@link #problem()} says why.
 *
 * @param name      null when not given
 * @param className null when not given
 * @param problem   null when the file was absent or read fine, else "student.json unreadable: ..."
 */
public record StudentFile(String name, String className, String problem) {

    public static final String JSON = "student.json";
    public static final String PROPERTIES = "student.properties";

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    /** Longer values are not a name or a class, and would bloat reports and exports. */
    private static final int MAX_LENGTH = 200;

    static final StudentFile NONE = new StudentFile(null, null, null);

    /** Reads student.json if present, else student.properties, else gives no name and no class. */
    public static StudentFile read(Path folder) {
        Path json = folder.resolve(JSON);
        if (Files.isRegularFile(json)) {
            return readJson(json);
        }
        Path properties = folder.resolve(PROPERTIES);
        if (Files.isRegularFile(properties)) {
            return readProperties(properties);
        }
        return NONE;
    }

    static StudentFile readJson(Path file) {
        try {
            JsonNode root = JSON_MAPPER.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                return unreadable(JSON, "expected an object such as {\"name\": \"Ana Souza\", \"class\": \"5A\"}");
            }
            return new StudentFile(text(root.get("name")), text(root.get("class")), null);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            return unreadable(JSON, e.getOriginalMessage() + where);
        } catch (IOException e) {
            return unreadable(JSON, String.valueOf(e.getMessage()));
        }
    }

    static StudentFile readProperties(Path file) {
        try {
            Properties values = loadProperties(file);
            return new StudentFile(clean(values.getProperty("name")), clean(values.getProperty("class")), null);
        } catch (IOException | IllegalArgumentException e) {
            return unreadable(PROPERTIES, String.valueOf(e.getMessage()));
        }
    }

    /** UTF-8 as people save files today, falling back to ISO-8859-1, the .properties tradition. */
    private static Properties loadProperties(Path file) throws IOException {
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(reader);
            return values;
        } catch (CharacterCodingException notUtf8) {
            values.clear();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                values.load(reader);
                return values;
            }
        }
    }

    private static String text(JsonNode node) {
        return node == null || !node.isValueNode() || node.isNull() ? null : clean(node.asText());
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        return trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed;
    }

    private static StudentFile unreadable(String fileName, String why) {
        return new StudentFile(null, null, fileName + " unreadable: " + why);
    }
}
