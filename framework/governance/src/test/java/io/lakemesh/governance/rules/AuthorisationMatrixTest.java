package io.lakemesh.governance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every role against every action on every kind of resource, in every topology, on the embedded
 * catalog. The expected outcomes are written out in {@code authorisation-matrix.txt} beside this
 * class, decided from DESIGN.md's rules, not computed; each case runs on resources of its own
 * (database {@code sales:cN}) so cases never see each other's grants.
 *
 * <p>In every case, before the action: {@code sales} has published {@code sales:cN.orders}
 * (order_id, customer_id, amount, country), tagged its database {@code case=cN}, the table {@code
 * classification=internal} and column customer_id {@code classification=confidential}; the resource
 * R of the row's kind is the database, the table, the columns (order_id, amount), the LF-tag policy
 * {@code case=cN AND classification IN (internal,public)}, or the data filter {@code us_only} that
 * {@code sales} created on the table (rows {@code country = 'US'}, every column but customer_id);
 * {@code marketing} holds SELECT (and DESCRIBE, except on columns and filters) on R with grant
 * option. For governance-authorised, {@code sales} has granted the governance account the same on R
 * with grant option. Approve and deny act on a pending request of {@code finance} for R. Revoke
 * takes SELECT on R from {@code marketing:analyst}, which {@code marketing} re-granted to it.
 *
 * <p>The actions: grant SELECT on R to {@code marketing:analyst}; revoke as above; approve; deny;
 * query (SELECT check on {@code sales:cN.orders}); describe it; create a link to it (or to the
 * database) in the actor's own catalog; tag (assign {@code domain=sales} to the database, the table
 * or column amount (for the filter kind too); for the tag-policy kind, define a new LF-tag in the
 * catalog that holds sales' entries); publish a new version of the table; and for the filter kind
 * only: create another data filter on the table, drop R, and query after {@code sales} dropped R
 * (what its holders read then). A read through the filter must show its columns and keep only its
 * rows. Query-quarantine and describe-quarantine are the SELECT and DESCRIBE checks on the table's
 * quarantine table {@code sales:cN.orders__quarantine}, which no grant on R reaches: only the
 * producer and governance read it.
 *
 * <p>A decision is right when an allowed action succeeds (a read shows the expected columns) and is
 * audited as ALLOWED, and a refused one throws AccessDeniedException naming the principal, changes
 * nothing and is audited as REFUSED, both in the log that records sales' data.
 */
class AuthorisationMatrixTest extends RuleSuite {
  // The expected outcomes, one line per role, action and resource kind (see the file's comment).
  private static final String EXPECTED = "authorisation-matrix.txt";

  enum Role {
    OWNER,
    OTHER_PRODUCER,
    GOVERNANCE,
    GOVERNANCE_AUTHORISED,
    CONSUMER_ADMIN,
    CONSUMER_PRINCIPAL,
    UNKNOWN
  }

  enum Action {
    GRANT,
    REVOKE,
    APPROVE,
    DENY,
    QUERY,
    DESCRIBE,
    CREATE_LINK,
    TAG,
    PUBLISH,
    CREATE_FILTER,
    DROP_FILTER,
    QUERY_AFTER_DROP,
    QUERY_QUARANTINE,
    DESCRIBE_QUARANTINE
  }

  enum Kind {
    DATABASE,
    TABLE,
    COLUMNS,
    TAG_POLICY,
    FILTER
  }

  enum Outcome {
    ALLOW,
    DENY,
    NA
  }

  record Row(Role role, Action action, Kind kind, Map<Topology, Outcome> expected) {}

  /**
   * The rules each action is sent to: in process here; the catalog server's tests send every action
   * over HTTP with the actor's token. Cases are arranged in process either way.
   */
  GovernanceService service(MeshWorld world) {
    return world.governance;
  }

  /** How the actions reach the rules, for the printed summary. */
  String transport() {
    return "in process";
  }

