package io.presenca.cli;

import io.presenca.config.Settings;
import io.presenca.routes.RouteCheck;
import io.presenca.routes.RouteProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code routes check [FILE...]}: a route edited by the school, checked before it is saved into routes/. */
@Command(name = "routes", mixinStandardHelpOptions = true, subcommands = RoutesCommand.Check.class,
        description = "Work with the gateway's YAML routes (ROUTES_DIR, default ./routes).")
public final class RoutesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Say what to do with the routes, e.g. 'routes check'.");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Checks route files the way the gateway loads them, without starting it: YAML, endpoints"
                    + " and their options, beans and methods, and {{placeholders}} (from application.properties and"
                    + " the environment). Each problem is printed as file:line: what is wrong.",
                    "Exit code 0 when every file is fine, 1 when one is not, 2 when the command line is wrong."})
    static final class Check implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "FILE",
                description = "Route files to check; without one, every *.camel.yaml of ROUTES_DIR (or, without that"
                        + " folder, the routes bundled in the jar).")
        private List<Path> files = List.of();

        @Override
        public Integer call() throws IOException {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "No route file " + file + ".");
                }
            }
            Settings settings = Settings.fromProcess();
            RouteCheck check = RouteCheck.ofGateway(settings);
            List<RouteProblem> problems;
            String checked;
            if (!files.isEmpty()) {
                problems = check.checkFiles(files);
                checked = files.size() + " route file(s)";
            } else {
                Path folder = settings.routesDir;
                if (Files.isDirectory(folder)) {
                    List<Path> inFolder = RouteCheck.routeFiles(folder);
                    problems = check.checkFiles(inFolder);
                    checked = inFolder.size() + " route file(s) of " + folder;
                } else {
                    problems = check.checkBundled();
                    checked = "the routes bundled in the jar (no folder " + folder + ")";
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (problems.isEmpty()) {
                out.println("Checked " + checked + ": no problem found.");
                return 0;
            }
            problems.forEach(spec.commandLine().getErr()::println);
            out.println("Checked " + checked + ": " + problems.size() + " problem(s). The gateway would not start with"
                    + " them; a running one keeps its previous routes. Fix them and check again.");
            return 1;
        }
    }
}
