package io.presenca.cli;

import io.presenca.GatewayRun;
import io.presenca.Version;
import io.presenca.config.ConfigurationException;
import io.presenca.config.Settings;
import io.presenca.store.DatabaseException;
import io.presenca.vision.ModelUnavailableException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code java -jar presenca.jar [command]}: runs the gateway, or one of its maintenance commands.
 * Exit codes: 0 done, 1 failed while running, 2 wrong command line or settings; 3 and 4 as the
 * sync and run commands say.
 */
@Command(name = "presenca", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = Presenca.JarVersion.class, usageHelpAutoWidth = true,
        description = "Without a command: runs the gateway, camera -> recognition -> attendance in SQLite.",
        footer = {"", "Settings are environment variables (or lines of application.properties); see README.md.",
                "Exit codes: 0 done; 1 failed while running; 2 wrong command line or setting; 3 (sync) dead letters"
                        + " remain; 4 (run) the gateway stopped with attendance SQLite could not write."})
public final class Presenca implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Presenca.class);
    private static final int USAGE_OR_SETTINGS = 2;
    private static final int FAILED = 1;

    @Option(names = "--exit-at-end",
            description = "With a video file or image folder as CAMERA_SOURCE: stop at its end (or EXIT_AT_END=true).")
    private boolean exitAtEnd;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with standard input (or the console, for passwords) as the process has them. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, new Terminal(out, err, System.console(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))));
    }

    public static int run(String[] args, Terminal terminal) {
        return commandLine(terminal).execute(args);
    }

    /** Every command and subcommand is registered here, each given the terminal it writes to. */
    static CommandLine commandLine(Terminal terminal) {
        PrintStream out = terminal.out();
        CommandLine presenca = new CommandLine(new Presenca())
                .addSubcommand(new EnrollCommand(out))
                .addSubcommand(new ExportCommand(out))
                .addSubcommand(new EvaluateCommand(out))
                .addSubcommand(new CommandLine(new BenchCommand(out)).addSubcommand(new SyncBenchCommand(out)))
                .addSubcommand(new ReindexCommand(out, terminal.err()))
                .addSubcommand(new SyncCommand(out))
                .addSubcommand(new DashboardUserCommand(terminal))
                .addSubcommand(new ConsentCommand(out))
                .addSubcommand(new EraseCommand(out))
                .addSubcommand(new VerifyErasedCommand(out))
                .addSubcommand(new MarkCommand(out))
                .addSubcommand(new VoidCommand(out))
                .addSubcommand(new RoutesCommand())
                .addSubcommand(new CommandLine.HelpCommand());
        presenca.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        presenca.setErr(new PrintWriter(new OutputStreamWriter(terminal.err(), StandardCharsets.UTF_8), true));
        presenca.setExitCodeExceptionMapper(Presenca::exitCode);
        presenca.setParameterExceptionHandler(Presenca::wrongCommandLine);
        presenca.setExecutionExceptionHandler(Presenca::failed);
        return presenca;
    }

    @Override
    public Integer call() throws Exception {
        return new GatewayRun(Settings.fromProcess(), exitAtEnd).call();
    }

    /** A usage error or a wrong setting is the caller's to fix (2); anything else failed while running (1). */
    private static int exitCode(Throwable problem) {
        return problem instanceof ParameterException || problem instanceof ConfigurationException
                ? USAGE_OR_SETTINGS : FAILED;
    }

    /** What is wrong, a guess at what was meant when there is one, and the usage of the command given. */
    private static int wrongCommandLine(ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        command.getErr().println(problem.getMessage());
        UnmatchedArgumentException.printSuggestions(problem, command.getErr());
        command.usage(command.getErr());
        return exitCode(problem);
    }

    /** Says what went wrong: the message when it tells the school what to do, else the stack trace in the log. */
    private static int failed(Exception problem, CommandLine command, ParseResult parsed) {
        if (problem instanceof ConfigurationException) {
            command.getErr().println(problem.getMessage());
        } else if (problem instanceof ModelUnavailableException || problem instanceof DatabaseException) {
            LOG.error(problem.getMessage());
            command.getErr().println(problem.getMessage());
        } else {
            LOG.error("presenca failed: {}", problem.toString(), problem);
        }
        return exitCode(problem);
    }

    /** {@code --version}: the jar's version. */
    static final class JarVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"presenca " + Version.current()};
        }
    }
}
