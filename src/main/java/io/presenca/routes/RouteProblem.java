package io.presenca.routes;

/** One mistake in a route file, where a person editing it would look for it. */
public record RouteProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
