package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Misuse: unknown names and identifiers that could smuggle quotes, dots, paths or SQL are refused
 * with a user or not-found error, and change nothing; a refused grant or decision is audited,
 * whatever made it fail.
 */
class BadInputTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x'; DROP TABLE lm_grants; --",
        "a.b",
        "../etc",
        "a/b",
        "a\"b",
        "Sales",
        " sales",
        "sales;",
        ""
      })
  void identifiersThatNeedQuotingNeverReachTheCatalog(String bad) {
    try (MeshWorld world = published()) {
      List<Runnable> attempts =
          List.of(
              () -> Principal.parse(bad),
              () -> Principal.parse("marketing:" + bad),
              () -> TableId.of("sales", bad, "orders"),
              () -> TableId.of("sales", "sales", bad),
              () -> DatabaseId.of(bad, "sales"),
              () -> Resource.columns(ORDERS, List.of(bad)),
              () -> TagTarget.column(ORDERS, bad),
              () -> LfTag.of(bad, "x"),
              () -> Permission.parse(bad));
      for (Runnable attempt : attempts) {
        assertThatThrownBy(attempt::run)
            .isInstanceOf(LakemeshException.class)
            .satisfies(e -> assertThat(((LakemeshException) e).kind()).isEqualTo(ErrorKind.USER));
      }
      assertNothingChanged(world);
    }
  }

  @Test
  void unknownNamesAreRefusedClearlyAndChangeNothing() {
    try (MeshWorld world = published()) {
      Governance g = world.governance;
      world.defineSalesTags();
      int events = world.events().size();

      expect(
          ErrorKind.NOT_FOUND,
          "unknown account 'nobody'",
          () -> g.grant(SALES, Principal.administrator("nobody"), Resource.table(ORDERS), SELECT));
      expect(
          ErrorKind.NOT_FOUND,
          "unknown principal 'marketing:ghost'",
          () -> g.grant(SALES, Principal.of("marketing", "ghost"), Resource.table(ORDERS), SELECT));
      expect(
          ErrorKind.NOT_FOUND,
          "table not found: sales:sales.nope",
          () ->
              g.grant(
                  SALES, MARKETING, Resource.table(TableId.of("sales", "sales", "nope")), SELECT));
      expect(
          ErrorKind.NOT_FOUND,
          "unknown account 'hr'",
          () ->
              g.grant(
                  SALES, MARKETING, Resource.table(TableId.of("hr", "people", "staff")), SELECT));
      expect(
          ErrorKind.NOT_FOUND,
          "database not found: sales:nope",
          () ->
              g.grant(SALES, MARKETING, Resource.database(DatabaseId.of("sales", "nope")), SELECT));
      expect(
          ErrorKind.NOT_FOUND,
          "has no column nope",
          () -> g.grant(SALES, MARKETING, Resource.columns(ORDERS, List.of("nope")), SELECT));
      expect(
          ErrorKind.NOT_FOUND,
          "LF-tag tier is not defined",
          () ->
              g.grant(
                  SALES,
                  MARKETING,
                  Resource.tagPolicy("sales", TagExpression.parse("tier=gold")),
                  SELECT));
      expect(
          ErrorKind.USER,
          "not allowed for LF-tag domain",
          () ->
              g.grant(
                  SALES,
                  MARKETING,
                  Resource.tagPolicy("sales", TagExpression.parse("domain=hr")),
                  SELECT));
      expect(
          ErrorKind.USER,
          "column grants take SELECT only",
          () ->
              g.grant(
                  SALES,
                  MARKETING,
                  Resource.columns(ORDERS, List.of("amount")),
                  Set.of(Permission.DROP)));
      expect(
          ErrorKind.USER,
          "needs at least one permission",
          () -> g.grant(SALES, MARKETING, Resource.table(ORDERS), Set.of()));
      expect(ErrorKind.NOT_FOUND, "no access request 42", () -> g.approve(SALES, 42));
      expect(
          ErrorKind.NOT_FOUND,
          "table not found",
          () -> g.checkSelect(MARKETING, TableId.of("sales", "sales", "nope")));
      expect(
          ErrorKind.NOT_FOUND,
          "LF-tag tier is not defined",
          () -> g.assignTag(SALES, TagTarget.table(ORDERS), "tier", "gold"));
      expect(
          ErrorKind.NOT_FOUND,
          "unknown account 'nowhere'",
          () -> g.createTag(SALES, "nowhere", LfTag.of("tier", "gold")));

      // Every refusal is on record, whatever its kind, and changes nothing.
      List<AuditEvent> added = world.events().subList(events, world.events().size());
      assertThat(added).allMatch(AuditEvent::refused);
      assertThat(added)
          .extracting(AuditEvent::action)
          .containsExactly(
              AuditAction.GRANT,
              AuditAction.GRANT,
              AuditAction.GRANT,
              AuditAction.GRANT,
              AuditAction.GRANT,
              AuditAction.GRANT,
              AuditAction.GRANT,
              AuditAction.GRANT,
              AuditAction.GRANT,
              AuditAction.GRANT,
              AuditAction.APPROVE,
              AuditAction.SELECT,
              AuditAction.TAG_ASSIGN,
              AuditAction.TAG_CREATE);
      assertThat(added.get(8).reason()).contains("column grants take SELECT only");
      assertThat(added.get(10).resource()).isEqualTo("request 42");
      assertThat(added.get(11).resource()).isEqualTo("table sales:sales.nope");
      assertThat(added.get(11).reason()).isEqualTo("table not found: sales:sales.nope");
      assertThat(added.get(12).reason())
          .isEqualTo(
              "LF-tag tier is not defined in catalog governance (the catalog holding"
                  + " sales's products)");
      assertThat(added.get(13).resource()).isEqualTo("LF-tag tier in catalog nowhere");
      assertThat(((SupportsGrants) world.catalog).grantsOn("sales")).isEmpty();
    }
  }

  @Test
  void anUnknownPrincipalIsRefusedEverythingAndAudited() {
    try (MeshWorld world = published()) {
      Governance g = world.governance;
      Principal ghost = Principal.of("marketing", "ghost");
      List<Consumer<Principal>> attempts =
          List.of(
              p -> g.checkSelect(p, ORDERS),
              p -> g.describe(p, ORDERS),
              p -> g.grant(p, MARKETING, Resource.table(ORDERS), SELECT),
              p -> g.requestAccess(p, Resource.table(ORDERS), SELECT),
              p -> g.search(p, SearchQuery.all()),
              p -> g.links(p),
              p -> g.requests(p),
              p -> g.audit(p, AuditQuery.all()),
              p -> g.grants(p),
              p -> g.databases(p),
              p -> g.tables(p, "sales"));
      for (Principal who : List.of(MeshWorld.NOBODY, ghost)) {
        for (Consumer<Principal> attempt : attempts) {
          assertThatThrownBy(() -> attempt.accept(who))
              .isInstanceOf(AccessDeniedException.class)
              .hasMessageContaining("unknown principal " + who);
        }
      }
      // Each attempt once, in the log of the central mesh, the one responsible for every account.
      for (Principal who : List.of(MeshWorld.NOBODY, ghost)) {
        assertThat(world.events("governance"))
            .filteredOn(e -> e.refused() && e.actor().equals(who))
            .hasSize(attempts.size());
      }
    }
  }

  @Test
  void anAuthorisationFailureExitsWithFourAndBadInputWithTwo() {
    assertThat(new AccessDeniedException("x").kind().exitCode()).isEqualTo(4);
    assertThat(ErrorKind.USER.exitCode()).isEqualTo(2);
    assertThat(ErrorKind.NOT_FOUND.exitCode()).isEqualTo(2);
  }

  /** Runs the attempt and checks it fails with an error of this kind and message. */
  static void expect(ErrorKind kind, String message, Runnable attempt) {
    assertThatThrownBy(attempt::run)
        .isInstanceOf(LakemeshException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((LakemeshException) e).kind()).isEqualTo(kind));
  }

  private static void assertNothingChanged(MeshWorld world) {
    assertThat(((SupportsGrants) world.catalog).grantsOn("sales")).isEmpty();
    assertThat(((SupportsAudit) world.catalog).auditEvents(AuditQuery.all()))
        .allMatch(e -> e.action().label().equals("publish"));
  }

  private MeshWorld published() {
    MeshWorld world = open(Topology.CENTRAL);
    world.publish(ORDERS);
    return world;
  }
}
