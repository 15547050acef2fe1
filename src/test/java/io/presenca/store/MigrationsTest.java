package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void theIndexListsEveryMigrationScript() throws IOException {
        // The index exists because a shaded jar cannot be listed; this catches a script added without it.
        List<String> scripts;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", Migrations.FOLDER))) {
            scripts = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }

        List<String> listed = Migrations.listed().stream()
                .map(m -> m.resource().substring(Migrations.FOLDER.length())).sorted().toList();

        assertEquals(scripts, listed);
    }

    @Test
    void scriptsSplitOnSemicolonsOutsideCommentsAndStrings() {
        List<String> statements = SqlScript.statements("""
                -- a comment; with a semicolon
                CREATE TABLE t (x TEXT DEFAULT 'a;b');  -- trailing; comment
                INSERT INTO t VALUES ('it''s; fine');
                """);

        assertEquals(List.of("CREATE TABLE t (x TEXT DEFAULT 'a;b')", "INSERT INTO t VALUES ('it''s; fine')"),
                statements);
    }

    @Test
    void functionBodiesInDollarQuotesStayInOneStatement() {
        List<String> statements = SqlScript.statements("""
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.x := 1; RETURN NEW; END
                $$;
                CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
                SELECT '$$;'
                """);

        assertEquals(3, statements.size(), statements.toString());
        assertTrue(statements.get(0).endsWith("END\n$$"), statements.get(0));
        assertEquals("SELECT '$$;'", statements.get(2));
    }

    @Test
    void theCentralPostgresScriptsAreListedInOrder() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6), Migrations.in("db/postgres/").scripts().stream().map(Migrations.Migration::version).toList());
    }
}
