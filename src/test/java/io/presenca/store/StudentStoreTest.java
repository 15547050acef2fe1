package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StudentStoreTest {
    private final StudentStore students = new StudentStore(Database.open(TestFiles.freshDatabaseFile()));

    @Test
    void upsertAddsThenUpdates() {
        students.upsert("s1", "Ana", "5A");
        students.upsert("s1", "Ana Souza", "5B");

        assertEquals(Optional.of(new Student("s1", "Ana Souza", "5B", true)), students.find("s1"));
    }

    @Test
    void upsertKeepsWhatItIsNotGiven() {
        students.upsert("s1", "Ana Souza", "5A"); // e.g. copied down from the school's database

        students.upsert("s1", null, null); // a rescan of a folder without student.json
        assertEquals(Optional.of(new Student("s1", "Ana Souza", "5A", true)), students.find("s1"));

        students.upsert("s1", null, "6B"); // a student.json that gives the class only
        assertEquals(Optional.of(new Student("s1", "Ana Souza", "6B", true)), students.find("s1"));
    }

    @Test
    void softDeletedStudentsAreFoundButNotActive() {
        students.upsert("s1", "Ana", "5A");
        students.upsert("s2", "Bruno", "5A");

        assertTrue(students.softDelete("s1"));
        assertFalse(students.softDelete("s1"), "already deleted");

        assertEquals(Optional.of(new Student("s1", "Ana", "5A", false)), students.find("s1"));
        assertEquals(List.of(new Student("s2", "Bruno", "5A", true)), students.findActive());
    }

    @Test
    void upsertReactivatesASoftDeletedStudent() {
        students.upsert("s1", "Ana", "5A");
        students.softDelete("s1");

        students.upsert("s1", "Ana", "6A");

        assertEquals(List.of(new Student("s1", "Ana", "6A", true)), students.findActive());
    }
}
