package io.lakemesh.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidIdentifierException;
import io.lakemesh.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The value objects: parsing, validation, coverage and the request state machine. */
class GovernanceModelTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  void principalsAreAccountsOrNamesInsideThem() {
    assertThat(Principal.parse("marketing")).isEqualTo(Principal.administrator("marketing"));
    assertThat(Principal.parse("marketing:analyst").name()).isEqualTo("analyst");
    assertThat(Principal.parse("retail-gov").isAdministratorOf("retail-gov")).isTrue();
    assertThat(Principal.parse("marketing:analyst").isAdministrator()).isFalse();
    assertThat(Principal.parse("marketing:analyst")).hasToString("marketing:analyst");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "marketing:",
        ":analyst",
        "a:b:c",
        "Marketing",
        "x'; drop",
        "a.b",
        "a/b",
        "a b",
        "mkt:ana lyst",
        "mkt:an\"alyst"
      })
  void principalsThatNeedQuotingAreRefused(String bad) {
    assertThatThrownBy(() -> Principal.parse(bad))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("invalid principal name")
        .hasMessageContaining("ACCOUNT or ACCOUNT:NAME");
  }

  @Test
  void permissionsParseAndAllImpliesTheRest() {
    assertThat(Permission.parseList("select, Describe"))
        .containsExactly(Permission.SELECT, Permission.DESCRIBE);
    assertThat(Permission.SELECT.isIn(Set.of(Permission.ALL))).isTrue();
    assertThat(Permission.covers(Set.of(Permission.ALL), EnumSet.allOf(Permission.class))).isTrue();
    assertThat(Permission.covers(Set.of(Permission.SELECT), Set.of(Permission.DESCRIBE))).isFalse();
    assertThatThrownBy(() -> Permission.parse("READ"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("'READ'")
        .hasMessageContaining("SELECT, DESCRIBE, INSERT, DELETE, ALTER, DROP, ALL");
    assertThatThrownBy(() -> Permission.parseList("SELECT,"))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void tagExpressionsParseToACanonicalForm() {
    TagExpression e = TagExpression.parse("domain=sales AND classification IN (public, internal)");
    assertThat(e).hasToString("classification IN (internal,public) AND domain=sales");
    assertThat(TagExpression.parse(e.toString())).isEqualTo(e);
    assertThat(TagExpression.parse("domain = sales and classification in(public)"))
        .hasToString("classification=public AND domain=sales");
    assertThat(e.matches(Map.of("domain", "sales", "classification", "internal", "x", "y")))
        .isTrue();
    assertThat(e.matches(Map.of("domain", "sales", "classification", "confidential"))).isFalse();
    assertThat(e.matches(Map.of("domain", "sales"))).isFalse();
    assertThat(e.keys()).containsExactly("classification", "domain");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "domain=sales OR domain=finance",
        "NOT domain=sales",
        "(domain=sales)",
        "domain!=sales",
        "domain=sales AND",
        "domain IN ()",
        "domain IN (a,,b)",
        "domain=sales AND domain=finance",
        "domain='sales'; DROP TABLE lm_grants",
        "Domain=sales",
        "domain",
        ""
      })
  void anythingButAndOfTermsIsRefusedClearly(String bad) {
    assertThatThrownBy(() -> TagExpression.parse(bad))
        .isInstanceOfAny(InvalidRequestException.class, InvalidIdentifierException.class)
        .satisfies(err -> assertThat(err.getMessage()).isNotBlank());
  }

  @Test
  void tagExpressionErrorsSayWhatIsAccepted() {
    assertThatThrownBy(() -> TagExpression.parse("domain=sales OR domain=finance"))
        .hasMessageContaining("at 'domain=sales OR domain=finance'")
        .hasMessageContaining("key=value or key IN (v1,v2) joined by AND");
  }

  @Test
  void resourcesCoverWhatTheyContain() {
    Resource db = Resource.database(ORDERS.databaseId());
    Resource table = Resource.table(ORDERS);
    Resource some = Resource.columns(ORDERS, List.of("amount", "order_id"));
    Resource one = Resource.columns(ORDERS, List.of("amount"));
    Resource allButPii = Resource.allColumnsExcept(ORDERS, List.of("customer_id"));
    Resource policy = Resource.tagPolicy("sales", TagExpression.parse("domain=sales"));

    assertThat(db.covers(table)).isTrue();
    assertThat(db.covers(some)).isTrue();
    assertThat(db.covers(Resource.database(DatabaseId.of("sales", "other")))).isFalse();
    assertThat(table.covers(some)).isTrue();
    assertThat(table.covers(db)).isFalse();
    assertThat(some.covers(one)).isTrue();
    assertThat(one.covers(some)).isFalse();
    assertThat(allButPii.covers(one)).isTrue();
    assertThat(allButPii.covers(Resource.columns(ORDERS, List.of("customer_id")))).isFalse();
    assertThat(
            allButPii.covers(Resource.allColumnsExcept(ORDERS, List.of("customer_id", "amount"))))
        .isTrue();
    assertThat(some.covers(allButPii)).isFalse();
    assertThat(policy.covers(policy)).isTrue();
    assertThat(policy.covers(table)).isFalse();
    assertThat(Resource.columns(ORDERS, List.of("b", "a")))
        .isEqualTo(Resource.columns(ORDERS, List.of("a", "b")));
    assertThat(allButPii).hasToString("table sales:sales.orders (all columns except customer_id)");
    assertThat(policy).hasToString("LF-tag policy sales:(domain=sales)");
  }

  @Test
  void columnGrantsShowTheirColumnsInTableOrder() {
    List<Column> columns =
        List.of(
            new Column("order_id", "string", false, "", false),
            new Column("customer_id", "string", true, "", true),
            new Column("amount", "decimal(12,2)", true, "", false));
    Resource.TableWithColumns some = Resource.columns(ORDERS, List.of("amount", "order_id"));
    assertThat(some.visible(columns))
        .extracting(Column::name)
        .containsExactly("order_id", "amount");
    assertThat(Resource.allColumnsExcept(ORDERS, List.of("customer_id")).visible(columns))
        .extracting(Column::name)
        .containsExactly("order_id", "amount");
    assertThatThrownBy(() -> new Resource.TableWithColumns(ORDERS, List.of("a"), List.of("b")))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Resource.columns(ORDERS, List.of("a;b")))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void theRequestStateMachineAllowsOnlyItsMoves() {
    assertThat(AccessRequest.State.PENDING.next())
        .containsExactlyInAnyOrder(AccessRequest.State.ACTIVE, AccessRequest.State.DENIED);
    assertThat(AccessRequest.State.DENIED.next()).containsExactly(AccessRequest.State.ACTIVE);
    assertThat(AccessRequest.State.ACTIVE.next()).containsExactly(AccessRequest.State.REVOKED);
    assertThat(AccessRequest.State.REVOKED.next()).containsExactly(AccessRequest.State.PENDING);

    Principal sales = Principal.administrator("sales");
    AccessRequest pending =
        AccessRequest.pending(
                Principal.parse("marketing"), Resource.table(ORDERS), Set.of(Permission.SELECT), T)
            .withId(7);
    AccessRequest denied = pending.denied(sales, "not yet", T);
    AccessRequest active =
        denied.approved(sales, Resource.table(ORDERS), Set.of(Permission.SELECT), T);
    AccessRequest revoked = active.revoked(sales, T);
    AccessRequest again = revoked.reopened(Resource.table(ORDERS), Set.of(Permission.SELECT), T);
    assertThat(List.of(pending, denied, active, revoked, again))
        .extracting(AccessRequest::state)
        .containsExactly(
            AccessRequest.State.PENDING,
            AccessRequest.State.DENIED,
            AccessRequest.State.ACTIVE,
            AccessRequest.State.REVOKED,
            AccessRequest.State.PENDING);

    assertThatThrownBy(() -> active.denied(sales, "too late", T))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "request 7 is ACTIVE and cannot become DENIED (from ACTIVE it may only become"
                + " REVOKED)");
    assertThatThrownBy(() -> pending.revoked(sales, T)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> denied.denied(sales, "again", T))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(
            () -> active.approved(sales, Resource.table(ORDERS), Set.of(Permission.SELECT), T))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> pending.reopened(Resource.table(ORDERS), Set.of(Permission.SELECT), T))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> pending.denied(sales, " ", T)).hasMessageContaining("needs a reason");
    assertThatThrownBy(
            () ->
                AccessRequest.pending(
                    sales,
                    Resource.tagPolicy("sales", TagExpression.parse("a=b")),
                    Set.of(Permission.SELECT),
                    T))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aJustificationIsTrimmedPlainTextOfAtMostAThousandCharacters() {
    Principal marketing = Principal.parse("marketing");
    Set<Permission> select = Set.of(Permission.SELECT);
    assertThat(
            AccessRequest.pending(marketing, Resource.table(ORDERS), select, null, T)
                .justification())
        .isEmpty();
    assertThat(
            AccessRequest.pending(marketing, Resource.table(ORDERS), select, "\tA.\n\tB. ", T)
                .justification())
        .isEqualTo("A.\n\tB.");
    assertThat(
            AccessRequest.pending(marketing, Resource.table(ORDERS), select, "y".repeat(1000), T)
                .justification())
        .hasSize(1000);
    assertThatThrownBy(
            () ->
                AccessRequest.pending(
                    marketing, Resource.table(ORDERS), select, "y".repeat(1001), T))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "a justification is at most 1000 characters, this one has 1001; say in a few"
                + " sentences why the access is needed");
    assertThatThrownBy(
            () -> AccessRequest.pending(marketing, Resource.table(ORDERS), select, "a\u0000b", T))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("plain text");
  }

  @Test
  void effectiveTagsFlowDownAndAreOverriddenBelow() {
    List<Column> columns =
        List.of(
            new Column("order_id", "string", false, "", false),
            new Column("customer_id", "string", true, "", true));
    List<TagAssignment> assignments =
        List.of(
            new TagAssignment(TagTarget.database(ORDERS.databaseId()), "domain", "sales"),
            new TagAssignment(TagTarget.database(ORDERS.databaseId()), "classification", "public"),
            new TagAssignment(TagTarget.table(ORDERS), "classification", "internal"),
            new TagAssignment(
                TagTarget.column(ORDERS, "customer_id"), "classification", "confidential"));

    EffectiveTags tags =
        EffectiveTags.of(
            ORDERS, columns, assignments, Map.of("classification", "public", "tier", "gold"));

    assertThat(tags.database()).containsEntry("classification", "public");
    assertThat(tags.tableLevel())
        .containsEntry("classification", "internal")
        .containsEntry("domain", "sales")
        .containsEntry("tier", "gold");
    assertThat(tags.column("order_id"))
        .containsEntry("classification", "internal")
        .containsEntry("domain", "sales");
    assertThat(tags.column("customer_id"))
        .containsEntry("classification", "confidential")
        .containsEntry("domain", "sales");
    assertThat(tags.matching(TagExpression.parse("classification=internal"), columns))
        .extracting(Column::name)
        .containsExactly("order_id");
  }

  @Test
  void lfTagsValidateKeysAndValues() {
    LfTag tag = LfTag.of("classification", "public", "internal");
    assertThat(tag.allowedValues()).containsExactly("internal", "public");
    assertThatThrownBy(() -> tag.requireAllowed("secret"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "value 'secret' is not allowed for LF-tag classification (allowed: internal, public)");
    assertThatThrownBy(() -> LfTag.of("Class")).isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(() -> LfTag.of("class", "a'b"))
        .isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(() -> LfTag.of("class", List.of()))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void defaultLinksAreNamedWithTheLinkSuffix() {
    assertThat(ResourceLink.defaultTableLink("marketing", ORDERS).link())
        .isEqualTo(TableId.of("marketing", "sales_link", "orders"));
    assertThat(ResourceLink.defaultDatabaseLink("marketing", ORDERS.databaseId()).link())
        .isEqualTo(DatabaseId.of("marketing", "sales_link"));
    assertThat(
            ResourceLink.defaultDatabaseLink("marketing", ORDERS.databaseId())
                .targetTable("orders"))
        .isEqualTo(ORDERS);
  }
}
