package io.presenca.web;

/** The user's role does not allow this (a teacher voiding, or looking at another class): answered 403. */
final class NotAllowed extends RuntimeException {
    NotAllowed(String message) {
        super(message);
    }
}
