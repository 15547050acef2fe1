package io.presenca.lessons;

/**
 * Told of each void once it is committed. This is where the lead plugs in the "negative faces" of
 * the trust work: {@code (recordId, admin) -> negativeFaces.learnFromVoid(recordId, admin)}, so the
 * face that was wrongly matched is not matched to that student again.
 */
@FunctionalInterface
public interface VoidListener {
    VoidListener NONE = (recordId, admin) -> { };

    void voided(String recordId, String admin);
}
