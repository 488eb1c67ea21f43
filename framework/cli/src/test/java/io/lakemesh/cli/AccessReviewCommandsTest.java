package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.AccessReview;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access that expires and the access review from the command line: {@code approve --expires} and
 * {@code grant --expires}, a past expiry refused, and {@code access review}'s table and summary.
 */
class AccessReviewCommandsTest {
  private static final Principal MARKETING = Principal.administrator("marketing");
  private static final Principal FINANCE = Principal.administrator("finance");

  @TempDir Path dir;

  @Test
  void theReviewPrintsOneLinePerGrantThenItsSummary() {
    Instant at = Instant.parse("2026-12-06T09:00:00Z");
    Instant granted = Instant.parse("2026-12-01T09:00:00Z");
    AccessReview review =
        new AccessReview(
            at,
            List.of(
                new AccessReview.Entry(
                    2,
                    "sales.orders",
                    FINANCE,
                    "table sales:sales.orders",
                    Set.of(Permission.SELECT),
                    "owner",
                    granted,
                    5,
                    null,
                    AccessReview.Status.ACTIVE,
                    null),
                new AccessReview.Entry(
                    1,
                    "sales.orders",
                    MARKETING,
                    "table sales:sales.orders",
                    Set.of(Permission.SELECT),
                    "request:1",
                    granted,
                    5,
                    Instant.parse("2027-01-05T00:00:00Z"),
                    AccessReview.Status.ACTIVE,
                    Instant.parse("2026-12-06T08:00:00Z"))));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    AccessCommand.print(review, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "PRODUCT              HOLDER                 PERMS      AUTHORITY      GRANTED        "
                + "         AGE EXPIRY                       LAST USE",
            "sales.orders         finance                SELECT     owner          "
                + "2026-12-01T09:00:00Z     5d never expires                never",
            "sales.orders         marketing              SELECT     request:1      "
                + "2026-12-01T09:00:00Z     5d expires 2027-01-05T00:00:00Z 2026-12-06T08:00:00Z",
            "2 grants, 0 expired, 0 expiring in 7 days, 1 never used");
  }

  @Test
  void approveAndGrantTakeAnExpiryAndTheReviewShowsIt() {
    Path config = published();

    CliRun asked =
        cli(
            "request-access",
            "--as",
            "marketing",
            "--table",
            "sales.orders",
            "--perm",
            "SELECT",
            "--config",
            config);
    assertThat(asked.out()).isEqualTo("request 1 PENDING\n");
    CliRun approved =
        cli("approve", "1", "--as", "sales", "--expires", "2099-01-05", "--config", config);
    assertThat(approved.code()).isZero();
    assertThat(approved.out()).contains("      expires 2099-01-05T00:00:00Z\n");
    CliRun granted =
        cli(
            "grant",
            "--as",
            "sales",
            "--to",
            "finance",
            "--table",
            "sales.orders",
            "--perm",
            "SELECT",
            "--expires",
            "2099-02-01T12:00:00Z",
            "--config",
            config);
    assertThat(granted.out())
        .isEqualTo(
            "granted: finance SELECT on table sales:sales.orders (expires 2099-02-01T12:00:00Z)\n");

    CliRun review = cli("access", "review", "--as", "governance", "--config", config);

    assertThat(review.code()).isZero();
    List<String> lines = review.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1))
        .startsWith("sales.orders         finance                SELECT     owner          ")
        .endsWith("0d expires 2099-02-01T12:00:00Z never");
    assertThat(lines.get(2))
        .startsWith("sales.orders         marketing              SELECT     request:1      ")
        .endsWith("0d expires 2099-01-05T00:00:00Z never");
    assertThat(lines.get(3)).isEqualTo("2 grants, 0 expired, 0 expiring in 7 days, 2 never used");
  }

  @Test
  void aPastExpiryIsBadUsageAndAConsumerMayNotReview() {
    Path config = published();

    CliRun past =
        cli(
            "grant",
            "--as",
            "sales",
            "--to",
            "finance",
            "--table",
            "sales.orders",
            "--perm",
            "SELECT",
            "--expires",
            "2001-01-01",
            "--config",
            config);
    assertThat(past.code()).isEqualTo(2);
    assertThat(past.err())
        .contains("an expiry must be in the future: 2001-01-01T00:00:00Z is not after now");
    CliRun notATime =
        cli(
            "grant",
            "--as",
            "sales",
            "--to",
            "finance",
            "--table",
            "sales.orders",
            "--perm",
            "SELECT",
            "--expires",
            "soon",
            "--config",
            config);
    assertThat(notATime.code()).isEqualTo(2);
    assertThat(notATime.err())
        .contains(
            "'soon' is not a time: use an ISO-8601 instant (2027-01-05T00:00:00Z), a date"
                + " (2027-01-05, from its start in UTC) or a duration from now (30m, 24h, 30d)");

    CliRun consumer = cli("access", "review", "--as", "marketing", "--config", config);
    assertThat(consumer.code()).isEqualTo(4);
    assertThat(consumer.err()).contains("access denied: marketing may not REVIEW grants of grants");
  }

  /** A catalog in the temp folder with sales.orders published; its config. */
  private Path published() {
    return PublishedOrders.catalogIn(dir, g -> {});
  }

  private CliRun cli(Object... args) {
    return CliRun.inHome(dir, args);
  }
}
