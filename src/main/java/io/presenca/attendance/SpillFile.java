package io.presenca.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presenca.store.OwnerOnlyFiles;
import io.presenca.store.Sighting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPILL_PATH: attendance SQLite could not take yet, one JSON line per sighting, appended and synced
 * to disk before the capture goes on, so a crash or kill while the database refuses writes loses
 * nothing. Owner-only (0600) and without face data: ids, time, device, confidence, matcher.
 */
public final class SpillFile {

    private static final Logger LOG = LoggerFactory.getLogger(SpillFile.class);

    private final Path path;
    private final ObjectMapper json = new ObjectMapper();

    public SpillFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }

    /** Adds the sighting at the end and forces it to the disk. */
    public synchronized void append(Sighting sighting) throws IOException {
        if (!Files.exists(path)) {
            OwnerOnlyFiles.createDirectories(path.getParent());
            OwnerOnlyFiles.createFile(path);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", sighting.id());
        line.put("student_id", sighting.studentId());
        line.put("device_id", sighting.deviceId());
        line.put("captured_at", sighting.capturedAt().toString());
        line.put("confidence", sighting.confidence());
        line.put("distance", sighting.distance());
        line.put("matcher", sighting.matcher());
        byte[] bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Every sighting in the file, in the order written. A line cut short by a crash in the middle of
     * writing it is skipped with a warning (that sighting was never acknowledged).
     */
    public synchronized List<Sighting> read() {
        List<Sighting> sightings = new ArrayList<>();
        if (!Files.exists(path)) {
            return sightings;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the waiting attendance in " + path + " (SPILL_PATH): " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode line = json.readTree(lines.get(i));
                sightings.add(new Sighting(line.get("id").asText(), line.get("student_id").asText(),
                        line.get("device_id").asText(), Instant.parse(line.get("captured_at").asText()),
                        line.get("confidence").asDouble(), line.get("distance").asDouble(), line.get("matcher").asText()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Line {} of {} (SPILL_PATH) is not a complete sighting and is skipped: {}", i + 1, path, e.getMessage());
            }
        }
        return sightings;
    }

    /** Empties the file, once every sighting in it is committed to SQLite. */
    public synchronized void clear() throws IOException {
        if (Files.exists(path)) {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(0);
                channel.force(true);
            }
        }
    }
}
