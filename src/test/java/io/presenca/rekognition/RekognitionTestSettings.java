package io.presenca.rekognition;

import io.presenca.config.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Settings pointing Rekognition at a {@link FakeRekognition}, with test keys; more NAME, value pairs may follow. */
final class RekognitionTestSettings {

    static final String ACCESS_KEY = "AKIDPRESENCATEST";

    private RekognitionTestSettings() {
    }

    static Settings pointingAt(FakeRekognition fake, String... nameValuePairs) {
        Map<String, String> values = new HashMap<>();
        values.put("MATCHER", "rekognition");
        values.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        values.put("AWS_SECRET_ACCESS_KEY", "test-secret");
        values.put("AWS_REGION", "eu-west-1");
        values.put("REKOGNITION_ENDPOINT", fake.endpoint().toString());
        values.put("REKOGNITION_COLLECTION_ID", "school-test");
        values.put("REKOGNITION_TIMEOUT_MS", "2000");
        values.put("DEVICE_ID", "test-door");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            values.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return Settings.load(name -> Optional.ofNullable(values.get(name)));
    }
}
