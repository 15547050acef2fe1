package io.presenca.store;

/** A student as the gateway knows them; {@code active} is false once soft-deleted. */
public record Student(String id, String name, String className, boolean active) {
}
