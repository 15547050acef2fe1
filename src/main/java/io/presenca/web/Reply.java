package io.presenca.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * One dashboard answer: status, type, body and any extra headers. It is the only thing written back:
 * request headers are never echoed, and {@link #SECURITY_HEADERS} go with every answer.
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** Sent with every answer: nothing is cached (face crops of minors, CSVs) and no other site may frame a page. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none';"
                    + " object-src 'none'",
            "Referrer-Policy", "same-origin");

    private static final ObjectMapper JSON = new ObjectMapper();

    static Reply json(int status, Object value) {
        try {
            return new Reply(status, "application/json", JSON.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    static Reply redirect(String location) {
        return new Reply(303, "text/plain; charset=utf-8", ("See " + location).getBytes(StandardCharsets.UTF_8),
                Map.of("Location", location));
    }

    static Reply csv(String fileName, String csv) {
        return new Reply(200, "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
    }

    Reply with(String header, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(header, value);
        return new Reply(status, contentType, body, more);
    }

    /** Replaces the message with this answer: whatever headers the request brought are dropped first. */
    void writeTo(Message out) {
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        SECURITY_HEADERS.forEach(out::setHeader);
        headers.forEach(out::setHeader);
        out.setBody(body);
    }
}
