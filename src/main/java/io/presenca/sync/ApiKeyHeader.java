package io.presenca.sync;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Adds the {@code X-API-Key} header (EXTERNAL_API_KEY) to every request of the sync route's
 * {@code http:} endpoint, on the HTTP client itself: the key is never a message header, so neither
 * tracing, nor the failure handler, nor an endpoint URI can show it.
 */
public final class ApiKeyHeader implements HttpClientConfigurer {

    /** The header the API's contract names (api/external-api.openapi.yaml). */
    public static final String NAME = "X-API-Key";

    private final String apiKey;

    ApiKeyHeader(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder client) {
        if (apiKey != null) {
            client.addRequestInterceptorFirst((request, entity, context) -> request.setHeader(NAME, apiKey));
        }
    }
}
