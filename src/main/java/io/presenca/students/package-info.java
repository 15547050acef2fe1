/**
 * Student enrollment from the faces folder: {@code FACES_DIR/<student_id>/*.{jpg,jpeg,png}} plus an
 * optional {@code student.json} or {@code student.properties} with name and class.
 *
 * <p>{@link io.presenca.students.Enrollment} turns every accepted photo into a face template
 * ({@link io.presenca.vision.PhotoFaceReader}, {@link io.presenca.store.TemplateStore}) and re-runs
 * incrementally; {@link io.presenca.students.EnrollmentReport} says per photo what happened.
 * Students are minors: logs and reports name them by id and photos by path, never by descriptor.
 */
package io.presenca.students;
