package io.lakemesh.cli;

import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.AccessReview;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Access as a governance team reviews it. */
@Command(
    name = "access",
    mixinStandardHelpOptions = true,
    description = "Review who holds access to the data products.",
    subcommands = AccessCommand.Review.class)
final class AccessCommand extends ParentCommand {
  static final String HEADER =
      String.format(
          "%-20s %-22s %-10s %-14s %-20s %6s %-28s %s",
          "PRODUCT", "HOLDER", "PERMS", "AUTHORITY", "GRANTED", "AGE", "EXPIRY", "LAST USE");

  @Command(
      name = "review",
      mixinStandardHelpOptions = true,
      description =
          "Every grant on the data the principal owns (a producer) or governs (a governance account):"
              + " holder, authority, age, expiry and last audited use, sorted by product then holder, with a summary.")
  static final class Review implements Callable<Integer> {
    @Mixin Environment env;

    @Option(
        names = "--as",
        required = true,
        paramLabel = "WHO",
        description = "A governance or producer account's administrator.")
    String actor;

    @Option(
        names = "--product",
        paramLabel = "D.N",
        description = "Only grants bearing on this product.")
    String product;

    @Option(
        names = "--owner",
        paramLabel = "ACCOUNT",
        description = "Only grants on this producer's data.")
    String owner;

    @Option(
        names = "--json",
        description =
            "Print JSON: {at, entries: [{grant, product, holder, resource,"
                + " permissions, authority, grantedAt, ageDays, expires, status, lastUsed}]}.")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        AccessReview review =
            env.governance()
                .accessReview(Principal.parse(actor), new AccessReview.Scope(product, owner));
        if (json) {
          JsonOutput.print(review);
        } else {
          print(review, System.out);
        }
        return 0;
      }
    }
  }

  /** The review as a table, then its summary line. */
  static void print(AccessReview review, PrintStream out) {
    out.println(HEADER);
    for (AccessReview.Entry e : review.entries()) {
      out.println(
          String.format(
                  "%-20s %-22s %-10s %-14s %-20s %6s %-28s %s",
                  e.product(),
                  e.holder(),
                  Permission.format(e.permissions()),
                  e.authority(),
                  Timestamps.of(e.grantedAt()),
                  e.ageDays() + "d",
                  Expiry.text(e.expires(), review.at()),
                  e.lastUsed() == null ? "never" : Timestamps.of(e.lastUsed()))
              .stripTrailing());
    }
    out.println(review.summary());
  }
}
