package io.presenca.sync;

/**
 * The external API refused the whole batch with a permanent 4xx (400, 404, 413, 422...): the request
 * does not fit its contract (a wrong EXTERNAL_API_URL, an API version the gateway does not speak, a
 * batch too large). The same request would be refused every time, so it is not retried until the
 * records are dead: syncing stops, records stay pending.
 */
public class ContractBreachException extends SyncStoppedException {

    public ContractBreachException(int status, String message) {
        super(status, message);
    }
}
