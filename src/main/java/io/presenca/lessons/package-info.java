/**
 * A school day: the timetable (which class has a lesson when, watched by which gateway), each
 * student's status per lesson (present, late, absent, excused, manual, void), the corrections made
 * by staff with their audit trail, and the copy of lesson statuses in the central PostgreSQL.
 */
package io.presenca.lessons;
