package io.presenca.sync;

import io.presenca.store.CentralCopyStore;
import io.presenca.store.CentralStudent;
import io.presenca.students.StudentFolder;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route step of the student sync: applies the central changes to the gateway's SQLite in one
 * transaction with the new cursor. New or changed students are added or updated, students deleted
 * centrally are deactivated (their templates stop matching once the gallery reloads), and central
 * templates are copied, to be matched when they are of this gateway's model.
 */
public final class StudentSync {

    private static final Logger LOG = LoggerFactory.getLogger(StudentSync.class);

    private final CentralCopyStore local;

    public StudentSync(CentralCopyStore local) {
        this.local = local;
    }

    public CentralCopyStore.Applied applyLocally(CentralStudents.Changes changes) {
        List<CentralStudent> valid = new ArrayList<>();
        for (CentralStudent student : changes.students()) {
            String problem = StudentFolder.idProblem(student.id());
            if (problem == null) {
                valid.add(student);
            } else {
                LOG.warn("Central student '{}' skipped: not a valid student id, {}", StudentFolder.printable(student.id()),
                        problem);
            }
        }
        CentralCopyStore.Applied applied = local.apply(valid, changes.templates(), CentralStudents.CURSOR,
                changes.snapshot());
        if (applied.templatesChanged()) {
            LOG.info("Student sync: {} students added or updated, {} deactivated, {} templates added, {} removed",
                    applied.studentsChanged(), applied.studentsDeactivated(), applied.templatesAdded(),
                    applied.templatesRemoved());
        } else {
            LOG.debug("Student sync: no change");
        }
        if (applied.templatesSkipped() > 0) {
            LOG.warn("Student sync: {} central templates skipped: their student is unknown here or deleted",
                    applied.templatesSkipped());
        }
        return applied;
    }
}
