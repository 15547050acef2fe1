package io.presenca.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The review queue's questions, for each reason the decision rule holds a face. */
class ReviewWordingTest {

    @Test
    void saysWhyTheGatewayIsNotSureInPlainWords() {
        assertEquals("Looks like Howard, but also like Amy: is it Howard?",
                ReviewWording.question("low_margin", "Howard", "Amy"));
        assertEquals("Probably Howard, but not sure enough: is it Howard?",
                ReviewWording.question("near_threshold", "Howard", null));
        assertEquals("Might be Howard: is it Howard?", ReviewWording.question("something_new", "Howard", null));
    }
}
