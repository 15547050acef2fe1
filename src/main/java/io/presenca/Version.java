package io.presenca;

/** The application version, from the jar manifest ("dev" when run from classes). */
final class Version {

    private Version() {
    }

    static String current() {
        String version = Presenca.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
