package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE_ANALYST;
import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.MeshFixtures.SALES_ENGINEER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lakemesh.catalog.ColumnMentions;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.ConstraintResult.Status;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.QuarantineTable;
import io.lakemesh.catalog.RuleMeasure;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The side channels of the authorisation matrix: every reading route and command (describe, select,
 * versions, the table list, quality, runs, lineage, search, audit, and on the server the per-table
 * lineage graph) answered to principals holding a column grant and a data filter, a tag-policy
 * grant, a table grant or nothing on {@code sales.orders} (a principal of the producer's own
 * account, and one the mesh does not declare), serialised to JSON and searched for what they must
 * not see: the names of hidden columns, the values of a failed run's examples (a PII value among
 * them), a whole row stored in an old message, the producer's source file and the datasets they may
 * not describe. The owner and the governance account see it all. Expected answers are written by
 * hand below; the world they are read from is {@link SideChannelWorld}.
 */
class SideChannelMatrixTest extends RuleSuite {
  static final TableId ORDERS = MeshWorld.ORDERS;
  // Where sales.orders' gate sets rows aside: no grant on sales.orders reaches it.
  static final TableId QUARANTINE = QuarantineTable.of(ORDERS);
  static final List<String> COLUMNS =
      List.of("order_id", "customer_id", "amount", "country", "coupon");
  static final Principal INTERN = Principal.of("marketing", "intern");

  static final String SOURCE_FILE = "file:/data/sales/secret-orders.csv";
  static final String ORDERS_DATASET = "lakemesh://sales/sales.orders";
  static final String REVENUE_DATASET = "lakemesh://finance/finance.revenue";
  static final String INVENTORY_DATASET = "lakemesh://product/product.inventory";

  // Values of the data that only the owner and the governance account may read.
  static final String PII_EXAMPLE = "C-SECRET-42";
  static final String COUPON_EXAMPLE = "FREE-COUPON-77";
  static final String COUNTRY_EXAMPLE = "XX-NOT-A-COUNTRY";
  static final String OLD_ROW_VALUE = "C-OLD-ROW-13";
  static final List<String> VALUES =
      List.of(PII_EXAMPLE, COUPON_EXAMPLE, COUNTRY_EXAMPLE, OLD_ROW_VALUE);

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  MeshWorld world;

  /** The rules each read is sent to: in process here, over HTTP in the server's tests. */
  GovernanceService service(MeshWorld world) {
    return world.governance;
  }

  /** The catalog's records as the principal reads them: in process here, over HTTP there. */
  GovernanceCatalog reader(MeshWorld world, Principal principal) {
    return new PrincipalCatalog(world.governance, principal);
  }

  /** The per-table lineage graph (a route of the server only); null in process. */
  String lineageGraph(MeshWorld world, Principal principal, TableId table) {
    return null;
  }

  @BeforeEach
  void arrange() {
    world = open(Topology.CENTRAL);
    SideChannelWorld.arrange(world);
  }

  @AfterEach
  void close() {
    // Null when the backend is not at hand (PostgreSQL not running) and the test was skipped.
    if (world != null) {
      world.close();
    }
  }

  // ---- what each principal reads

  /**
   * Every reading route and command, answered to the principal, each answer as JSON ("refused" for
   * a refusal).
   */
  Map<String, String> reads(Principal p) {
    GovernanceService s = service(world);
    GovernanceCatalog c = reader(world, p);
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("describe", answer(() -> s.describe(p, ORDERS)));
    answers.put("select", answer(() -> s.checkSelect(p, ORDERS)));
    answers.put("catalog show", answer(() -> c.loadTable(ORDERS)));
    answers.put("catalog list", answer(() -> c.listTables(null)));
    answers.put("versions", answer(() -> c.tableVersions(ORDERS)));
    answers.put("quality", answer(() -> c.qualityHistory(ORDERS, 100)));
    answers.put("runs", answer(() -> c.listJobRuns(null, 100)));
    answers.put("run", answer(() -> c.findJobRun("run-rejected-1")));
    answers.put("lineage", answer(() -> c.lineage(ORDERS_DATASET, 100)));
    answers.put("audit", answer(() -> s.audit(p, AuditQuery.all().limit(10_000))));
    answers.put("quarantine-describe", answer(() -> s.describe(p, QUARANTINE)));
    answers.put("quarantine-select", answer(() -> s.checkSelect(p, QUARANTINE)));
    String graph = lineageGraph(world, p, ORDERS);
    if (graph != null) {
      answers.put("lineage graph", graph);
    }
    return answers;
  }

  /**
   * Search shows every principal every product card, schema names included (DESIGN.md: discovery).
   */
  String search(Principal p) {
    return answer(() -> service(world).search(p, SearchQuery.all()));
  }

