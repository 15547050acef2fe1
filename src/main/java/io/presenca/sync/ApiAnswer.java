package io.presenca.sync;

import java.util.List;

/** The API's answer to a batch, unmarshalled by the route: one result per record sent. */
public record ApiAnswer(List<Result> results) {

    /** {@code status} is {@code accepted} or {@code rejected}; a rejection says why in {@code reason}. */
    public record Result(String id, String status, String reason) {
    }
}
