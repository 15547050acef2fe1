package io.presenca.lessons;

/**
 * A line of the timetable that was left out ({@code error}) or kept but looks wrong (a warning),
 * with where it is and what to do.
 */
public record TimetableProblem(String where, String what, boolean error) {

    @Override
    public String toString() {
        return where + ": " + what;
    }
}
