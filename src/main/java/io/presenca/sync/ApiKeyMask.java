package io.presenca.sync;

/**
 * Keeps the API key out of what the gateway writes down about an answer: an API that echoes the key
 * in an error body or a rejection reason gets it replaced by ****, and a body is cut to one short line.
 */
final class ApiKeyMask {

    private static final int EXCERPT = 200;

    private final String apiKey;

    ApiKeyMask(String apiKey) {
        this.apiKey = apiKey;
    }

    /** The text with the API key, should the API echo it, replaced by ****. */
    String masked(String text) {
        return apiKey == null || apiKey.isBlank() || text == null ? text : text.replace(apiKey, "****");
    }

    /** "; body: {"error":...}": the first characters of an answer, on one line, masked. */
    String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "; empty body";
        }
        String oneLine = masked(body.strip().replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?"));
        return "; body: " + (oneLine.length() > EXCERPT ? oneLine.substring(0, EXCERPT) + "..." : oneLine);
    }
}
