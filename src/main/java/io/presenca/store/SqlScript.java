package io.presenca.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a migration script into statements, because JDBC runs one statement at a time.
 * Understands {@code --} comments, single-quoted strings and PostgreSQL's dollar-quoted bodies
 * ({@code $$ ... $$}, {@code $fn$ ... $fn$}) of functions. It does not understand SQLite's
 * {@code CREATE TRIGGER ... BEGIN ...; END}: teach it before a SQLite migration needs a trigger.
 */
final class SqlScript {
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$[A-Za-z_]*\\$");

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
            } else if (!inString && ch == '$' && dollarQuoteEnd(script, i) > i) {
                int end = dollarQuoteEnd(script, i);
                current.append(script, i, end);
                i = end - 1;
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

    /** The index just past the dollar-quoted text starting at {@code start}, or -1 if none starts there. */
    private static int dollarQuoteEnd(String script, int start) {
        Matcher tag = DOLLAR_TAG.matcher(script).region(start, script.length());
        if (!tag.lookingAt()) {
            return -1;
        }
        int close = script.indexOf(tag.group(), tag.end());
        return close < 0 ? script.length() : close + tag.group().length();
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!text.isEmpty()) {
            statements.add(text);
        }
    }
}
