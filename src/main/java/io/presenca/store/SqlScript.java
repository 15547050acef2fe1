package io.presenca.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into statements, because JDBC runs one statement at a time.
 * Understands {@code --} comments and single-quoted strings. It does not understand
 * {@code CREATE TRIGGER ... BEGIN ...; END}: teach it before a migration needs a trigger.
 */
final class SqlScript {
    private SqlScript() {
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < script.length(); i++) {
            char ch = script.charAt(i);
            if (!inString && ch == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
            } else if (!inString && ch == ';') {
                addIfNotBlank(statements, current);
                current.setLength(0);
            } else {
                if (ch == '\'') {
                    inString = !inString; // a doubled '' flips twice, which is what we want
                }
                current.append(ch);
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!text.isEmpty()) {
            statements.add(text);
        }
    }
}
