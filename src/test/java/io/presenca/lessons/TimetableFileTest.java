package io.presenca.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimetableFileTest {

    private final Path folder = Path.of("target", "test-data", UUID.randomUUID().toString());

    private Timetable read(String... lines) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("timetable.csv");
        Files.write(file, List.of(lines));
        return TimetableFile.read(file, Set.of("5A", "5B"));
    }

    @Test
    void twoClassesAndThreePeriodsAreRead() throws IOException {
        Timetable timetable = read("class,weekday,start,end,device", "# first lessons", "5A,monday,08:00,08:50",
                "5A,mon,09:00,09:50,door-5a", "5B,1,08:00,09:30", "", "5A,tuesday,10:00,10:50");

        assertEquals(List.of(), timetable.problems());
        assertEquals(Set.of("5A", "5B"), timetable.classes());
        LocalDate monday = LocalDate.of(2026, 3, 2);
        assertEquals(3, timetable.lessonsOn(monday).size());
        assertEquals(LocalTime.of(9, 0), timetable.lessonAt("5A", "door-5a", monday.atTime(9, 5), 10)
                .orElseThrow().lesson().start());
        // the 09:00 lesson is watched by door-5a only; another gateway's sighting counts for no lesson
        assertTrue(timetable.lessonAt("5A", "door-hall", monday.atTime(9, 5), 10).isEmpty());
        // a child coming in five minutes before the bell is there for the lesson about to begin
        assertEquals(LocalTime.of(8, 0), timetable.lessonAt("5B", "any", monday.atTime(7, 55), 10)
                .orElseThrow().lesson().start());
        assertTrue(timetable.lessonAt("5B", "any", monday.atTime(7, 40), 10).isEmpty());
        assertTrue(timetable.lessonAt("5A", "any", LocalDateTime.of(2026, 3, 3, 8, 10), 10).isEmpty());
    }

    @Test
    void overlappingLessonsOfOneClassAreAnErrorNamingBothLines() throws IOException {
        Timetable timetable = read("class,weekday,start,end", "5A,monday,08:00,08:50", "5A,monday,08:30,09:20",
                "5B,monday,08:30,09:20");

        assertEquals(2, timetable.lessons().size(), "the overlapping line is left out, the others kept");
        TimetableProblem problem = timetable.problems().get(0);
        assertTrue(problem.error());
        assertTrue(problem.toString().startsWith(folder.resolve("timetable.csv") + " line 3: lesson 5A monday 08:30-09:20"
                + " overlaps 5A monday 08:00-08:50"), problem.toString());
        assertTrue(problem.toString().contains("line 2"), problem.toString());
    }

    @Test
    void anImpossibleTimeIsAnErrorAndTheRestKeepsWorking() throws IOException {
        Timetable timetable = read("class,weekday,start,end", "5A,monday,25:00,25:50", "5A,monday,08:00,08:50",
                "5A,friday,09:00,08:00");

        assertEquals(1, timetable.lessons().size());
        assertEquals(DayOfWeek.MONDAY, timetable.lessons().get(0).weekday());
        assertTrue(timetable.problems().get(0).toString().endsWith("timetable.csv line 2: the start '25:00' is not a time"
                + " of day: write HH:MM from 00:00 to 23:59. This line is left out."), timetable.problems().get(0).toString());
        assertTrue(timetable.problems().get(1).toString().contains("line 4: the lesson ends (08:00) before it starts (09:00)"));
    }

    @Test
    void aBadWeekdayOrAMissingFieldIsAnError() throws IOException {
        Timetable timetable = read("class,weekday,start,end", "5A,someday,08:00,08:50", "5A,monday,08:00",
                "5B,monday,08:00,08:50");

        assertEquals(1, timetable.lessons().size());
        assertTrue(timetable.problems().get(0).toString().contains("line 2: 'someday' is not a weekday"));
        assertTrue(timetable.problems().get(1).toString().contains("line 3: expected 4 or 5 fields"));
    }

    @Test
    void anUnknownClassIsAWarningAndTheLessonIsKept() throws IOException {
        Timetable timetable = read("class,weekday,start,end", "6C,monday,08:00,08:50");

        assertEquals(1, timetable.lessons().size());
        TimetableProblem problem = timetable.problems().get(0);
        assertFalse(problem.error());
        assertTrue(problem.toString().contains("line 2: class '6C' is not the class of any student this gateway knows"
                + " (classes: 5A, 5B)"), problem.toString());
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        for (String[] content : new String[][] {{}, {"class,weekday,start,end"}, {"# nothing yet", ""}}) {
            Timetable timetable = read(content);

            assertTrue(timetable.isEmpty());
            assertEquals(1, timetable.problems().size());
            assertTrue(timetable.problems().get(0).toString().contains("timetable.csv line 1: the timetable has no lessons"),
                    timetable.problems().get(0).toString());
        }
    }
}
