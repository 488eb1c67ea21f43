package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's tables as a person reads them: a header row over every listing, times in ISO-8601 to
 * the second, a link named once with its target once, a file input as a {@code file:} URI.
 */
class CliOutputTest {
  @TempDir Path dir;

  private Path config;

  @BeforeEach
  void recordOrders() {
    config = RecordedOrders.in(dir);
  }

  private List<String> lines(String command) {
    CliRun run = CliRun.in(dir, config, command);
    assertThat(run.code()).as(command + ": " + run.all()).isZero();
    return run.out().lines().toList();
  }

  @Test
  void runsPrintTheirStartToTheSecond() {
    List<String> runs = lines("runs");
    assertThat(runs.get(0)).matches("RUN +PRODUCT +STATUS +STARTED +MESSAGE");
    assertThat(runs.get(1))
        .matches("run-1 +sales\\.orders +PUBLISHED +2026-12-01T09:00:00Z +published snapshot 11");
  }

  @Test
  void lineageNamesAFileInputAsAFileUri() {
    List<String> lineage = lines("lineage sales.orders");
    assertThat(lineage.get(0)).matches("TIME +RUN +JOB +INPUTS -> OUTPUTS");
    assertThat(lineage.get(1))
        .matches(
            "2026-12-01T09:01:30Z +run-1 +sales\\.orders +file:/data/orders\\.csv ->"
                + " lakemesh://sales/sales\\.orders");
  }

  @Test
  void qualityHistoryAndVersionsPrintTimesToTheSecond() {
    assertThat(lines("quality history sales.orders").get(0))
        .isEqualTo(
            "2026-12-01T09:01:30Z  run run-1  snapshot 11  PASSED  (published: what consumers read)");
    // The catalog stamps a version when it takes the publish.
    assertThat(lines("catalog versions sales.orders").get(1))
        .matches(
            "1 +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +11 +PASSED +\\[order_id, country,"
                + " amount\\]");
  }

  @Test
  void requestsHaveAHeaderRow() {
    lines("request-access --as marketing --table sales.orders --perm SELECT");
    List<String> requests = lines("requests --as sales");
    assertThat(requests.get(0)).matches("ID +STATE +REQUESTER +RESOURCE +PERMISSIONS +REASON");
    assertThat(requests.get(1))
        .matches("1 +PENDING +marketing +table sales:sales\\.orders +SELECT *");
    assertThat(requests).hasSize(2);
  }

  @Test
  void anApprovalOfFewerColumnsSaysWhatWasGranted() {
    lines("request-access --as marketing --table sales.orders --perm SELECT");
    List<String> approved = lines("approve 1 --as sales --columns order_id,amount");
    assertThat(approved.get(0))
        .matches("1 +ACTIVE +marketing +table sales:sales\\.orders +SELECT *");
    assertThat(approved.get(1).strip())
        .isEqualTo("granted: SELECT on table sales:sales.orders (columns amount, order_id)");
  }

  @Test
  void aLinkIsNamedOnceWithItsTargetOnce() {
    lines("request-access --as marketing --table sales.orders --perm SELECT");
    lines("approve 1 --as sales");
    List<String> links = lines("links --as marketing");
    assertThat(links).hasSize(2);
    assertThat(links.get(0)).matches("LINK +KIND +TARGET");
    assertThat(links.get(1)).matches("marketing:sales_link\\.orders +table +sales:sales\\.orders");
  }

  @Test
  void auditHasAHeaderRowAndTimesToTheSecond() {
    List<String> audit = lines("audit");
    assertThat(audit.get(0)).matches("TIME +LOG +SEQ +OUTCOME +ACTOR +ACTION +RESOURCE");
    assertThat(audit.subList(1, audit.size()))
        .isNotEmpty()
        .allMatch(
            l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +governance +#\\d+ .*"),
            "a row of one event");
  }

  @Test
  void tokensAndTagsHaveAHeaderRow() {
    CliRun created = CliRun.in(dir, config, "token create --as marketing --description reports");
    assertThat(created.code()).as(created.all()).isZero();
    List<String> tokens = lines("token list");
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(0)).matches("ID +PRINCIPAL +STATE +CREATED +EXPIRES +DESCRIPTION");
    assertThat(tokens.get(1))
        .matches(
            "\\S+ +marketing +valid +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"
                + " +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +reports");

    List<String> tags = lines("tag list governance");
    assertThat(tags)
        .containsExactly(
            String.format("%-24s %s", "KEY", "VALUES"),
            String.format("%-24s %s", "classification", "internal, public"));
  }

  @Test
  void filtersHaveAHeaderRow() {
    lines("filter create sales.orders two_columns --columns order_id,amount");
    List<String> filters = lines("filter list sales.orders");
    assertThat(filters).hasSize(2);
    assertThat(filters.get(0)).matches("TABLE +FILTER +COLUMNS +ROWS");
    assertThat(filters.get(1))
        .matches("sales:sales\\.orders +two_columns +columns amount,order_id +all rows");
  }
}
