package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The published contract (api/external-api.openapi.yaml) and what the gateway sends stay the same. */
class ApiContractTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    private static Set<String> components(Class<? extends Record> type) {
        return new TreeSet<>(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
    }

    @Test
    void theOpenApiFileDescribesWhatTheGatewaySendsAndReads() throws IOException {
        Object spec = new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("api/external-api.openapi.yaml")));
        Map<String, Object> schemas = map(spec, "components", "schemas");

        assertTrue(map(spec, "paths").containsKey(ApiBatch.PATH));
        String route = Files.readString(Path.of("routes/sync.camel.yaml"));
        assertTrue(route.contains("{{EXTERNAL_API_URL}}" + ApiBatch.PATH), "the route posts where the contract says");
        assertTrue(route.contains("httpClientConfigurer: \"#apiKeyHeader\""), "the route sends the API key");
        assertEquals(components(ApiBatch.class), map(schemas, "AttendanceBatch", "properties").keySet());
        assertEquals(components(ApiBatch.Record.class),
                new TreeSet<>(map(schemas, "AttendanceRecord", "properties").keySet()));
        assertEquals(components(ApiAnswer.Result.class), new TreeSet<>(map(schemas, "RecordResult", "properties").keySet()));
        assertEquals(List.of("accepted", "rejected"), map(schemas, "RecordResult", "properties", "status").get("enum"));
        assertEquals(ApiKeyHeader.NAME, map(spec, "components", "securitySchemes", "apiKey").get("name"));
    }
}
