package io.presenca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    private static Function<String, Optional<String>> only(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    private static Settings load(String... nameValuePairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            values.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return Settings.load(only(values));
    }

    @Test
    void emptySourceGivesTheDocumentedDefaults() {
        Settings s = load();
        assertEquals(95.0, s.faceRecognitionThreshold);
        assertEquals(10, s.minutesBeforeNextCapture);
        assertEquals(60, s.studentSyncInterval);
        assertEquals(5, s.attendanceSyncInterval);
        assertEquals(30, s.cleanupDays);
        assertEquals(5435, s.postgresPort);
        assertEquals(0, s.cameraIndex);
        assertEquals("0", s.cameraSource);
        assertEquals(Path.of("faces"), s.facesDir);
        assertEquals(Path.of("data/attendance.db"), s.sqlitePath);
        assertNull(s.modelsDir);
        assertFalse(s.exitAtEnd);
        assertNull(s.postgresPassword);
    }

    @Test
    void cameraSourceDefaultsToCameraIndex() {
        assertEquals("2", load("CAMERA_INDEX", "2").cameraSource);
    }

    @Test
    void cameraSourceOverridesCameraIndex() {
        Settings s = load("CAMERA_INDEX", "2", "CAMERA_SOURCE", "rtsp://door/stream");
        assertEquals("rtsp://door/stream", s.cameraSource);
        assertEquals(2, s.cameraIndex);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "FACE_RECOGNITION_THRESHOLD, abc",
        "FACE_RECOGNITION_THRESHOLD, 150",
        "FACE_RECOGNITION_THRESHOLD, NaN",
        "POSTGRES_PORT, 0",
        "POSTGRES_PORT, 70000",
        "MINUTES_BEFORE_NEXT_CAPTURE, -1",
        "EXIT_AT_END, maybe",
        "DEVICE_ID, ../x",
        "DEVICE_ID, door 1",
        "MATCHER, aws",
        "REKOGNITION_ENDPOINT, rekognition.eu-west-1.amazonaws.com",
        "REKOGNITION_ENDPOINT, ftp://host",
        "REKOGNITION_COLLECTION_ID, my school",
        "REKOGNITION_TPS, 0",
        "REKOGNITION_QUALITY_FILTER, BEST",
        "REKOGNITION_REVERIFY, sometimes",
    })
    void invalidValueIsRefusedNamingTheVariable(String name, String value) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(name, value));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void defaultThatFallsOutOfRangeOfAnotherSettingIsReportedAsConfigurationError() {
        // CONSENSUS_WINDOW_FRAMES defaults to 5 but may not be below CONSENSUS_MIN_FRAMES
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load("CONSENSUS_MIN_FRAMES", "10"));
        assertTrue(e.getMessage().contains("CONSENSUS_WINDOW_FRAMES"), e.getMessage());
    }

    @Test
    void flagAcceptsTheUsualSpellings() {
        assertTrue(load("EXIT_AT_END", "yes").exitAtEnd);
        assertTrue(load("EXIT_AT_END", "TRUE").exitAtEnd);
        assertFalse(load("EXIT_AT_END", "off").exitAtEnd);
    }

    @Test
    void describeMasksSecretsButShowsOrdinaryValues() {
        String password = "pg-Secret-1234";
        String apiKey = "api-Secret-5678";
        String awsSecret = "aws-Secret-9012";
        Settings s = load("POSTGRES_PASSWORD", password, "EXTERNAL_API_KEY", apiKey, "AWS_SECRET_ACCESS_KEY", awsSecret,
                "POSTGRES_HOST", "db.school.example");
        String description = s.describe();
        for (String secret : new String[] {password, apiKey, awsSecret}) {
            assertFalse(description.contains(secret), "secret leaked: " + description);
        }
        assertEquals("****", s.effective().get("POSTGRES_PASSWORD"));
        assertEquals("****", s.effective().get("EXTERNAL_API_KEY"));
        assertEquals("****", s.effective().get("AWS_SECRET_ACCESS_KEY"));
        assertTrue(description.contains("db.school.example"), description);
        // the secrets are still available to the code that needs them
        assertEquals(password, s.postgresPassword);
    }

    @Test
    void environmentWinsOverSystemPropertyWhichWinsOverFile() {
        Properties system = new Properties();
        Properties file = new Properties();
        file.setProperty("A", "file");
        file.setProperty("B", "file");
        file.setProperty("C", "file");
        system.setProperty("A", "system");
        system.setProperty("B", "system");
        SettingSources sources = new SettingSources(Map.of("A", "env"), system, file);
        assertEquals(Optional.of("env"), sources.apply("A"));
        assertEquals(Optional.of("system"), sources.apply("B"));
        assertEquals(Optional.of("file"), sources.apply("C"));
        assertEquals(Optional.empty(), sources.apply("D"));
    }

    @Test
    void valuesAreTrimmedAndBlankValuesCountAsUnset() {
        SettingSources sources = new SettingSources(Map.of("A", "  ", "B", " 97 "), new Properties(), new Properties());
        assertEquals(Optional.empty(), sources.apply("A"));
        assertEquals(Optional.of("97"), sources.apply("B"));
    }

    @Test
    void settingsReadThroughSourcesUseTheEnvironmentFirst() {
        Properties file = new Properties();
        file.setProperty("FACE_RECOGNITION_THRESHOLD", "90");
        Properties system = new Properties();
        system.setProperty("FACE_RECOGNITION_THRESHOLD", "97");
        assertEquals(97.0, Settings.load(new SettingSources(Map.of(), system, file)).faceRecognitionThreshold);
        assertEquals(98.0, Settings.load(new SettingSources(Map.of("FACE_RECOGNITION_THRESHOLD", "98"), system, file))
                .faceRecognitionThreshold);
        assertEquals(90.0, Settings.load(new SettingSources(Map.of(), new Properties(), file)).faceRecognitionThreshold);
    }

    @Test
    void matchingIsLocalUnlessRekognitionIsChosen() {
        Settings s = load();
        assertEquals(MatcherKind.LOCAL, s.matcher);
        assertFalse(s.matcher.usesRekognition());
        assertEquals("presenca-" + s.deviceId, s.rekognitionCollectionId, "one collection per gateway");
        assertNull(s.rekognitionEndpoint);
        assertEquals(5.0, s.rekognitionTps);
        assertEquals(300, s.rekognitionFrameBudgetMs);
        assertEquals("AUTO", s.rekognitionQualityFilter);
        assertFalse(s.rekognitionReverify);
    }

    @Test
    void rekognitionSettingsAreReadWhateverTheCase() {
        Settings s = load("MATCHER", "Hybrid", "REKOGNITION_ENDPOINT", "http://127.0.0.1:4566",
                "REKOGNITION_QUALITY_FILTER", "high", "REKOGNITION_TPS", "2.5", "REKOGNITION_REVERIFY", "yes");
        assertEquals(MatcherKind.HYBRID, s.matcher);
        assertTrue(s.matcher.usesRekognition());
        assertEquals("http://127.0.0.1:4566", s.rekognitionEndpoint.toString());
        assertEquals("HIGH", s.rekognitionQualityFilter);
        assertEquals(2.5, s.rekognitionTps);
        assertTrue(s.rekognitionReverify);
        assertTrue(s.describe().contains("MATCHER = hybrid"), s.describe());
    }

    @Test
    void theDescriptorDefaultsToOmzAndBringsItsOwnMarginUnlessOneIsSet() {
        assertEquals(io.presenca.vision.DescriptorModel.OMZ, load().descriptors);
        assertEquals(10.0, load().matchMargin);
        assertEquals(io.presenca.vision.DescriptorModel.DLIB, load("DESCRIPTORS", "DLIB").descriptors);
        assertEquals(25.0, load("DESCRIPTORS", "dlib").matchMargin, "dlib keeps the margin it was tuned with");
        assertEquals(15.0, load("DESCRIPTORS", "dlib", "MATCH_MARGIN", "15").matchMargin);
        ConfigurationException fused = assertThrows(ConfigurationException.class, () -> load("DESCRIPTORS", "omz+dlib"));
        assertTrue(fused.getMessage().contains("DESCRIPTORS") && fused.getMessage().contains("omz, dlib"),
                fused.getMessage());
    }
}
