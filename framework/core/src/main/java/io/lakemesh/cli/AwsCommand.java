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

    @Override
    public Integer call() {
      try {
        IamPolicies.Target target = new IamPolicies.Target(region, accountId, storageRoot);
        System.out.println(Json.pretty(new IamPolicies().policy(IamPolicies.role(role), target)));
        return 0;
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(null, e.getMessage());
      }
    }
  }
}
