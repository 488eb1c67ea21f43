package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command that prints a result takes {@code --json}, prints one valid JSON document with it,
 * and its {@code --json} help names the keys it prints. The keys below are written by hand.
 */
class JsonOnEveryCommandTest {
  /** The commands without --json; each says why in its --help, as "no --json". */
  private static final Set<String> WITHOUT_JSON =
      Set.of(
          "lakemesh serve", // serves until stopped, prints its request log
          "lakemesh orchestrate stepfunctions", // its definition is JSON already
          "lakemesh orchestrate glue-job", // its requests are JSON already
          "lakemesh orchestrate airflow", // its DAG is a Python file
          "lakemesh aws policies"); // its policy is JSON already

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyCommandThatPrintsAResultTakesJsonOrSaysWhyNot() {
    List<String> missing = new ArrayList<>();
    List<String> unexplained = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    walk(
        LakemeshCli.commandLine(),
        cli -> {
          Object command = cli.getCommandSpec().userObject();
          // Groups only show their usage; picocli's help command prints help.
          if (command instanceof ParentCommand || command instanceof CommandLine.HelpCommand) {
            return;
          }
          String name = cli.getCommandSpec().qualifiedName();
          seen.add(name);
          boolean hasJson = cli.getCommandSpec().findOption("--json") != null;
          if (WITHOUT_JSON.contains(name)) {
            // Usage text wraps at 80 columns: read it as one line.
            if (!cli.getUsageMessage().replaceAll("\\s+", " ").contains("no --json")) {
              unexplained.add(name);
            }
          } else if (!hasJson) {
            missing.add(name);
          }
        });
    assertThat(seen)
        .contains(
            "lakemesh deny",
            "lakemesh token revoke",
            "lakemesh doctor",
            "lakemesh config",
            "lakemesh tag assign",
            "lakemesh links drop",
            "lakemesh audit verify");
    assertThat(missing).as("commands without --json").isEmpty();
    assertThat(unexplained).as("exceptions whose --help does not say why").isEmpty();
  }

  /** Command (words split on spaces), then the keys of its answer (of each element of a list). */
  private static final String[][] SCRIPT = {
    {
      "search --as marketing --json",
      "table, product, domain, majorVersion, owner, ownerTeam, ownerContact, description, tags,"
          + " freshnessSla, qualityStatus, qualitySummary, columns, updatedAt, catalog"
    },
    {
      "catalog list --json",
      "id, columns, location, format, partitioning, parameters, version, updatedAt"
    },
    {"catalog show sales.orders --json", "table, latestQuality, lineage"},
    {
      "catalog versions sales.orders --json",
      "id, columns, location, format, partitioning, parameters, version, updatedAt"
    },
    {
      "quality history sales.orders --json",
      "runId, table, snapshotId, at, outcome, metrics, constraints"
    },
    {
      "runs --json",
      "runId, product, table, status, startedAt, endedAt, snapshotId, message, report"
    },
    {"lineage sales.orders --json", "runId, job, eventTime, inputs, outputs, document"},
    {"request-access --as marketing --table sales.orders --perm SELECT --json", "id, state"},
    {
      "requests --as sales --json",
      "id, requester, resource, permissions, state, granted, grantedPermissions, reason, decidedBy,"
          + " createdAt, updatedAt"
    },
    {
      "deny 1 --as sales --reason later --json",
      "id, requester, resource, permissions, state, granted, grantedPermissions, reason, decidedBy,"
          + " createdAt, updatedAt"
    },
    {
      "approve 1 --as sales --json",
      "id, requester, resource, permissions, state, granted, grantedPermissions, reason, decidedBy,"
          + " createdAt, updatedAt"
    },
    {"links --as marketing --json", "link, resolvesTo, dangling"},
    {
      "grant --as sales --to finance --table sales.orders --perm SELECT --json",
      "id, catalog, grantee, resource, permissions, grantable, grantor, authorisation, grantedAt"
    },
    {"access review --as governance --json", "at, entries"},
    {"links create --as finance --table sales.orders --json", "created, target"},
    {"links drop sales_link.orders --as finance --json", "dropped"},
    {"revoke --as sales --from finance --table sales.orders --perm SELECT --json", "stillHeld"},
    {
      "filter create sales.orders two_columns --columns order_id,amount --json",
      "table, name, rowFilter, includedColumns, excludedColumns"
    },
    {"filter list sales.orders --json", "table, name, rowFilter, includedColumns, excludedColumns"},
    {"filter drop sales.orders two_columns --json", "dropped, table"},
    {"tag create sensitivity --values low,high --as governance --json", "key, allowedValues"},
    {
      "tag assign classification=internal --table sales.orders --as sales --json",
      "target, key, value"
    },
    {"tag list governance --json", "key, allowedValues"},
    {
      "audit --json",
      "seq, log, actor, actingAs, action, resource, before, after, outcome, reason, at,"
          + " previousHash, hash, token, count"
    },
    {"audit verify --json", "log, intact, verified, brokenAt, problem, keyedFrom, anchoredTo"},
    {
      "token create --as marketing --json",
      "id, principal, state, createdAt, expiresAt, description, token"
    },
    {"token list --json", "id, principal, state, createdAt, expiresAt, description"},
    {
      "connect sales.orders --as marketing --json",
      "principal, product, engine, readPath, catalogUri, table, linked, summary, steps, settings,"
          + " query"
    },
    {"config --json", "settings, keys"},
    {"aws join sales --database sales --json", "producer, database, joined"},
    {"doctor --json", "check, ok, warning, detail, fix, items"},
    {
      "unsubscribe 1 --as marketing --json",
      "id, requester, resource, permissions, state, granted, grantedPermissions, reason, decidedBy,"
          + " createdAt, updatedAt, justification"
    },
    {"init --json", "home, file, initialised, config, topology, products"},
    {"account add vehicles --role producer --json", "account, roles, lob, file, line"},
    {
      "subscribe --as sales --product sales.orders --events all --webhook"
          + " https://hooks.example.com/lakemesh --json",
      "id, subscriber, table, kinds, endpoint, secret, cursor, createdAt"
    },
    {
      "subscriptions --as sales --json",
      "id, subscriber, table, kinds, endpoint, secret, cursor, createdAt"
    },
    {"events deliver --json", "delivered, failed, dead, skipped"},
    {"unsubscribe-events 1 --as sales --json", "unsubscribed"},
    {"monitor --json", "at, watched, inBreach, changes, expiring, expired, deliveries"},
  };

