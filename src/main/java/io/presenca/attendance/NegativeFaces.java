package io.presenca.attendance;

import io.presenca.store.AttendanceRecord;
import io.presenca.store.NegativeFaceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corrections that teach the gateway: keeps the face behind each automatic record, and turns the face
 * of a record an admin voids into a negative for that student ({@link NegativeCheck} then sends a face
 * like it to review). A rejected review item teaches the same way, inside the reject itself
 * ({@link io.presenca.store.ReviewStore#reject}).
 */
public final class NegativeFaces implements AttendanceRecorder.AfterRecord {

    private static final Logger LOG = LoggerFactory.getLogger(NegativeFaces.class);

    private final NegativeFaceStore store;
    private final String descriptorModel;

    public NegativeFaces(NegativeFaceStore store, String descriptorModel) {
        this.store = store;
        this.descriptorModel = descriptorModel;
    }

    /** After an automatic record: its best frame's descriptor is kept beside it, encrypted, for a later void. */
    @Override
    public void recorded(AttendanceRecord record, Identification identification) {
        float[] descriptor = identification.bestDescriptor();
        if (descriptor != null) {
            store.keepRecordFace(record.id(), descriptorModel, descriptor, record.capturedAt());
        }
    }

    /**
     * An admin voided the automatic record {@code attendanceId}: its face is not the record's student. Returns
     * whether a negative was learnt (false when the record kept no face: made by hand or by Rekognition alone,
     * or older than EVIDENCE_RETENTION_DAYS).
     */
    public boolean learnFromVoid(String attendanceId, String admin) {
        boolean learnt = store.learnFromVoid(attendanceId, admin);
        if (learnt) {
            LOG.info("Record {} voided by {}: its face is kept as 'not this student' and a face like it goes to review",
                    attendanceId, admin);
        } else {
            LOG.info("Record {} voided by {}: no face was kept with it, so there is nothing to learn", attendanceId, admin);
        }
        return learnt;
    }
}