  @Test
  void everyRoleActionResourceKindAndTopologyIsDecidedAsTheTableSays() throws Exception {
    List<Row> rows = parse(expectedTable());
    assertThat(rows).hasSize(Role.values().length * Action.values().length * Kind.values().length);
    // One world per topology, opened one after another and decided side by side: each keeps its
    // state apart (a store, and on AWS names, of its own), and the services beneath answer requests
    // concurrently, as they do for a server's clients. On the loopback AWS services a case waits on
    // round trips most of its time.
    Map<Topology, MeshWorld> worlds = new EnumMap<>(Topology.class);
    ExecutorService pool = Executors.newFixedThreadPool(Topology.values().length);
    try {
      for (Topology topology : Topology.values()) {
        MeshWorld world = open(topology);
        worlds.put(topology, world);
        world.defineSalesTags();
        world.governance.createTag(
            Principal.administrator(world.salesTagCatalog()),
            world.salesTagCatalog(),
            LfTag.of(
                "case", IntStream.rangeClosed(1, rows.size()).mapToObj(i -> "c" + i).toList()));
        service(world); // a server over the world, if any, started before the threads share them
      }
      Map<Topology, Future<Decided>> decided = new EnumMap<>(Topology.class);
      worlds.forEach((t, world) -> decided.put(t, pool.submit(() -> decide(world, t, rows))));
      int cases = 0;
      List<String> wrong = new ArrayList<>();
      for (Future<Decided> d : decided.values()) {
        cases += d.get().cases();
        wrong.addAll(d.get().wrong());
      }
      report(rows, cases, wrong);
    } finally {
      pool.shutdownNow();
      worlds.values().forEach(MeshWorld::close);
    }
  }

  /** How many cases a world ran, and those decided wrong, one line each. */
  private record Decided(int cases, List<String> wrong) {}

  /** Runs a topology's applicable cases in its world. */
  private Decided decide(MeshWorld world, Topology topology, List<Row> rows) {
    List<String> wrong = new ArrayList<>();
    int cases = 0;
    int n = 0;
    for (Row row : rows) {
      n++;
      Outcome expected = row.expected().get(topology);
      if (expected == Outcome.NA) {
        continue;
      }
      cases++;
      String problem = new AuthorisationMatrixCase(world, service(world), n, row).run(expected);
      if (problem != null) {
        wrong.add(
            topology.configName()
                + " "
                + row.role()
                + " "
                + row.action()
                + " "
                + row.kind()
                + ": "
                + problem);
      }
    }
    return new Decided(cases, wrong);
  }

  private void report(List<Row> rows, int cases, List<String> wrong) {
    int right = cases - wrong.size();
    System.out.printf(
        "authorisation matrix of %s (%s): %d roles x %d actions x %d resource kinds x %d topologies = %d"
            + " cells, %d applicable cases, %d decided right, %d wrong%n",
        getClass().getSimpleName(),
        transport(),
        Role.values().length,
        Action.values().length,
        Kind.values().length,
        Topology.values().length,
        rows.size() * Topology.values().length,
        cases,
        right,
        wrong.size());
    wrong.forEach(w -> System.out.println("  WRONG " + w));
    assertThat(wrong).isEmpty();
    assertThat(right).isEqualTo(cases).isEqualTo(1092);
  }

  private static String expectedTable() {
    try (InputStream in = AuthorisationMatrixTest.class.getResourceAsStream(EXPECTED)) {
      assertThat(in).as(EXPECTED + " on the test class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Row> parse(String table) {
    List<Row> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String line : table.strip().split("\n")) {
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      String[] f = line.strip().split("\\s+");
      assertThat(f).as("row " + line).hasSize(6);
      assertThat(seen.add(f[0] + " " + f[1] + " " + f[2])).as("duplicate row " + line).isTrue();
      rows.add(
          new Row(
              Role.valueOf(constant(f[0])),
              Action.valueOf(constant(f[1])),
              Kind.valueOf(constant(f[2])),
              Map.of(
                  Topology.CENTRAL, Outcome.valueOf(constant(f[3])),
                  Topology.LOB_FEDERATED, Outcome.valueOf(constant(f[4])),
                  Topology.FEDERATED, Outcome.valueOf(constant(f[5])))));
    }
    return rows;
  }

  private static String constant(String text) {
    return text.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