  @Test
  void eachCommandPrintsValidJsonWithTheKeysItsHelpNames() throws Exception {
    Path config = RecordedOrders.in(dir);
    List<String> problems = new ArrayList<>();
    String tokenId = null;
    for (String[] step : SCRIPT) {
      String command = step[0];
      CliRun run = CliRun.in(dir, config, command);
      // doctor exits 1 when a check fails here (no Spark flags in the test JVM); it still answers.
      if (run.code() != 0 && !command.startsWith("doctor")) {
        problems.add(command + ": exit " + run.code() + ": " + run.all().strip());
        continue;
      }
      JsonNode answer = JSON.readTree(run.out());
      JsonNode element = answer.isArray() ? answer.path(0) : answer;
      if (answer.isArray() && answer.isEmpty()) {
        problems.add(command + ": an empty list, no keys to check");
        continue;
      }
      Set<String> keys = new LinkedHashSet<>();
      element.fieldNames().forEachRemaining(keys::add);
      List<String> expected = List.of(step[1].split(", "));
      if (!keys.containsAll(expected)) {
        problems.add(command + ": keys " + keys + ", expected " + expected);
      }
      String help = jsonHelp(command);
      List<String> undocumented = expected.stream().filter(k -> !help.contains(k)).toList();
      if (!undocumented.isEmpty()) {
        problems.add(command + ": --json help '" + help + "' does not name " + undocumented);
      }
      if (command.startsWith("token create")) {
        tokenId = answer.path("id").asText();
      }
    }
    assertThat(problems).isEmpty();

    CliRun revoked = CliRun.in(dir, config, "token revoke " + tokenId + " --json");
    assertThat(revoked.code()).as(revoked.all()).isZero();
    assertThat(JSON.readTree(revoked.out()))
        .isEqualTo(JSON.readTree("{\"revoked\": \"" + tokenId + "\"}"));
    assertThat(jsonHelp("token revoke")).contains("revoked");
  }

  @Test
  void aListingWithNothingInItIsAnEmptyJsonList() throws Exception {
    Path config = RecordedOrders.in(dir);
    for (String command :
        List.of(
            "requests --as sales",
            "token list",
            "filter list sales.orders",
            "subscriptions --as sales",
            "events dead-letters --as sales")) {
      CliRun run = CliRun.in(dir, config, command + " --json");
      assertThat(run.code()).as(run.all()).isZero();
      assertThat(JSON.readTree(run.out()).isArray()).as(command).isTrue();
      assertThat(JSON.readTree(run.out())).as(command).isEmpty();
    }
  }

  /** The description of the --json option of the command that {@code command} starts with. */
  private static String jsonHelp(String command) {
    CommandLine cli = LakemeshCli.commandLine();
    for (Iterator<String> words = List.of(command.split(" ")).iterator(); words.hasNext(); ) {
      CommandLine sub = cli.getSubcommands().get(words.next());
      if (sub == null) {
        break;
      }
      cli = sub;
    }
    OptionSpec json = cli.getCommandSpec().findOption("--json");
    return json == null ? "" : String.join(" ", json.description());
  }

  private static void walk(CommandLine cli, Consumer<CommandLine> visit) {
    visit.accept(cli);
    for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
      // Aliases list a command twice; visit each under its own name.
      if (sub.getKey().equals(sub.getValue().getCommandName())) {
        walk(sub.getValue(), visit);
      }
    }
  }
}
