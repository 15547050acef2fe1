package io.presenca.sync;

/**
 * The external API answered 401 or 403: the API key is missing, wrong or revoked. Resending cannot
 * help and the records are not at fault, so syncing stops and nothing is marked rejected.
 */
public class ApiKeyRefusedException extends SyncStoppedException {

    public ApiKeyRefusedException(int status, String message) {
        super(status, message);
    }
}
