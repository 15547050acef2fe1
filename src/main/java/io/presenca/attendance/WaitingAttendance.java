package io.presenca.attendance;

import io.presenca.store.Sighting;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirmed sightings SQLite could not take yet, in capture order. Each is appended to the spill file
 * first (so a crash loses none) and held in memory up to {@code capacity}; beyond that it waits in the
 * file alone and is read back when memory has room. The file is emptied only once all are written.
 */
public final class WaitingAttendance {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingAttendance.class);
    /** Sightings held in memory at most; a school day at a busy door is a few thousand. */
    public static final int CAPACITY = 10_000;

    /** A sighting and, while this process holds it, what consensus concluded (null once read back from the file). */
    public record Waiting(Sighting sighting, Identification identification) {
    }

    private final SpillFile spill;
    private final int capacity;
    private final Deque<Waiting> memory = new ArrayDeque<>();
    /** Sightings in the spill file but not in memory (memory was full). */
    private long onlyInSpill;
    /** Written since the file was last emptied: skipped when it is read back. */
    private final Set<String> written = new HashSet<>();

    /** Reads back what a previous run left in the spill file (kill -9, power cut, a fault that never cleared). */
    public WaitingAttendance(SpillFile spill, int capacity) {
        this.spill = spill;
        this.capacity = capacity;
        List<Sighting> left = spill.read();
        onlyInSpill = left.size();
        refill(left);
        if (!left.isEmpty()) {
            LOG.warn("{} attendances left waiting by the last run are read back from {} (SPILL_PATH), oldest {}; they are"
                    + " written as soon as SQLite accepts writes", left.size(), spill.path(), left.get(0).capturedAt());
        }
    }

    public SpillFile spill() {
        return spill;
    }

    /** Keeps a sighting that could not be written; false only when it could be kept nowhere. */
    public synchronized boolean add(Sighting sighting, Identification identification) {
        boolean spilled;
        try {
            spill.append(sighting);
            spilled = true;
        } catch (IOException | RuntimeException e) {
            spilled = false;
            LOG.error("Cannot append to {} (SPILL_PATH): {}. Put SPILL_PATH on another disk than SQLITE_PATH;"
                    + " attendance of student {} is kept in memory only", spill.path(), e.getMessage(), sighting.studentId());
        }
        if (memory.size() < capacity) {
            memory.addLast(new Waiting(sighting, identification));
            return true;
        }
        if (spilled) {
            onlyInSpill++;
            return true;
        }
        LOG.error("LOST: attendance of student {} at {}: SQLite, {} and memory ({} waiting) are all full",
                sighting.studentId(), sighting.capturedAt(), spill.path(), capacity);
        return false;
    }

    /** The oldest sighting waiting, if any. */
    public synchronized Optional<Waiting> oldest() {
        if (memory.isEmpty() && onlyInSpill > 0) {
            refill(spill.read());
        }
        return Optional.ofNullable(memory.peekFirst());
    }

    /** {@code waiting}, the oldest, is committed to SQLite (or was a repeat): forgets it; empties the file after the last. */
    public synchronized void written(Waiting waiting) {
        memory.remove(waiting);
        written.add(waiting.sighting().id());
        if (memory.isEmpty() && onlyInSpill == 0) {
            try {
                spill.clear();
                written.clear();
            } catch (IOException e) {
                // harmless: read back at the next start, the sightings are found written already (same record ids)
                LOG.warn("Cannot empty {} (SPILL_PATH): {}", spill.path(), e.getMessage());
            }
        }
    }

    public synchronized int size() {
        return (int) Math.min(Integer.MAX_VALUE, memory.size() + onlyInSpill);
    }

    /** When the oldest waiting sighting was captured; null when none waits. */
    public synchronized Instant oldestCapture() {
        Waiting first = memory.peekFirst();
        return first == null ? null : first.sighting().capturedAt();
    }

    /** Whether the student is held here with a sighting less than {@code window} from {@code at}: still "recently seen". */
    public synchronized boolean holdsWithin(String studentId, Instant at, Duration window) {
        return memory.stream().map(Waiting::sighting).anyMatch(s -> s.studentId().equals(studentId)
                && Duration.between(s.capturedAt(), at).abs().compareTo(window) < 0);
    }

    /** Moves sightings that wait in the file alone into memory, oldest first, while there is room. */
    private void refill(List<Sighting> inFile) {
        Set<String> inMemory = new HashSet<>();
        memory.forEach(w -> inMemory.add(w.sighting().id()));
        for (Sighting sighting : inFile) {
            if (memory.size() >= capacity) {
                break;
            }
            if (!written.contains(sighting.id()) && inMemory.add(sighting.id())) {
                memory.addLast(new Waiting(sighting, null));
                onlyInSpill--;
            }
        }
        onlyInSpill = Math.max(0, onlyInSpill);
    }
}
