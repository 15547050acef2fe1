package io.presenca;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} options and {@code --flag}s of one command, checked against what it accepts. */
final class CommandOptions {

    private final String command;
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    CommandOptions(String command, List<String> options, Set<String> valued, Set<String> flagNames) {
        this.command = command;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (flagNames.contains(option)) {
                flags.add(option);
            } else if (valued.contains(option)) {
                if (i + 1 >= options.size() || options.get(i + 1).startsWith("--")) {
                    throw new Presenca.UsageException(command + ": " + option + " needs a value.");
                }
                values.put(option, options.get(++i));
            } else {
                throw new Presenca.UsageException(command + ": unknown option '" + option + "'.");
            }
        }
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    String value(String option) {
        return values.get(option);
    }

    String required(String option) {
        String value = values.get(option);
        if (value == null) {
            throw new Presenca.UsageException(command + ": " + option + " is required.");
        }
        return value;
    }

    Path existingPath(String option) {
        Path path = Path.of(required(option));
        if (!Files.exists(path)) {
            throw new Presenca.UsageException(command + ": " + option + " " + path.toAbsolutePath() + " does not exist.");
        }
        return path;
    }

    int integer(String option, int defaultValue, int min) {
        return integer(option, defaultValue, min, Integer.MAX_VALUE);
    }

    int integer(String option, int defaultValue, int min, int max) {
        String value = values.get(option);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new Presenca.UsageException(command + ": " + option + " must be a whole number "
                + (max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max) + ", got '" + value + "'.");
    }
}
