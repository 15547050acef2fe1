package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class DeviceStoreTest {
    private final DeviceStore devices = new DeviceStore(Database.open(TestFiles.freshDatabaseFile()));

    @Test
    void registeringAgainUpdatesVersionAndKeepsTheName() {
        devices.register("cam-1", "Entrance", "0.1.0");
        Device first = devices.find("cam-1").orElseThrow();

        devices.register("cam-1", null, "0.2.0");
        Device second = devices.find("cam-1").orElseThrow();

        assertEquals("Entrance", second.name());
        assertEquals("0.2.0", second.appVersion());
        assertEquals(first.registeredAt(), second.registeredAt());
        assertFalse(second.lastSeenAt().isBefore(first.lastSeenAt()));
        assertEquals(java.util.Optional.empty(), devices.find("cam-2"));
    }
}
