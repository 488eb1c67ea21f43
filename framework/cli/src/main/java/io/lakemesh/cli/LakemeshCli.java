package io.lakemesh.cli;

import io.lakemesh.catalog.UrlCredentials;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.LakemeshException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code lakemesh} command. Exit codes are decided here and nowhere else. */
@Command(
    name = "lakemesh",
    mixinStandardHelpOptions = true,
    versionProvider = LakemeshCli.Version.class,
    description =
        "Run a data mesh on the lake-house: producer jobs with write-audit-publish, quality gates and a governance catalog.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (published, or nothing to do)",
      "1:failure (a transform or service failed, a conflict)",
      "2:bad usage, config, spec or name",
      "3:batch rejected: quality gate failed or unreadable data; nothing published",
      "4:access denied"
    })
public final class LakemeshCli extends ParentCommand {
  /**
   * Its commands, in the order {@code --help} lists them. Not in the annotation: picocli reads
   * every field and method of each command it holds when the command line is built, a third of a
   * catalog command's start-up, so {@link #commandLine(String...)} holds the command run alone.
   */
  private static final List<Class<?>> COMMANDS =
      List.of(
          InitCommand.class,
          AccountCommand.class,
          RunCommand.class,
          DemoCommand.class,
          CatalogCommand.class,
          QualityCommand.class,
          RunsCommand.class,
          LineageCommand.class,
          SearchCommand.class,
          RequestCommands.RequestAccess.class,
          RequestCommands.Requests.class,
          RequestCommands.Approve.class,
          RequestCommands.Deny.class,
          RequestCommands.Unsubscribe.class,
          GrantCommand.class,
          RevokeCommand.class,
          AccessCommand.class,
          EventCommands.Subscribe.class,
          EventCommands.Subscriptions.class,
          EventCommands.Unsubscribe.class,
          EventCommands.Events.class,
          LinksCommand.class,
          FilterCommand.class,
          QueryCommand.class,
          ConnectCommand.class,
          TagCommand.class,
          AuditCommand.class,
          ServeCommand.class,
          TokenCommand.class,
          MonitorCommand.class,
          OrchestrateCommand.class,
          QuarantineCommand.class,
          AwsCommand.class,
          DoctorCommand.class,
          ConfigCommand.class,
          CommandLine.HelpCommand.class);

  @CommandLine.Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "Also show the log of Spark, Iceberg and Deequ on stderr (warnings and errors).")
  void verbose(boolean verbose) {
    Verbosity.apply(verbose);
  }

  /**
   * The version the job jar was built as (its manifest's Implementation-Version, written by the
   * jobs module), so a distribution and the jar under {@code spark-submit} name their build.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = LakemeshCli.class.getPackage().getImplementationVersion();
      return new String[] {"lakemesh " + (version == null ? "(not packaged)" : version)};
    }
  }

  /** The arguments this process was started with (none when the CLI runs in another's JVM). */
  private static List<String> launchArguments = List.of();

  public static void main(String[] args) {
    launchArguments = List.of(args);
    int code = execute(args);
    System.exit(code);
  }

  static List<String> launchArguments() {
    return launchArguments;
  }

  public static int execute(String... args) {
    Verbosity.apply(false);
    return commandLine(args).execute(args);
  }

  /** The command line with every command. */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line that runs {@code args}: with the one command they name (their first word that
   * is not an option; lakemesh's own options take no value), else with every command, for {@code
   * help}, the usage and the errors that list them.
   */
  static CommandLine commandLine(String... args) {
    String named = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    List<Object> commands = new ArrayList<>(COMMANDS);
    ServiceLoader.load(PluggedCommand.class).forEach(commands::add);
    List<Object> run = commands.stream().filter(c -> isNamed(c, named)).toList();
    CommandLine cli = new CommandLine(new LakemeshCli());
    for (Object command : run.isEmpty() || named.equals("help") ? commands : run) {
      cli.addSubcommand(command);
    }
    cli.setExecutionExceptionHandler(LakemeshCli::handle);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          String command = ex.getCommandLine().getCommandSpec().qualifiedName();
          Set<String> groups = ex.getCommandLine().getSubcommands().keySet();
          if (ex instanceof UnmatchedArgumentException unmatched
              && !groups.isEmpty()
              && ex.getCommandLine().getParent() != null
              && !(ex.getCommandLine().getCommandSpec().userObject() instanceof ParentCommand)) {
            // `lakemesh audit list`: a command that runs by itself and also has commands of its own
            err.println(
                "error: "
                    + command
                    + " does not take '"
                    + unmatched.getUnmatched().get(0)
                    + "': run it with its options alone, or with one of its commands ("
                    + String.join(", ", groups)
                    + ")");
            err.println("try: " + command + " --help");
            return ErrorKind.USER.exitCode();
          }
          if (ex instanceof UnmatchedArgumentException unmatched
              && !groups.isEmpty()
              && ex.getCommandLine().getParent() != null) {
            // `lakemesh quality sales.orders`: a group of commands was given what its command takes
            String first = unmatched.getUnmatched().get(0);
            err.println(
                "error: "
                    + command
                    + " takes one of its commands first ("
                    + String.join(", ", groups)
                    + "), not '"
                    + first
                    + "'");
            err.println(
                "try: "
                    + command
                    + " "
                    + (groups.size() == 1
                        ? groups.iterator().next()
                            + " "
                            + String.join(" ", unmatched.getUnmatched())
                        : "--help"));
            return ErrorKind.USER.exitCode();
          }
          err.println("error: " + ex.getMessage());
          err.println("try: " + command + " --help");
          return ErrorKind.USER.exitCode();
        });
    return cli;
  }

  private static boolean isNamed(Object command, String name) {
    Class<?> type = command instanceof Class<?> c ? c : command.getClass();
    Command annotation = type.getAnnotation(Command.class);
    return annotation != null
        && (annotation.name().equals(name) || Arrays.asList(annotation.aliases()).contains(name));
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof LakemeshException l) {
      err.println("error: " + UrlCredentials.mask(l.getMessage()));
      return l.kind().exitCode();
    }
    err.println("error: " + UrlCredentials.mask(e.toString()));
    if (System.getenv("LAKEMESH_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("(set LAKEMESH_DEBUG=1 for the stack trace; --verbose shows Spark's log)");
    }
    return ErrorKind.INTERNAL.exitCode();
  }
}
