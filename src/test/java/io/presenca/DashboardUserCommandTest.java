package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.DashboardAccess;
import io.presenca.store.DashboardUserStore;
import io.presenca.store.Database;
import io.presenca.web.PasswordHash;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DashboardUserCommandTest {

    private final GatewayFixture gateway = new GatewayFixture();

    private String run(String name, String pipedPassword) throws Exception {
        return run(List.of(name), pipedPassword);
    }

    private String run(List<String> options, String pipedPassword) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DashboardUserCommand(gateway.settings(), options)
                .run(null, new BufferedReader(new StringReader(pipedPassword + "\n")), new PrintStream(out, true));
        return out.toString();
    }

    @Test
    void addsAUserWithAHashedPasswordThenChangesIt() throws Exception {
        assertTrue(run("maria", "secretaria-5A").startsWith("Added dashboard user maria"));
        DashboardUserStore users = new DashboardUserStore(Database.open(gateway.sqlite));
        String hash = users.passwordHash("maria").orElseThrow();
        assertTrue(PasswordHash.matches("secretaria-5A".toCharArray(), hash));
        assertTrue(!hash.contains("secretaria"), "only the hash is stored");

        assertTrue(run("maria", "outra-senha-longa").startsWith("New password set for dashboard user maria"));
        assertTrue(PasswordHash.matches("outra-senha-longa".toCharArray(), users.passwordHash("maria").orElseThrow()));
        assertEquals(1, users.count());
    }

    @Test
    void givesRolesExistingUsersStayAdminsAndATeacherNeedsClasses() throws Exception {
        DashboardUserStore users = new DashboardUserStore(Database.open(gateway.sqlite));
        run("diretora", "senha-da-diretora");
        assertEquals(DashboardAccess.ADMIN, users.access("diretora").orElseThrow(), "a user without a role is an admin");

        String added = run(List.of("paula", "--role", "teacher", "--classes", "5A, 5B"), "senha-da-paula");
        assertTrue(added.startsWith("Added dashboard user paula (a teacher of 5A,5B"), added);
        assertEquals(DashboardAccess.teacherOf(Set.of("5A", "5B")), users.access("paula").orElseThrow());
        String hash = users.passwordHash("paula").orElseThrow();

        // an existing user's role changes without a password (none is piped: none is read)
        String changed = run(List.of("paula", "--role", "admin"), "");
        assertTrue(changed.startsWith("Dashboard user paula is now an admin"), changed);
        assertTrue(users.access("paula").orElseThrow().isAdmin());
        assertEquals(hash, users.passwordHash("paula").orElseThrow(), "password unchanged");

        Presenca.UsageException noClasses = assertThrows(Presenca.UsageException.class,
                () -> run(List.of("paula", "--role", "teacher", "--classes", " , "), ""));
        assertTrue(noClasses.getMessage().contains("needs the classes"), noClasses.getMessage());
        assertThrows(Presenca.UsageException.class, () -> run(List.of("paula", "--role", "principal"), ""));
        assertThrows(Presenca.UsageException.class, () -> run(List.of("paula", "--role", "teacher"), ""));
        assertTrue(users.access("paula").orElseThrow().isAdmin(), "nothing changed by the refused commands");
    }

    @Test
    void removesAUserAndSaysSoWhenThereIsNone() throws Exception {
        run("maria", "secretaria-5A");
        DashboardUserStore users = new DashboardUserStore(Database.open(gateway.sqlite));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DashboardUserCommand(gateway.settings(), List.of("maria", "--remove"))
                .run(null, new BufferedReader(new StringReader("")), new PrintStream(out, true));
        assertTrue(out.toString().startsWith("Removed dashboard user maria"), out.toString());
        assertEquals(0, users.count());
        Presenca.UsageException none = assertThrows(Presenca.UsageException.class, () -> new DashboardUserCommand(
                gateway.settings(), List.of("maria", "--remove")).run(null, null, new PrintStream(out, true)));
        assertTrue(none.getMessage().contains("there is no dashboard user maria"), none.getMessage());
        assertThrows(Presenca.UsageException.class, () -> new DashboardUserCommand(gateway.settings(),
                List.of("maria", "--delete")));
    }

    @Test
    void refusesShortPasswordsAndOddNamesChangingNothing() {
        Presenca.UsageException shortOne = assertThrows(Presenca.UsageException.class, () -> run("maria", "short"));
        assertTrue(shortOne.getMessage().contains("at least 10 characters"));
        assertThrows(Presenca.UsageException.class, () -> new DashboardUserCommand(gateway.settings(), List.of("a b")));
        assertThrows(Presenca.UsageException.class, () -> new DashboardUserCommand(gateway.settings(), List.of()));
        assertEquals(0, new DashboardUserStore(Database.open(gateway.sqlite)).count());
    }
}
