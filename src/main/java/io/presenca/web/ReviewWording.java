package io.presenca.web;

/**
 * The review queue's question in the words a teacher uses: who the gateway thinks it is, why it is not
 * sure, and the yes/no question to answer, instead of "low margin" or "near threshold".
 */
final class ReviewWording {

    private ReviewWording() {
    }

    /** {@code reason}: the review reason as stored ("low_margin", "near_threshold"); names may be null (ids then). */
    static String question(String reason, String candidate, String runnerUp) {
        if (runnerUp != null) {
            return "Looks like " + candidate + ", but also like " + runnerUp + ": is it " + candidate + "?";
        }
        if ("near_threshold".equals(reason)) {
            return "Probably " + candidate + ", but not sure enough: is it " + candidate + "?";
        }
        return "Might be " + candidate + ": is it " + candidate + "?";
    }
}
