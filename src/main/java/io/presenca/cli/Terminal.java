package io.presenca.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.PrintStream;

/**
 * Where a command writes and reads: standard output and error, and for a password the console
 * ({@code null} when standard input is not a terminal, then one line of {@code piped} is read).
 */
public record Terminal(PrintStream out, PrintStream err, Console console, BufferedReader piped) {
}
