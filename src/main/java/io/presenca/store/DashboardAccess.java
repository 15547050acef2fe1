package io.presenca.store;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a dashboard user may see and do: an admin every class, and voids; a teacher only the classes
 * they teach. The dashboard checks this on the server for every call, not just in the page.
 */
public record DashboardAccess(Role role, Set<String> classes) {

    public enum Role {
        ADMIN, TEACHER;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** "admin" or "teacher"; anything else is refused with the two choices. */
        public static Role fromText(String text) {
            for (Role role : values()) {
                if (role.column().equals(text)) {
                    return role;
                }
            }
            throw new IllegalArgumentException("Unknown role '" + text + "': use admin or teacher.");
        }
    }

    public static final DashboardAccess ADMIN = new DashboardAccess(Role.ADMIN, Set.of());

    public DashboardAccess {
        classes = Set.copyOf(new TreeSet<>(classes));
    }

    public static DashboardAccess teacherOf(Set<String> classes) {
        return new DashboardAccess(Role.TEACHER, classes);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether the user may see (and mark) the students of {@code className}; students without a class are the admins'. */
    public boolean sees(String className) {
        return isAdmin() || className != null && classes.contains(className);
    }

    /** "5A,5B" as stored and typed on the command line. */
    public String classList() {
        return String.join(",", new TreeSet<>(classes));
    }

    /** Parses "5A, 5B" (blank entries dropped). */
    public static Set<String> parseClasses(String text) {
        return text == null ? Set.of() : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