  private static String answer(Supplier<Object> read) {
    try {
      return JSON.writeValueAsString(read.get());
    } catch (AccessDeniedException refused) {
      return "refused";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- the matrix

  /** Columns each principal may not see the name of; they hold no other grant on sales.orders. */
  static final Map<Principal, List<String>> HIDDEN_COLUMNS =
      Map.of(
          MARKETING,
          List.of("customer_id", "coupon"),
          ANALYST,
          List.of("customer_id", "coupon"),
          FINANCE_ANALYST,
          List.of(),
          SALES_ENGINEER,
          COLUMNS,
          // another producer's administrator, who reads every audit log
          PRODUCT,
          COLUMNS,
          INTERN,
          COLUMNS);

  @Test
  void noReaderSeesAHiddenColumnNameAValueOrAnotherDataset() {
    List<String> leaks = new ArrayList<>();
    for (Map.Entry<Principal, List<String>> e : HIDDEN_COLUMNS.entrySet()) {
      Principal p = e.getKey();
      List<String> forbidden = new ArrayList<>(VALUES);
      forbidden.add("secret-orders.csv");
      // Other accounts' datasets; its own it sees.
      for (String dataset : List.of(REVENUE_DATASET, INVENTORY_DATASET)) {
        if (!dataset.startsWith("lakemesh://" + p.account() + "/")) {
          forbidden.add(dataset);
        }
      }
      for (Map.Entry<String, String> read : reads(p).entrySet()) {
        for (String word : forbidden) {
          if (read.getValue().contains(word)) {
            leaks.add(p + " " + read.getKey() + ": " + word);
          }
        }
        for (String column : e.getValue()) {
          // As a word, so that the name is found inside nested documents and messages too.
          if (ColumnMentions.names(read.getValue(), column)) {
            leaks.add(p + " " + read.getKey() + ": column " + column);
          }
        }
      }
      String cards = search(p);
      for (String value : VALUES) {
        if (cards.contains(value)) {
          leaks.add(p + " search: " + value);
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void whatEachReaderIsRefusedAndShown() {
    Map<String, String> expectedRefusals =
        Map.of(
            // reader: the reads refused to it, in the order of reads(); a grant on the product
            // (columns and a filter, a tag policy, the table) does not reach its quarantine table
            MARKETING.toString(), "audit quarantine-describe quarantine-select",
            ANALYST.toString(), "audit quarantine-describe quarantine-select",
            FINANCE_ANALYST.toString(), "audit quarantine-describe quarantine-select",
            // a principal inside the producer's account holds nothing by being there
            SALES_ENGINEER.toString(),
                "describe select catalog show versions quality audit quarantine-describe"
                    + " quarantine-select",
            PRODUCT.toString(),
                "describe select catalog show versions quality quarantine-describe"
                    + " quarantine-select",
            // a principal the mesh does not declare is refused everything
            INTERN.toString(),
                "describe select catalog show catalog list versions quality runs run lineage audit"
                    + " quarantine-describe quarantine-select",
            SALES.toString(), "",
            // the governance account sees every record and the rows set aside, but reads no data
            GOVERNANCE.toString(), "select");
    for (Map.Entry<String, String> e : expectedRefusals.entrySet()) {
      Principal p = Principal.parse(e.getKey());
      List<String> refused =
          reads(p).entrySet().stream()
              .filter(r -> r.getValue().equals("refused"))
              .map(Map.Entry::getKey)
              .filter(k -> !k.equals("lineage graph"))
              .toList();
      assertThat(String.join(" ", refused)).as(p.toString()).isEqualTo(e.getValue());
    }
  }

  @Test
  void aColumnGrantHolderSeesItsColumnsCountsAndHiddenRules() {
    for (Principal p : List.of(MARKETING, ANALYST)) {
      GovernanceCatalog c = reader(world, p);
      assertThat(c.loadTable(ORDERS).columns())
          .extracting(co -> co.name())
          .containsExactly("order_id", "amount", "country");
      QualityRun run = c.qualityHistory(ORDERS, 10).get(0);
      assertThat(run.outcome()).isEqualTo(QualityRun.Outcome.FAILED);
      assertThat(run.metrics())
          .extracting(m -> m.instance() + " " + m.name())
          .containsExactly("* Size", "amount Completeness", "amount Maximum");
      assertThat(run.constraints())
          .extracting(ConstraintResult::rule)
          .containsExactly(
              "hidden rule",
              "hidden rule",
              "hidden rule",
              "allowed-values(country)",
              "completeness(amount)");
      assertThat(run.constraints())
          .extracting(ConstraintResult::status)
          .containsOnly(Status.FAILURE);
      assertThat(run.constraints()).extracting(ConstraintResult::examples).containsOnlyNulls();
      assertThat(run.constraints().get(3).message())
          .isEqualTo("country: 1 of 10 rows not in (DE, FR) (compliance 90%, required 100%)");
      assertThat(run.constraints().get(4).message())
          .isEqualTo("amount: 1 of 10 rows are null (example not shown)");
      JobRun rejected = c.findJobRun("run-rejected-1").orElseThrow();
      assertThat(rejected.message())
          .isEqualTo("(a detail on a column you may not see or a PII column)");
      assertThat(rejected.report())
          .contains("\"rule\":\"hidden rule\"")
          .contains("\"message\":\"country: 1 of 10 rows not in (DE, FR) (example not shown)\"");
      assertThat(c.findJobRun("run-malformed-1").orElseThrow().message())
          .isEqualTo(
              "source orders: 2 of 10 rows in hidden dataset are malformed (do not match the"
                  + " declared schema) (example not shown)");
      List<LineageEvent> lineage = c.lineage(ORDERS_DATASET, 10);
      assertThat(lineage)
          .extracting(l -> l.job() + ": " + l.inputs() + " -> " + l.outputs())
          .containsExactly(
              "hidden job: [" + ORDERS_DATASET + ", hidden dataset] -> [hidden dataset]",
              "sales.orders: [hidden dataset] -> [" + ORDERS_DATASET + "]");
    }
  }

  @Test
  void aFilterHolderReadsItsFilterAsTheColumnsItShows() {
    DataFilter shown =
        new DataFilter(
            ORDERS, "us_only", "country = 'US'", List.of("order_id", "amount", "country"), null);

    assertThat(service(world).checkSelect(MARKETING, ORDERS).filters()).containsExactly(shown);
    assertThat(service(world).filters(MARKETING, ORDERS)).containsExactly(shown);
    assertThat(service(world).filters(SALES, ORDERS).get(0).excludedColumns())
        .containsExactly("coupon", "customer_id");
  }

  @Test
  void aFilterOnlyHolderSeesNoValueSummarisingRowsItMayNotRead() {
    world.governance.grant(
        SALES, PRODUCT, Resource.filter(ORDERS, "us_only"), EnumSet.of(Permission.SELECT));

    QualityRun run = reader(world, PRODUCT).qualityHistory(ORDERS, 10).get(0);

    // amount is its to read on the US rows only: the maximum of every row is not.
    assertThat(run.metrics())
        .extracting(m -> m.instance() + " " + m.name())
        .containsExactly("* Size", "amount Completeness");
    assertThat(reader(world, PRODUCT).loadTable(ORDERS).columns())
        .extracting(co -> co.name())
        .containsExactly("order_id", "amount", "country");
  }

  @Test
  void aTableGrantHolderSeesPiiColumnNamesButNoPiiValue() {
    GovernanceCatalog c = reader(world, FINANCE_ANALYST);
    QualityRun run = c.qualityHistory(ORDERS, 10).get(0);
    assertThat(run.metrics())
        .extracting(m -> m.instance() + " " + m.name())
        .containsExactly(
            "* Size",
            "customer_id Completeness",
            "coupon_ok Compliance",
            "amount Completeness",
            "amount Maximum");
    assertThat(run.constraints())
        .extracting(r -> r.rule() + ": " + r.message())
        .containsExactly(
            "not_null(customer_id): not shown: the rule is on a PII column",
            "unique(customer_id): not shown: the rule is on a PII column",
            "coupon_ok: 1 of 10 rows fail coupon <> 'FREE' (compliance 90%, required 100%)",
            "allowed-values(country): country: 1 of 10 rows not in (DE, FR) (compliance 90%,"
                + " required 100%)",
            "completeness(amount): amount: 1 of 10 rows are null (example not shown)");
    assertThat(run.constraints()).extracting(ConstraintResult::examples).containsOnlyNulls();
    // A rule's measure is a fraction of the rows, kept; on a PII column it goes with the message.
    assertThat(run.constraints())
        .extracting(ConstraintResult::measure)
        .containsExactly(null, null, new RuleMeasure(0.9, "90%", "100%"), null, null);
  }

  @Test
  void anotherProducerAuditsEventsOfTablesItMayNotDescribeAsHidden() {
    String audit = reads(PRODUCT).get("audit");
    assertThat(audit)
        .contains("hidden dataset", "product:product.inventory")
        .doesNotContain("sales:sales.orders", "customer_id", "coupon");
    assertThat(reads(GOVERNANCE).get("audit"))
        .contains("sales:sales.orders", "customer_id", "coupon");
  }

  @Test
  void theOwnerAndTheGovernanceAccountSeeTheExamples() {
    for (Principal p : List.of(SALES, GOVERNANCE)) {
      Map<String, String> answers = reads(p);
      assertThat(answers.get("quality")).contains(PII_EXAMPLE, COUPON_EXAMPLE, COUNTRY_EXAMPLE);
      assertThat(answers.get("runs")).contains(PII_EXAMPLE);
      assertThat(answers.get("lineage")).contains("secret-orders.csv");
      QualityRun run = reader(world, p).qualityHistory(ORDERS, 10).get(0);
      assertThat(run).isEqualTo(SideChannelWorld.failedRun());
    }
  }
}
