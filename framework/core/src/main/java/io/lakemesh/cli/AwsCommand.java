package io.lakemesh.cli;

import io.lakemesh.aws.IamPolicies;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.runtime.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "aws", mixinStandardHelpOptions = true, description = "AWS helpers.",
    subcommands = AwsCommand.Policies.class)
final class AwsCommand extends ParentCommand {

  @Command(name = "policies", mixinStandardHelpOptions = true,
      description = "Print the least-privilege IAM policy (JSON) an account role needs.")
  static final class Policies implements Callable<Integer> {
    @Option(names = "--role", required = true, description = "producer, consumer or governance.") String role;

    @Option(names = "--account-id", required = true, description = "The 12-digit AWS account id.") String accountId;

    @Option(names = "--region", required = true, description = "AWS region, e.g. eu-west-1.") String region;

    @Option(names = "--storage-root", required = true, description = "The account's warehouse root, s3://bucket/prefix.")
    String storageRoot;

    @Option(names = "--topology", paramLabel = "T", defaultValue = "central",
        description = "central, lob-federated or federated (default: ${DEFAULT-VALUE}); in federated producers hold their own entries and tags.")
    String topology;

    @Option(names = "--records-root", paramLabel = "S3", description = "The aws catalog's records.root, for the account that owns the records (governance default: STORAGE-ROOT/lakemesh/).")
    String recordsRoot;

    @Option(names = "--registration-role-arn", paramLabel = "ARN", description = "The role Lake Formation uses for registered locations (default: its service-linked role).")
    String registrationRoleArn;

    @Option(names = "--holder-account-id", paramLabel = "ID", description = "Producer: the AWS account whose Glue catalog holds its entries and Iceberg tables (the governance account in central).")
    String holderAccountId;

    @Override
    public Integer call() {
      try {
        IamPolicies.Target target = new IamPolicies.Target(region, accountId, storageRoot,
            io.lakemesh.governance.Topology.parse(topology), java.util.Optional.ofNullable(recordsRoot),
            java.util.Optional.ofNullable(registrationRoleArn), java.util.Optional.ofNullable(holderAccountId));
        System.out.println(Json.pretty(new IamPolicies().policy(IamPolicies.role(role), target)));
        return 0;
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(null, e.getMessage());
      }
    }
  }
}
