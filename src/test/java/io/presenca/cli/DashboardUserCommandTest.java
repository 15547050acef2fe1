package io.presenca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.GatewayFixture;
import io.presenca.store.DashboardAccess;
import io.presenca.store.DashboardUserStore;
import io.presenca.store.Database;
import io.presenca.web.PasswordHash;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code dashboard-user} as a school runs it, the password piped on standard input. */
class DashboardUserCommandTest {

    private final GatewayFixture gateway = new GatewayFixture();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void clearSettings() {
        gateway.clearCommandSettings();
    }

    /** The command's exit code; what it printed is in {@link #said()}. */
    private int run(String pipedPassword, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "dashboard-user";
        System.arraycopy(args, 0, command, 1, args.length);
        return gateway.commandWithInput(pipedPassword, out, command);
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private DashboardUserStore users() {
        return new DashboardUserStore(Database.open(gateway.sqlite));
    }

    @Test
    void addsAUserWithAHashedPasswordThenChangesIt() {
        assertEquals(0, run("secretaria-5A", "maria"), said());
        assertTrue(said().startsWith("Added dashboard user maria"), said());
        DashboardUserStore users = users();
        String hash = users.passwordHash("maria").orElseThrow();
        assertTrue(PasswordHash.matches("secretaria-5A".toCharArray(), hash));
        assertTrue(!hash.contains("secretaria"), "only the hash is stored");

        assertEquals(0, run("outra-senha-longa", "maria"), said());
        assertTrue(said().startsWith("New password set for dashboard user maria"), said());
        assertTrue(PasswordHash.matches("outra-senha-longa".toCharArray(), users.passwordHash("maria").orElseThrow()));
        assertEquals(1, users.count());
    }

    @Test
    void givesRolesExistingUsersStayAdminsAndATeacherNeedsClasses() {
        DashboardUserStore users = users();
        run("senha-da-diretora", "diretora");
        assertEquals(DashboardAccess.ADMIN, users.access("diretora").orElseThrow(), "a user without a role is an admin");

        assertEquals(0, run("senha-da-paula", "paula", "--role", "teacher", "--classes", "5A, 5B"), said());
        assertTrue(said().startsWith("Added dashboard user paula (a teacher of 5A,5B"), said());
        assertEquals(DashboardAccess.teacherOf(Set.of("5A", "5B")), users.access("paula").orElseThrow());
        String hash = users.passwordHash("paula").orElseThrow();

        // an existing user's role changes without a password (none is piped: none is read)
        assertEquals(0, run("", "paula", "--role", "admin"), said());
        assertTrue(said().startsWith("Dashboard user paula is now an admin"), said());
        assertTrue(users.access("paula").orElseThrow().isAdmin());
        assertEquals(hash, users.passwordHash("paula").orElseThrow(), "password unchanged");

        assertEquals(2, run("", "paula", "--role", "teacher", "--classes", " , "));
        assertTrue(said().contains("needs the classes"), said());
        assertEquals(2, run("", "paula", "--role", "principal"));
        assertTrue(said().contains("--role") && said().contains("principal"), said());
        assertEquals(2, run("", "paula", "--role", "teacher"));
        assertTrue(said().contains("--role teacher --classes 5A,5B"), said());
        assertTrue(users.access("paula").orElseThrow().isAdmin(), "nothing changed by the refused commands");
    }

    @Test
    void removesAUserAndSaysSoWhenThereIsNone() {
        run("secretaria-5A", "maria");
        assertEquals(0, run("", "maria", "--remove"), said());
        assertTrue(said().startsWith("Removed dashboard user maria"), said());
        assertEquals(0, users().count());

        assertEquals(2, run("", "maria", "--remove"));
        assertTrue(said().contains("there is no dashboard user maria"), said());
        assertEquals(2, run("", "maria", "--delete"));
        assertTrue(said().contains("Unknown option: '--delete'"), said());
    }

    @Test
    void refusesShortPasswordsAndOddNamesChangingNothing() {
        assertEquals(2, run("short", "maria"));
        assertTrue(said().contains("at least 10 characters"), said());
        assertEquals(2, run("long-enough-password", "a b"));
        assertTrue(said().contains("give one user name"), said());
        assertEquals(2, run("long-enough-password"));
        assertTrue(said().contains("Missing required parameter: 'NAME'"), said());
        assertEquals(0, users().count());
    }
}
