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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import java.util.function.Function;

/**
 * The optional name and class of a student, from {@code student.json}
 * ({@code {"name": "Ana Souza", "class": "5A"}}) or {@code student.properties} ({@code name=...},
 * {@code class=...}) in the student's folder. A file that cannot be read never keeps the student
 * from being enrolled: they are enrolled without a name, and {@link #problem()} says why.
 *
 * <p>The guardian's consent may be written there too: {@code "consent": {"given_by": "Maria Souza (mother)",
 * "date": "2026-02-01", "scope": "attendance", "revoked": "2026-05-01"}} in JSON, or
 * {@code consent.given_by=}, {@code consent.date=}, {@code consent.scope=}, {@code consent.revoked=} lines.
 *
 * @param name      null when not given
 * @param className null when not given
 * @param problem   null when the file was absent or read fine, else "student.json unreadable: ..."
 * @param consent   null when the file says nothing (valid) about consent
 */
public record StudentFile(String name, String className, String problem, ConsentTerms consent) {

    /** Consent as written in the file; {@link #forStudent} turns it into a record for the store. */
    public record ConsentTerms(String givenBy, LocalDate givenOn, String scope, LocalDate revokedOn) {
        public io.presenca.store.Consent forStudent(String studentId) {
            return new io.presenca.store.Consent(studentId, givenBy, givenOn, scope, revokedOn,
                    io.presenca.store.Consent.FROM_FILE);
        }
    }

    public StudentFile(String name, String className, String problem) {
        this(name, className, problem, null);
    }

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
            JsonNode consent = root.get("consent");
            Function<String, String> field = key -> consent == null ? null : text(consent.get(key));
            return withConsent(JSON, text(root.get("name")), text(root.get("class")), field);
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
            return withConsent(PROPERTIES, clean(values.getProperty("name")), clean(values.getProperty("class")),
                    key -> clean(values.getProperty("consent." + key)));
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

    /** The name and class, with the consent fields read by {@code field}; a bad consent is a problem, not a grant. */
    private static StudentFile withConsent(String fileName, String name, String className, Function<String, String> field) {
        String givenBy = field.apply("given_by");
        String date = field.apply("date");
        String scope = field.apply("scope");
        String revoked = field.apply("revoked");
        if (givenBy == null && date == null && scope == null && revoked == null) {
            return new StudentFile(name, className, null, null);
        }
        try {
            if (revoked == null && (givenBy == null || date == null)) {
                throw new IllegalArgumentException("consent needs both given_by and date (YYYY-MM-DD)");
            }
            ConsentTerms terms = new ConsentTerms(givenBy, day(date), scope, day(revoked));
            if (terms.givenOn() != null && terms.givenOn().isAfter(LocalDate.now())) {
                // not given yet, or a mistyped year: either way nobody has consented today
                throw new IllegalArgumentException("consent date " + terms.givenOn() + " is in the future");
            }
            return new StudentFile(name, className, null, terms);
        } catch (IllegalArgumentException e) {
            return new StudentFile(name, className, fileName + " unreadable: " + e.getMessage()
                    + "; no consent was taken from it", null);
        }
    }

    private static LocalDate day(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("consent date '" + text + "' is not a date like 2026-02-01");
        }
    }

    private static StudentFile unreadable(String fileName, String why) {
        return new StudentFile(null, null, fileName + " unreadable: " + why);
    }
}
