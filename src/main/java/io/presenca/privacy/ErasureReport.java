package io.presenca.privacy;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What an erase or a verification found, one line per store; complete when no line failed. */
public final class ErasureReport {

    /** @param ok false when this store still holds something, or could not be reached */
    public record Line(String store, String outcome, boolean ok) {
    }

    private final String title;
    private final List<Line> lines = new ArrayList<>();

    public ErasureReport(String title) {
        this.title = title;
    }

    public void ok(String store, String outcome) {
        lines.add(new Line(store, outcome, true));
    }

    public void failed(String store, String outcome) {
        lines.add(new Line(store, outcome, false));
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public boolean complete() {
        return lines.stream().allMatch(Line::ok);
    }

    public void print(PrintStream out) {
        out.println(title);
        for (Line line : lines) {
            out.println("  " + (line.ok() ? "ok      " : "FAILED  ") + line.store() + ": " + line.outcome());
        }
        out.println(complete() ? "Done." : "Not complete: see the FAILED lines, fix the cause and run the command again.");
    }

    @Override
    public String toString() {
        return lines.toString();
    }
}
