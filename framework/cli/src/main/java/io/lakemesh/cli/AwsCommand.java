package io.lakemesh.cli;

import io.lakemesh.aws.AwsDiagnostics;
import io.lakemesh.aws.IamPolicies;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.runtime.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "aws",
    mixinStandardHelpOptions = true,
    description = "AWS helpers.",
    subcommands = {AwsCommand.Policies.class, AwsCommand.Setup.class, AwsCommand.Join.class})
final class AwsCommand extends ParentCommand {

  /**
   * A producer joins the mesh, once, with the credentials of the account that holds its entries, so
   * that its jobs publish with the producer's own and never need the holder's.
   */
  @Command(
      name = "join",
      mixinStandardHelpOptions = true,
      header = "Add a producer to the mesh on AWS, once, with the holder's credentials.",
      description =
          "Run with the holder's credentials (the governance account in central) before a producer's first job:"
              + " creates the producer's databases in the holder's Glue catalog, registers its storage root with Lake Formation"
              + " and grants the producer CREATE_TABLE, ALTER and DESCRIBE there and DATA_LOCATION_ACCESS on its storage root."
              + " The producer then publishes with its own credentials. Running it again changes nothing. Each join is audited"
              + " in the log of the producer's products.")
  static final class Join implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(
        index = "0",
        paramLabel = "PRODUCER",
        description = "The producer's mesh account, e.g. sales.")
    String producer;

    @Option(
        names = "--database",
        required = true,
        paramLabel = "DB",
        description = "A database the producer publishes into (repeat the option for several).")
    List<String> databases;

    @Option(
        names = "--as",
        paramLabel = "WHO",
        description =
            "Who carries out the join: the administrator of the account holding the producer's entries (the default).")
    String actor;

    @Option(
        names = "--json",
        description =
            "Print JSON: [{producer, database, joined}]; joined is false when it"
                + " had joined before.")
    boolean json;

    /** Each join goes through the governance rules, which audit it in the producer's log. */
    @Override
    public Integer call() {
      try (Environment closing = env) {
        Governance governance = env.embeddedGovernance();
        Principal who =
            actor != null
                ? Principal.parse(actor)
                : Principal.administrator(governance.mesh().holderOf(producer));
        List<Map<String, Object>> joins = new ArrayList<>();
        for (String database : databases) {
          boolean created = governance.join(who, DatabaseId.of(producer, database));
          joins.add(
              JsonOutput.object("producer", producer, "database", database, "joined", created));
          if (!json) {
            System.out.println(
                (created ? "joined " : "already joined ") + producer + "." + database);
          }
        }
        if (json) {
          JsonOutput.print(joins);
        }
        return 0;
      }
    }
  }

  @Command(
      name = "policies",
      mixinStandardHelpOptions = true,
      description =
          "Print the least-privilege IAM policy an account role needs; the policy is JSON"
              + " (no --json: there is no other form).")
  static final class Policies implements Callable<Integer> {
    @Option(names = "--role", required = true, description = "producer, consumer or governance.")
    String role;

    @Option(names = "--account-id", required = true, description = "The 12-digit AWS account id.")
    String accountId;

    @Option(names = "--region", required = true, description = "AWS region, e.g. eu-west-1.")
    String region;

    @Option(
        names = "--storage-root",
        required = true,
        description = "The account's warehouse root, s3://bucket/prefix.")
    String storageRoot;

    @Option(
        names = "--topology",
        paramLabel = "T",
        defaultValue = "central",
        description =
            "central, lob-federated or federated (default: ${DEFAULT-VALUE}); in federated producers hold their own entries and tags.")
    String topology;

    @Option(
        names = "--records-root",
        paramLabel = "S3",
        description =
            "The aws catalog's records.root: for the account that owns the records (governance default: STORAGE-ROOT/lakemesh/),"
                + " and for a producer, which writes the records of its publishes there with its own credentials (aws setup prints the"
                + " records bucket's policy that limits what it may write).")
    String recordsRoot;

    @Option(
        names = "--registration-role-arn",
        paramLabel = "ARN",
        description =
            "The role Lake Formation uses for registered locations (default: its service-linked role).")
    String registrationRoleArn;

    @Option(
        names = "--holder-account-id",
        paramLabel = "ID",
        description =
            "The AWS account whose Glue catalog holds producers' entries and Iceberg tables (the governance account in central):"
                + " a producer's own holder (required unless federated); for a consumer, each holder it reads from (repeat the option).")
    List<String> holderAccountIds = new ArrayList<>();

    @Override
    public Integer call() {
      try {
        IamPolicies.Target target =
            new IamPolicies.Target(
                region,
                accountId,
                storageRoot,
                Topology.parse(topology),
                Optional.ofNullable(recordsRoot),
                Optional.ofNullable(registrationRoleArn),
                holderAccountIds);
        System.out.println(Json.pretty(new IamPolicies().policy(IamPolicies.role(role), target)));
        return 0;
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(null, e.getMessage());
      }
    }
  }

  @Command(
      name = "setup",
      mixinStandardHelpOptions = true,
      header =
          "Put Lake Formation in charge of each catalog that holds mesh entries (prints; --apply changes).",
      description =
          "What each account holding mesh entries needs so that Lake Formation's grants decide on AWS:"
              + " data-lake admins, no IAM_ALLOWED_PRINCIPALS defaults or grants on mesh databases and tables,"
              + " CROSS_ACCOUNT_VERSION 3 or later, a catalog resource policy that lets RAM share, and the bucket"
              + " and trust policies of locations registered across accounts. Prints the plan; --apply makes the"
              + " changes (idempotent: run it again and nothing changes). Exit 0 when nothing is left to change.")
  static final class Setup implements Callable<Integer> {
    @Mixin Environment env;

    @Option(
        names = "--apply",
        description = "Make the changes, then print the steps as AWS has them afterwards.")
    boolean apply;

    @Option(
        names = "--json",
        description = "Print JSON: [{account, check, state, detail, fix, items}].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        AwsDiagnostics aws =
            AwsDiagnostics.of(env.catalog())
                .orElseThrow(
                    () ->
                        new InvalidConfigException(
                            "lakemesh.catalog.type",
                            "aws setup works on the aws catalog (lakemesh.catalog.type = aws, see conf/aws.conf)"));
        List<AwsDiagnostics.SetupStep> steps =
            apply ? aws.applyLakeFormationSetup() : aws.lakeFormationSetup();
        if (json) {
          JsonOutput.print(steps.stream().map(AwsDiagnostics.SetupStep::toMap).toList());
        } else {
          for (AwsDiagnostics.SetupStep step : steps) {
            System.out.printf(
                "%-6s  %-12s  %-28s  %s%s%n",
                step.state(),
                step.account(),
                step.check(),
                step.detail(),
                step.fix().isEmpty()
                    ? ""
                    : (apply || !"change".equals(step.state()) ? " -- to do: " : " -- would: ")
                        + step.fix());
            step.items().forEach(i -> System.out.println("        " + i));
          }
        }
        return steps.stream().anyMatch(s -> "change".equals(s.state())) ? 1 : 0;
      }
    }
  }
}
