package io.lakemesh.catalog;

import static io.lakemesh.catalog.CatalogFixtures.T0;
import static io.lakemesh.governance.GrantFixtures.grantOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.CommitConflictException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditChain;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of the governance capabilities ({@link SupportsGrants}, {@link
 * SupportsTags}, {@link SupportsLinks}, {@link SupportsAccessRequests}, {@link SupportsAudit},
 * {@link SupportsTransactions}) and of table search ({@link SupportsTableSearch}, or the scan that
 * stands in for it). Storage only: no test here decides who may do what. A backend subclasses it
 * and returns a fresh, empty catalog from {@link #newCatalog}; tests of capabilities it lacks are
 * skipped.
 */
public abstract class GovernanceStorageTests extends CatalogContract {
  protected static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  protected static final TableId RETURNS = TableId.of("sales", "sales", "returns");
  protected static final TableId STOCK = TableId.of("product", "product", "inventory");
  protected static final Principal SALES = Principal.administrator("sales");
  protected static final Principal MARKETING = Principal.administrator("marketing");
  protected static final Principal ANALYST = Principal.of("marketing", "analyst");

  // ---- grants

  @Test
  void aNewGrantGetsAnIdAndReadsBackExactly() {
    Grant stored =
        grants().addGrant(grant(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT)));

    assertThat(stored.id()).isPositive();
    assertThat(grants().findGrant(MARKETING, Resource.table(ORDERS))).contains(stored);
    assertThat(grants().findGrant(stored.id())).contains(stored);
    assertThat(grants().findGrant(ANALYST, Resource.table(ORDERS))).isEmpty();
    assertThat(grants().findGrant(stored.id() + 1000)).isEmpty();
  }

  @Test
  void aGrantsExpiryAndItsNoticeReadBackAndTheNoticeMovesOnce() {
    Instant expires = Instant.parse("2027-01-31T00:00:00Z");
    Grant stored =
        grants()
            .addGrant(
                grant(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT))
                    .expiring(expires));
    Grant never =
        grants().addGrant(grant(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT)));

    assertThat(grants().findGrant(stored.id()).orElseThrow().expires()).isEqualTo(expires);
    assertThat(grants().findGrant(never.id()).orElseThrow().expires()).isNull();
    assertThat(grants().grantsExpiringBy(expires.minusSeconds(1))).isEmpty();
    assertThat(grants().grantsExpiringBy(expires))
        .extracting(Grant::id)
        .containsExactly(stored.id());

    assertThat(
            grants().noteExpiry(stored.id(), Grant.ExpiryNotice.NONE, Grant.ExpiryNotice.EXPIRING))
        .isTrue();
    assertThat(
            grants().noteExpiry(stored.id(), Grant.ExpiryNotice.NONE, Grant.ExpiryNotice.EXPIRING))
        .isFalse();
    assertThat(
            grants()
                .noteExpiry(stored.id(), Grant.ExpiryNotice.EXPIRING, Grant.ExpiryNotice.EXPIRED))
        .isTrue();
    Grant expired = grants().findGrant(stored.id()).orElseThrow();
    assertThat(expired.notice()).isEqualTo(Grant.ExpiryNotice.EXPIRED);
    assertThat(expired.permissions()).containsExactly(Permission.SELECT);
    assertThat(grants().grantsExpiringBy(expires.plusSeconds(60))).isEmpty();
    assertThat(grants().noteExpiry(9999, Grant.ExpiryNotice.NONE, Grant.ExpiryNotice.EXPIRED))
        .isFalse();
  }

  @Test
  void anApprovalsExpiryReadsBack() {
    Instant expires = Instant.parse("2027-01-31T00:00:00Z");
    AccessRequest asked =
        requests()
            .createRequest(
                AccessRequest.pending(
                    MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT), T0));
    requests()
        .updateRequest(
            asked.approved(
                SALES, Resource.table(ORDERS), Set.of(Permission.SELECT), T0, expires),
            AccessRequest.State.PENDING);

    assertThat(requests().findRequest(asked.id()).orElseThrow().expires()).isEqualTo(expires);
    assertThat(asked.expires()).isNull();
  }

  @Test
  void grantingAgainAddsToTheSameEntry() {
    Grant first =
        grants().addGrant(grant(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT)));
    Grant again =
        grantOf(MARKETING, Resource.table(ORDERS), Permission.DESCRIBE)
            .grantable(Set.of(Permission.DESCRIBE))
            .authorisation(Authorisation.request(7))
            .grantedAt(T0.plusSeconds(60))
            .build();

    Grant merged = grants().addGrant(again);

    assertThat(merged.id()).isEqualTo(first.id());
    assertThat(merged.permissions()).containsExactly(Permission.SELECT, Permission.DESCRIBE);
    assertThat(merged.grantable()).containsExactly(Permission.DESCRIBE);
    assertThat(merged.grantor()).isEqualTo(Principal.administrator("governance"));
    assertThat(merged.authorisationRef()).contains(Authorisation.request(7));
    assertThat(merged.catalog()).isEqualTo("governance");
    assertThat(grants().findGrant(first.id())).contains(merged);
  }

  @Test
  void entriesAreKeptPerGranteeAndResource() {
    Resource someColumns = Resource.columns(ORDERS, List.of("order_id", "amount"));
    Resource sameColumnsReordered = Resource.columns(ORDERS, List.of("amount", "order_id"));
    Resource otherColumns = Resource.allColumnsExcept(ORDERS, List.of("amount", "order_id"));
    Grant a = grants().addGrant(grant(MARKETING, someColumns, Set.of(Permission.SELECT)));
    Grant b = grants().addGrant(grant(MARKETING, sameColumnsReordered, Set.of(Permission.SELECT)));
    Grant c = grants().addGrant(grant(MARKETING, otherColumns, Set.of(Permission.SELECT)));
    Grant d = grants().addGrant(grant(ANALYST, someColumns, Set.of(Permission.SELECT)));

    assertThat(b.id()).isEqualTo(a.id());
    assertThat(List.of(a.id(), c.id(), d.id())).doesNotHaveDuplicates();
    assertThat(grants().findGrant(MARKETING, otherColumns).orElseThrow().resource())
        .isEqualTo(otherColumns);
  }

  @Test
  void grantsAreFoundByTheAuthorityTheyRestOn() {
    Grant option =
        grants()
            .addGrant(
                grantable(
                    MARKETING,
                    Resource.table(ORDERS),
                    Set.of(Permission.SELECT),
                    Set.of(Permission.SELECT)));
    Grant onOption = grants().addGrant(regrant(ANALYST, ORDERS, Authorisation.grant(option.id())));
    Grant onRequest = grants().addGrant(regrant(ANALYST, RETURNS, Authorisation.request(7)));
    // A second re-grant on the same option: what the option covers, to another principal.
    Grant alsoOnOption =
        grants()
            .addGrant(
                regrant(Principal.of("marketing", "lead"), ORDERS, Authorisation.grant(option.id())));

    assertThat(grants().grantsAuthorisedBy(Authorisation.grant(option.id())))
        .containsExactly(onOption, alsoOnOption);
    assertThat(grants().grantsAuthorisedBy(Authorisation.request(7))).containsExactly(onRequest);
    assertThat(grants().grantsAuthorisedBy(Authorisation.request(option.id()))).isEmpty();
    assertThat(grants().grantsAuthorisedBy(Authorisation.grant(onRequest.id()))).isEmpty();
  }

  private static Grant regrant(Principal grantee, TableId table, Authorisation authority) {
    return grantOf(grantee, Resource.table(table), Permission.SELECT)
        .catalog("marketing")
        .grantor(MARKETING)
        .authorisation(authority)
        .build();
  }

  @Test
  void removingPermissionsKeepsTheRestAndDeletesAnEmptyEntry() {
    Resource table = Resource.table(ORDERS);
    grants()
        .addGrant(
            grantable(
                MARKETING,
                table,
                Set.of(Permission.SELECT, Permission.DESCRIBE),
                Set.of(Permission.SELECT)));

    Grant left = grants().removeGrant(MARKETING, table, Set.of(Permission.SELECT)).orElseThrow();
    assertThat(left.permissions()).containsExactly(Permission.DESCRIBE);
    assertThat(left.grantable()).isEmpty();
    assertThat(grants().findGrant(MARKETING, table)).contains(left);

    assertThat(grants().removeGrant(MARKETING, table, Set.of(Permission.DESCRIBE))).isEmpty();
    assertThat(grants().findGrant(MARKETING, table)).isEmpty();
    assertThat(grants().removeGrant(MARKETING, table, Set.of(Permission.DESCRIBE))).isEmpty();
  }

  @Test
  void everyResourceKindRoundTrips() {
    List<Resource> resources =
        List.of(
            Resource.database(ORDERS.databaseId()),
            Resource.table(ORDERS),
            Resource.columns(ORDERS, List.of("order_id")),
            Resource.allColumnsExcept(ORDERS, List.of("customer_id", "amount")),
            Resource.tagPolicy(
                "sales",
                TagExpression.parse("domain=sales AND classification IN (public,internal)")));
    for (Resource resource : resources) {
      Set<Permission> permissions =
          resource.kind() == Resource.Kind.TABLE_WITH_COLUMNS
              ? Set.of(Permission.SELECT)
              : Set.of(Permission.ALL);
      Grant stored = grants().addGrant(grant(ANALYST, resource, permissions));
      assertThat(grants().findGrant(stored.id())).contains(stored);
      assertThat(stored.resource()).isEqualTo(resource);
    }
  }

  @Test
  void grantsCoveringATableAreItsOwnItsColumnsItsDatabaseAndItsCatalogsPolicies() {
    Grant onTable =
        grants().addGrant(grant(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT)));
    Grant onColumns =
        grants()
            .addGrant(
                grant(
                    MARKETING,
                    Resource.columns(ORDERS, List.of("amount")),
                    Set.of(Permission.SELECT)));
    Grant onDatabase =
        grants()
            .addGrant(
                grant(
                    MARKETING,
                    Resource.database(ORDERS.databaseId()),
                    Set.of(Permission.DESCRIBE)));
    Grant onPolicy =
        grants()
            .addGrant(
                grant(
                    MARKETING,
                    Resource.tagPolicy("sales", TagExpression.parse("domain=sales")),
                    Set.of(Permission.SELECT)));
    // None of these bears on sales.orders for marketing.
    grants().addGrant(grant(MARKETING, Resource.table(RETURNS), Set.of(Permission.SELECT)));
    grants().addGrant(grant(MARKETING, Resource.table(STOCK), Set.of(Permission.SELECT)));
    grants()
        .addGrant(
            grant(MARKETING, Resource.database(STOCK.databaseId()), Set.of(Permission.SELECT)));
    grants()
        .addGrant(
            grant(
                MARKETING,
                Resource.tagPolicy("product", TagExpression.parse("domain=sales")),
                Set.of(Permission.SELECT)));
    grants()
        .addGrant(
            grant(
                MARKETING,
                Resource.database(DatabaseId.of("sales", "archive")),
                Set.of(Permission.SELECT)));
    grants().addGrant(grant(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT)));

    assertThat(grants().grantsCovering(MARKETING, ORDERS))
        .containsExactlyInAnyOrder(onTable, onColumns, onDatabase, onPolicy);
    assertThat(grants().grantsCovering(MARKETING, ORDERS.databaseId()))
        .containsExactlyInAnyOrder(onDatabase, onPolicy);
    assertThat(grants().grantsCovering(Principal.of("marketing", "nobody"), ORDERS)).isEmpty();
  }

  @Test
  void grantsAreListedByResourceCatalogHolderAndGranteeAccount() {
    Grant held =
        grants().addGrant(grant(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT)));
    Grant toAnalyst =
        grants().addGrant(grant(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT)));
    Grant elsewhere =
        grants()
            .addGrant(
                grantOf(Principal.administrator("finance"), Resource.table(STOCK), Permission.SELECT)
                    .catalog("product")
                    .grantor(Principal.administrator("product"))
                    .build());

    assertThat(grants().grantsOn("sales")).containsExactly(held, toAnalyst);
    assertThat(grants().grantsOn("product")).containsExactly(elsewhere);
    assertThat(grants().grantsHeldIn("governance")).containsExactly(held, toAnalyst);
    assertThat(grants().grantsToAccount("marketing")).containsExactly(held, toAnalyst);
    assertThat(grants().grantsToAccount("finance")).containsExactly(elsewhere);
    assertThat(grants().grantsToAccount("market")).isEmpty();
  }

  @Test
  void concurrentGrantsOnOneEntryLoseNoPermission() throws Exception {
    List<Permission> each =
        List.of(Permission.SELECT, Permission.DESCRIBE, Permission.INSERT, Permission.ALTER);
    for (int round = 0; round < 8; round++) {
      Resource table = Resource.table(TableId.of("sales", "sales", "t" + round));
      List<Callable<Void>> tasks = new ArrayList<>();
      for (Permission p : each) {
        tasks.add(
            () -> {
              ConcurrentRuns.retryingConflicts(
                  () -> grants().addGrant(grant(MARKETING, table, Set.of(p))));
              return null;
            });
      }
      ConcurrentRuns.together(tasks);

      assertThat(grants().findGrant(MARKETING, table).orElseThrow().permissions())
          .as("round " + round)
          .containsExactlyInAnyOrderElementsOf(each);
    }
  }

  @Test
  void theCatalogsGrantedToAnAccountAreThoseOfItsGrants() {
    grants().addGrant(grant(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT)));
    grants()
        .addGrant(
            grant(MARKETING, Resource.columns(STOCK, List.of("sku")), Set.of(Permission.SELECT)));
    grants()
        .addGrant(
            grant(
                MARKETING,
                Resource.tagPolicy("finance", TagExpression.parse("classification=public")),
                Set.of(Permission.SELECT)));
    grants().addGrant(grant(SALES, Resource.table(STOCK), Set.of(Permission.SELECT)));

    assertThat(grants().catalogsGrantedTo("marketing"))
        .containsExactly("finance", "product", "sales");
    assertThat(grants().catalogsGrantedTo("sales")).containsExactly("product");
    assertThat(grants().catalogsGrantedTo("hr")).isEmpty();

    grants().removeGrant(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT));

    assertThat(grants().catalogsGrantedTo("marketing")).containsExactly("finance", "product");
  }

  // ---- LF-tags

  @Test
  void tagsAreDefinedPerCatalogOnce() {
    tags().createTag("governance", LfTag.of("domain", "sales", "finance"));
    tags().createTag("retail-gov", LfTag.of("domain", "sales"));

    assertThat(tags().findTag("governance", "domain"))
        .contains(LfTag.of("domain", "finance", "sales"));
    assertThat(tags().findTag("retail-gov", "domain")).contains(LfTag.of("domain", "sales"));
    assertThat(tags().findTag("finance-gov", "domain")).isEmpty();
    assertThatThrownBy(() -> tags().createTag("governance", LfTag.of("domain", "x")))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("domain");
    tags().createTag("governance", LfTag.of("classification", "public"));
    assertThat(tags().listTags("governance"))
        .extracting(LfTag::key)
        .containsExactly("classification", "domain");
  }

  @Test
  void assigningAKeyAgainReplacesItsValueOnThatTargetOnly() {
    TagTarget table = TagTarget.table(ORDERS);
    tags().assignTag(new TagAssignment(table, "classification", "internal"));
    tags()
        .assignTag(
            new TagAssignment(TagTarget.database(ORDERS.databaseId()), "classification", "public"));
    tags().assignTag(new TagAssignment(table, "classification", "confidential"));

    assertThat(tags().tagsOf(ORDERS))
        .containsExactlyInAnyOrder(
            new TagAssignment(TagTarget.database(ORDERS.databaseId()), "classification", "public"),
            new TagAssignment(table, "classification", "confidential"));
    assertThat(tags().removeTag(table, "classification")).isTrue();
    assertThat(tags().removeTag(table, "classification")).isFalse();
    assertThat(tags().tagsOf(ORDERS))
        .extracting(TagAssignment::target)
        .containsExactly(TagTarget.database(ORDERS.databaseId()));
  }

  @Test
  void tagsOfATableAreThoseOfItsDatabaseItselfAndItsColumns() {
    TagAssignment onDatabase =
        new TagAssignment(TagTarget.database(ORDERS.databaseId()), "domain", "sales");
    TagAssignment onTable =
        new TagAssignment(TagTarget.table(ORDERS), "classification", "internal");
    TagAssignment onColumn =
        new TagAssignment(
            TagTarget.column(ORDERS, "customer_id"), "classification", "confidential");
    List.of(
            onDatabase,
            onTable,
            onColumn,
            new TagAssignment(TagTarget.table(RETURNS), "classification", "public"),
            new TagAssignment(TagTarget.column(RETURNS, "customer_id"), "classification", "public"),
            new TagAssignment(TagTarget.database(STOCK.databaseId()), "domain", "product"))
        .forEach(tags()::assignTag);

    assertThat(tags().tagsOf(ORDERS)).containsExactlyInAnyOrder(onDatabase, onTable, onColumn);
    assertThat(tags().tagsOf(ORDERS.databaseId())).containsExactly(onDatabase);
  }

  // ---- resource links

  @Test
  void linksAreStoredPerCatalogUnderAUniqueName() {
    ResourceLink.TableLink table = ResourceLink.defaultTableLink("marketing", ORDERS);
    ResourceLink.DatabaseLink database =
        ResourceLink.defaultDatabaseLink("marketing", STOCK.databaseId());
    links().createLink(table);
    links().createLink(database);
    links().createLink(ResourceLink.defaultTableLink("finance", ORDERS));

    assertThat(links().findTableLink(table.link())).contains(table);
    assertThat(links().findDatabaseLink(database.link())).contains(database);
    assertThat(links().findDatabaseLink(DatabaseId.of("marketing", "sales_link"))).isEmpty();
    assertThat(links().findTableLink(TableId.of("marketing", "product_link", "inventory")))
        .isEmpty();
    assertThat(links().listLinks("marketing")).containsExactly(database, table);
    assertThatThrownBy(() -> links().createLink(new ResourceLink.TableLink(table.link(), RETURNS)))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("marketing:sales_link.orders");

    assertThat(links().dropLink(table)).isTrue();
    assertThat(links().dropLink(table)).isFalse();
    assertThat(links().listLinks("marketing")).containsExactly(database);
  }

  // ---- access requests

  @Test
  void requestsGetIncreasingIdsAndReadBackExactly() {
    AccessRequest first =
        requests()
            .createRequest(
                AccessRequest.pending(
                    MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT), T0));
    AccessRequest second =
        requests()
            .createRequest(
                AccessRequest.pending(
                    ANALYST,
                    Resource.columns(ORDERS, List.of("amount", "country")),
                    Set.of(Permission.SELECT),
                    T0.plusSeconds(1)));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(requests().findRequest(first.id())).contains(first);
    assertThat(requests().findRequest(second.id())).contains(second);
    assertThat(requests().findRequest(second.id() + 100)).isEmpty();
  }

  @Test
  void decisionsAreStoredWithWhatWasGranted() {
    AccessRequest asked =
        requests()
            .createRequest(
                AccessRequest.pending(
                    MARKETING,
                    Resource.table(ORDERS),
                    Set.of(Permission.SELECT, Permission.DESCRIBE),
                    T0));
    AccessRequest approved =
        asked.approved(
            SALES,
            Resource.allColumnsExcept(ORDERS, List.of("customer_id")),
            Set.of(Permission.SELECT),
            T0.plusSeconds(5));

    assertThat(requests().updateRequest(approved, AccessRequest.State.PENDING)).isEqualTo(approved);
    assertThat(requests().findRequest(asked.id())).contains(approved);

    AccessRequest revoked = approved.revoked(SALES, T0.plusSeconds(9));
    requests().updateRequest(revoked, AccessRequest.State.ACTIVE);
    AccessRequest reopened =
        revoked.reopened(
            Resource.database(ORDERS.databaseId()),
            Set.of(Permission.DESCRIBE),
            T0.plusSeconds(12));
    requests().updateRequest(reopened, AccessRequest.State.REVOKED);
    assertThat(requests().findRequest(asked.id())).contains(reopened);
  }

  @Test
  void aJustificationIsStoredKeptThroughDecisionsAndReplacedWhenAskedAgain() {
    AccessRequest asked =
        requests()
            .createRequest(
                AccessRequest.pending(
                    MARKETING,
                    Resource.table(ORDERS),
                    Set.of(Permission.SELECT),
                    "Weekly revenue report.\nJoins orders to campaigns.",
                    T0));
    assertThat(requests().findRequest(asked.id()).orElseThrow().justification())
        .isEqualTo("Weekly revenue report.\nJoins orders to campaigns.");

    AccessRequest approved =
        asked.approved(SALES, Resource.table(ORDERS), Set.of(Permission.SELECT), T0.plusSeconds(1));
    requests().updateRequest(approved, AccessRequest.State.PENDING);
    AccessRequest revoked = approved.revoked(MARKETING, T0.plusSeconds(2));
    requests().updateRequest(revoked, AccessRequest.State.ACTIVE);
    assertThat(requests().findRequest(asked.id()).orElseThrow().justification())
        .isEqualTo("Weekly revenue report.\nJoins orders to campaigns.");

    AccessRequest reopened =
        revoked.reopened(
            Resource.table(ORDERS), Set.of(Permission.SELECT), "Quarterly now.", T0.plusSeconds(3));
    requests().updateRequest(reopened, AccessRequest.State.REVOKED);
    assertThat(requests().findRequest(asked.id())).contains(reopened);
    assertThat(requests().requestsFor("sales"))
        .extracting(AccessRequest::justification)
        .containsExactly("Quarterly now.");
  }

  @Test
  void anUpdateFromAStateTheRequestLeftIsAConflict() {
    AccessRequest asked =
        requests()
            .createRequest(
                AccessRequest.pending(
                    MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT), T0));
    requests()
        .updateRequest(
            asked.denied(SALES, "not for marketing", T0.plusSeconds(1)),
            AccessRequest.State.PENDING);

    assertThatThrownBy(
            () ->
                requests()
                    .updateRequest(
                        asked.approved(
                            SALES,
                            Resource.table(ORDERS),
                            Set.of(Permission.SELECT),
                            T0.plusSeconds(2)),
                        AccessRequest.State.PENDING))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("DENIED");
    assertThat(requests().findRequest(asked.id()).orElseThrow().reason())
        .isEqualTo("not for marketing");
    assertThatThrownBy(
            () ->
                requests()
                    .updateRequest(asked.withId(asked.id() + 50), AccessRequest.State.PENDING))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void requestsAreListedForTheProducerAndByTheRequestingAccount() {
    AccessRequest a =
        requests()
            .createRequest(
                AccessRequest.pending(
                    MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT), T0));
    AccessRequest b =
        requests()
            .createRequest(
                AccessRequest.pending(
                    ANALYST, Resource.table(STOCK), Set.of(Permission.SELECT), T0));
    AccessRequest c =
        requests()
            .createRequest(
                AccessRequest.pending(
                    Principal.administrator("finance"),
                    Resource.database(ORDERS.databaseId()),
                    Set.of(Permission.DESCRIBE),
                    T0));

    assertThat(requests().requestsFor("sales")).containsExactly(a, c);
    assertThat(requests().requestsFor("product")).containsExactly(b);
    assertThat(requests().requestsBy("marketing")).containsExactly(a, b);
    assertThat(requests().requestsBy("finance")).containsExactly(c);
  }

  // ---- audit

  @Test
  void eventsAreNumberedAndChainedPerLog() {
    AuditEvent first =
        audit().append(event("governance", AuditAction.PUBLISH, "table sales:sales.orders", 0));
    AuditEvent second =
        audit().append(event("governance", AuditAction.GRANT, "table sales:sales.orders", 1));
    AuditEvent other =
        audit().append(event("sales", AuditAction.GRANT, "table sales:sales.orders", 2));

    assertThat(first.seq()).isEqualTo(1);
    assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(second.seq()).isEqualTo(2);
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(second.hash()).isEqualTo(AuditChain.hash(second));
    assertThat(other.seq()).isEqualTo(1);
    assertThat(audit().auditEvents(AuditQuery.ofLog("governance"))).containsExactly(first, second);
    assertThat(audit().auditLogs()).containsExactly("governance", "sales");
    assertThat(audit().verifyAudit("governance"))
        .isEqualTo(AuditVerification.intact("governance", 2));
    assertThat(audit().verifyAudit("nobody").isIntact()).isTrue();
  }

  @Test
  void auditEventsAreReadFromASequenceNumberOn() {
    AuditEvent first =
        audit().append(event("governance", AuditAction.PUBLISH, "table sales:sales.orders", 0));
    AuditEvent second =
        audit().append(event("governance", AuditAction.GRANT, "table sales:sales.orders", 1));
    audit().append(event("sales", AuditAction.GRANT, "table sales:sales.orders", 2));
    AuditEvent third =
        audit().append(event("governance", AuditAction.REVOKE, "table sales:sales.orders", 3));

    assertThat(audit().auditEventsFrom("governance", 1)).containsExactly(first, second, third);
    assertThat(audit().auditEventsFrom("governance", 2)).containsExactly(second, third);
    assertThat(audit().auditEventsFrom("governance", 3)).containsExactly(third);
    assertThat(audit().auditEventsFrom("governance", 4)).isEmpty();
    assertThat(audit().auditEventsFrom("nobody", 1)).isEmpty();
  }

  @Test
  void auditTextRoundTripsExactly() {
    AuditEvent draft =
        AuditEvent.draft(
            "governance",
            ANALYST,
            "marketing",
            AuditAction.SELECT,
            "table sales:sales.orders",
            "",
            "",
            AuditEvent.Outcome.REFUSED,
            "access denied: 'quoted' \"double\" \\ back 注文 🛒\n"
                + "new line; DROP TABLE lm_audit_events; --",
            T0.plusNanos(123_456_789));

    AuditEvent stored = audit().append(draft);

    assertThat(audit().auditEvents(AuditQuery.all())).containsExactly(stored);
    assertThat(audit().verifyAudit("governance").isIntact()).isTrue();
  }

  @Test
  void concurrentAppendsNeverForkTheChain() throws Exception {
    int writers = 6;
    int each = 15;
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      tasks.add(
          () -> {
            for (int i = 0; i < each; i++) {
              int n = writer * each + i;
              ConcurrentRuns.retryingConflicts(
                  () -> audit().append(event("governance", AuditAction.GRANT, "resource " + n, n)));
            }
            return null;
          });
    }
    ConcurrentRuns.together(tasks);

    List<AuditEvent> events = audit().auditEvents(AuditQuery.ofLog("governance"));
    assertThat(events)
        .extracting(AuditEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, writers * each).boxed().toList());
    assertThat(events).extracting(AuditEvent::resource).doesNotHaveDuplicates();
    assertThat(audit().verifyAudit("governance"))
        .isEqualTo(AuditVerification.intact("governance", writers * each));
  }

  @Test
  void queriesFilterByLogResourceActorAndTimeAndKeepTheNewest() {
    AuditEvent e1 =
        audit().append(event("governance", AuditAction.PUBLISH, "table sales:sales.orders", 0));
    AuditEvent e2 =
        audit().append(event("retail-gov", AuditAction.GRANT, "table sales:sales.orders", 1));
    AuditEvent e3 =
        audit()
            .append(
                AuditEvent.draft(
                    "governance",
                    ANALYST,
                    "marketing",
                    AuditAction.SELECT,
                    "table product:product.inventory",
                    "",
                    "",
                    AuditEvent.Outcome.REFUSED,
                    "missing SELECT",
                    T0.plusSeconds(120)));
    AuditEvent e4 =
        audit().append(event("governance", AuditAction.GRANT, "table sales:sales_x.orders", 3));

    assertThat(audit().auditEvents(AuditQuery.all())).containsExactly(e1, e2, e3, e4);
    assertThat(audit().auditEvents(AuditQuery.all().withResource("sales:sales.orders")))
        .containsExactly(e1, e2);
    assertThat(audit().auditEvents(AuditQuery.all().withResource("%"))).isEmpty();
    assertThat(audit().auditEvents(AuditQuery.all().withActor(ANALYST))).containsExactly(e3);
    assertThat(audit().auditEvents(AuditQuery.all().since(T0.plusSeconds(60))))
        .containsExactly(e2, e3, e4);
    assertThat(audit().auditEvents(AuditQuery.ofLog("governance").limit(2)))
        .containsExactly(e3, e4);
    assertThat(audit().auditEvents(AuditQuery.all().limit(1))).containsExactly(e4);
  }

  // ---- mesh events

  @Test
  void eventsAreNumberedInAppendOrderAndReadBackExactly() {
    MeshEvent published =
        events()
            .appendEvent(
                MeshEvent.of(
                    MeshEvent.Kind.PUBLISHED,
                    ORDERS,
                    T0,
                    Map.of("snapshot", "8817", "quality", "PASSED 11/11", "note", "注文 'q' \"d\"")));
    MeshEvent approved =
        events()
            .appendEvent(
                MeshEvent.access(
                    MeshEvent.Kind.ACCESS_APPROVED, ORDERS, "marketing", T0.plusSeconds(1), null));
    MeshEvent onDatabase =
        events()
            .appendEvent(
                MeshEvent.access(
                    MeshEvent.Kind.ACCESS_REQUESTED,
                    null,
                    "marketing",
                    T0.plusSeconds(2),
                    Map.of("resource", "database sales:sales")));

    assertThat(published.seq()).isPositive();
    assertThat(approved.seq()).isGreaterThan(published.seq());
    assertThat(onDatabase.seq()).isGreaterThan(approved.seq());
    assertThat(events().eventsAfter(0, 10)).containsExactly(published, approved, onDatabase);
    assertThat(events().eventsAfter(published.seq(), 10)).containsExactly(approved, onDatabase);
    assertThat(events().eventsAfter(published.seq(), 1)).containsExactly(approved);
    assertThat(events().eventsAfter(onDatabase.seq(), 10)).isEmpty();
    assertThat(published.data())
        .containsEntry("note", "注文 'q' \"d\"")
        .containsEntry("snapshot", "8817");
  }

  @Test
  void anEventAppendedAgainWithItsIdIsStoredOnce() {
    MeshEvent draft = MeshEvent.of(MeshEvent.Kind.REJECTED, ORDERS, T0, Map.of("run", "r-1"));
    MeshEvent first = events().appendEvent(draft);
    MeshEvent again = events().appendEvent(draft);

    assertThat(again).isEqualTo(first);
    assertThat(events().eventsAfter(0, 10)).containsExactly(first);
  }

  @Test
  void aTablesEventsAreNewestFirstAndFilteredByKind() {
    MeshEvent p1 =
        events().appendEvent(MeshEvent.of(MeshEvent.Kind.PUBLISHED, ORDERS, T0, Map.of()));
    events().appendEvent(MeshEvent.of(MeshEvent.Kind.PUBLISHED, RETURNS, T0, Map.of()));
    MeshEvent breach =
        events()
            .appendEvent(
                MeshEvent.of(MeshEvent.Kind.SLA_BREACHED, ORDERS, T0.plusSeconds(60), Map.of()));
    MeshEvent p2 =
        events()
            .appendEvent(
                MeshEvent.of(MeshEvent.Kind.PUBLISHED, ORDERS, T0.plusSeconds(120), Map.of()));

    assertThat(events().tableEvents(ORDERS, Set.of(), 10)).containsExactly(p2, breach, p1);
    assertThat(events().tableEvents(ORDERS, Set.of(), 2)).containsExactly(p2, breach);
    assertThat(events().tableEvents(ORDERS, Set.of(MeshEvent.Kind.PUBLISHED), 10))
        .containsExactly(p2, p1);
    assertThat(events().tableEvents(STOCK, Set.of(), 10)).isEmpty();
  }

  @Test
  void concurrentAppendsAreNumberedOnceEachInTheOrderTheyAreRead() throws Exception {
    int writers = 4;
    int each = 10;
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      tasks.add(
          () -> {
            for (int i = 0; i < each; i++) {
              String run = writer + "-" + i;
              ConcurrentRuns.retryingConflicts(
                  () ->
                      events()
                          .appendEvent(
                              MeshEvent.of(MeshEvent.Kind.REJECTED, ORDERS, T0, Map.of("run", run))));
            }
            return null;
          });
    }
    ConcurrentRuns.together(tasks);

    List<MeshEvent> all = events().eventsAfter(0, 1000);
    assertThat(all).hasSize(writers * each);
    assertThat(all).extracting(e -> e.data().get("run")).doesNotHaveDuplicates();
    assertThat(all).extracting(MeshEvent::seq).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void anEventAppendedInAFailedTransactionIsNotStored() {
    assumeTrue(catalog() instanceof SupportsTransactions, "backend has no transactions");
    SupportsTransactions tx = (SupportsTransactions) catalog();
    assertThatThrownBy(
            () ->
                tx.inTransaction(
                    () -> {
                      events()
                          .appendEvent(MeshEvent.of(MeshEvent.Kind.PUBLISHED, ORDERS, T0, null));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(events().eventsAfter(0, 10)).isEmpty();
  }

  // ---- event subscriptions and deliveries

  @Test
  void aSubscriptionGetsANumberAndReadsBackWithItsSecret() {
    EventSubscription stored = deliveries().addSubscription(subscription(7));
    EventSubscription other = deliveries().addSubscription(subscription(0));

    assertThat(stored.id()).isPositive();
    assertThat(other.id()).isGreaterThan(stored.id());
    assertThat(deliveries().findSubscription(stored.id())).contains(stored);
    assertThat(stored.secret()).isEqualTo("key-1");
    assertThat(stored.cursor()).isEqualTo(7);
    assertThat(stored.kinds())
        .containsExactlyInAnyOrder(MeshEvent.Kind.PUBLISHED, MeshEvent.Kind.ACCESS_EXPIRED);
    assertThat(deliveries().listSubscriptions()).containsExactly(stored, other);
    assertThat(deliveries().findSubscription(stored.id() + 100)).isEmpty();
  }

  @Test
  void aCursorOnlyMovesForward() {
    EventSubscription s = deliveries().addSubscription(subscription(0));
    deliveries().advanceCursor(s.id(), 12);
    deliveries().advanceCursor(s.id(), 5);

    assertThat(deliveries().findSubscription(s.id()).orElseThrow().cursor()).isEqualTo(12);
  }

  @Test
  void aDeliveryIsReplacedByItsNextStateAndReadByState() {
    EventSubscription s = deliveries().addSubscription(subscription(0));
    EventDelivery pending =
        new EventDelivery(s.id(), 3, "e-3", EventDelivery.State.PENDING, List.of(), T0, "");
    EventDelivery dead =
        new EventDelivery(
            s.id(),
            2,
            "e-2",
            EventDelivery.State.DEAD,
            List.of(T0, T0.plusSeconds(30)),
            null,
            "the webhook answered HTTP 500");
    deliveries().saveDelivery(pending);
    deliveries().saveDelivery(dead);
    EventDelivery delivered =
        pending.attempted(T0.plusSeconds(1), EventDelivery.State.DELIVERED, null, "");
    deliveries().saveDelivery(delivered);

    assertThat(deliveries().deliveries(s.id(), Set.of())).containsExactly(dead, delivered);
    assertThat(deliveries().deliveries(s.id(), Set.of(EventDelivery.State.DEAD)))
        .containsExactly(dead);
    assertThat(deliveries().deliveries(s.id(), Set.of(EventDelivery.State.PENDING))).isEmpty();
  }

  @Test
  void removingASubscriptionRemovesItsDeliveries() {
    EventSubscription s = deliveries().addSubscription(subscription(0));
    deliveries()
        .saveDelivery(
            new EventDelivery(s.id(), 1, "e-1", EventDelivery.State.PENDING, List.of(), T0, ""));

    assertThat(deliveries().removeSubscription(s.id())).isTrue();
    assertThat(deliveries().removeSubscription(s.id())).isFalse();
    assertThat(deliveries().listSubscriptions()).isEmpty();
    assertThat(deliveries().deliveries(s.id(), Set.of())).isEmpty();
  }

  @Test
  void theLastEventNumberIsZeroOnAnEmptyStreamAndThenTheLastAppended() {
    assumeTrue(catalog() instanceof SupportsEvents, "backend keeps no events");
    assertThat(events().lastEventSeq()).isZero();
    events().appendEvent(MeshEvent.of(MeshEvent.Kind.PUBLISHED, ORDERS, T0, null));
    MeshEvent last = events().appendEvent(MeshEvent.of(MeshEvent.Kind.REJECTED, ORDERS, T0, null));

    assertThat(events().lastEventSeq()).isEqualTo(last.seq());
  }

  // ---- product status

  @Test
  void aChecksStampIsKeptUnlessALaterOneIsThere() {
    ProductStatus first = status().recordCheck(ORDERS, T0.plusSeconds(60), "run-2");
    ProductStatus older = status().recordCheck(ORDERS, T0, "run-1");

    ProductStatus expected =
        new ProductStatus(ORDERS, T0.plusSeconds(60), "run-2", ProductStatus.Sla.WITHIN, null);
    assertThat(first).isEqualTo(expected);
    assertThat(older).isEqualTo(expected);
    assertThat(status().recordCheck(ORDERS, T0.plusSeconds(120), "run-3").lastRun())
        .isEqualTo("run-3");
    assertThat(status().productStatuses(List.of(ORDERS, RETURNS)))
        .containsOnlyKeys(ORDERS)
        .containsEntry(
            ORDERS,
            new ProductStatus(
                ORDERS, T0.plusSeconds(120), "run-3", ProductStatus.Sla.WITHIN, null));
  }

  @Test
  void theSlaStateMovesOnlyFromTheStateNamed() {
    assertThat(
            status()
                .moveSla(ORDERS, ProductStatus.Sla.BREACHED, ProductStatus.Sla.WITHIN, T0))
        .isFalse();
    assertThat(status().productStatuses(List.of(ORDERS))).isEmpty();

    assertThat(
            status()
                .moveSla(ORDERS, ProductStatus.Sla.WITHIN, ProductStatus.Sla.BREACHED, T0))
        .isTrue();
    assertThat(
            status()
                .moveSla(
                    ORDERS, ProductStatus.Sla.WITHIN, ProductStatus.Sla.BREACHED, T0.plusSeconds(5)))
        .isFalse();
    status().recordCheck(ORDERS, T0.plusSeconds(10), "run-9");

    assertThat(status().productStatuses(List.of(ORDERS)).get(ORDERS))
        .isEqualTo(
            new ProductStatus(ORDERS, T0.plusSeconds(10), "run-9", ProductStatus.Sla.BREACHED, T0));
    assertThat(
            status()
                .moveSla(
                    ORDERS, ProductStatus.Sla.BREACHED, ProductStatus.Sla.WITHIN, T0.plusSeconds(20)))
        .isTrue();
    assertThat(status().productStatuses(List.of(ORDERS)).get(ORDERS))
        .isEqualTo(
            new ProductStatus(
                ORDERS, T0.plusSeconds(10), "run-9", ProductStatus.Sla.WITHIN, T0.plusSeconds(20)));
  }

  @Test
  void concurrentMonitorsRecordABreachOnce() throws Exception {
    AtomicInteger moved = new AtomicInteger();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tasks.add(
          () -> {
            ConcurrentRuns.retryingConflicts(
                () -> {
                  if (status()
                      .moveSla(STOCK, ProductStatus.Sla.WITHIN, ProductStatus.Sla.BREACHED, T0)) {
                    moved.incrementAndGet();
                  }
                });
            return null;
          });
    }
    ConcurrentRuns.together(tasks);

    assertThat(moved).hasValue(1);
    assertThat(status().productStatuses(List.of(STOCK)).get(STOCK).sla())
        .isEqualTo(ProductStatus.Sla.BREACHED);
  }

  // ---- transactions

  @Test
  void workInATransactionLandsTogetherOrNotAtAll() {
    assumeTrue(catalog() instanceof SupportsTransactions, "backend has no transactions");
    SupportsTransactions tx = (SupportsTransactions) catalog();
    Grant kept =
        tx.inTransaction(
            () -> {
              audit().append(event("governance", AuditAction.GRANT, "table sales:sales.orders", 0));
              return grants()
                  .addGrant(grant(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT)));
            });

    assertThatThrownBy(
            () ->
                tx.inTransaction(
                    () -> {
                      grants()
                          .addGrant(
                              grant(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT)));
                      audit()
                          .append(
                              event(
                                  "governance", AuditAction.GRANT, "table sales:sales.orders", 1));
                      links().createLink(ResourceLink.defaultTableLink("marketing", ORDERS));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(grants().findGrant(MARKETING, Resource.table(ORDERS))).contains(kept);
    assertThat(grants().findGrant(ANALYST, Resource.table(ORDERS))).isEmpty();
    assertThat(links().listLinks("marketing")).isEmpty();
    assertThat(audit().auditEvents(AuditQuery.all())).hasSize(1);
    assertThat(audit().verifyAudit("governance").isIntact()).isTrue();
  }

  // ---- table search

  @Test
  void wordsAreFoundInTheNameProductDescriptionAndColumnNamesIgnoringCase() {
    publishSearchable();

    assertThat(found(search().withText("ORDER"))).containsExactly(ORDERS, RETURNS);
    assertThat(found(search().withText("inventory"))).containsExactly(STOCK);
    assertThat(found(search().withText("  placed   Online "))).containsExactly(ORDERS);
    assertThat(found(search().withText("sales.returns"))).containsExactly(RETURNS);
    assertThat(found(search().withText("on_hand"))).containsExactly(STOCK);
    assertThat(found(search().withText("order amount"))).containsExactly(ORDERS);
    assertThat(found(search().withText("er_e"))).containsExactly(ORDERS);
    // Wildcards of SQL's LIKE are plain characters in a word.
    assertThat(found(search().withText("o_d"))).isEmpty();
    assertThat(found(search().withText("%"))).isEmpty();
    assertThat(found(search().withText("r!d"))).isEmpty();
    assertThat(found(search().withText(""))).containsExactly(STOCK, ORDERS, RETURNS);
  }

  @Test
  void aTagValueCountsDeclaredOrAssignedToTheTableOrItsDatabaseButNotToAColumn() {
    publishSearchable();
    tags().assignTag(new TagAssignment(TagTarget.table(RETURNS), "classification", "internal"));
    tags().assignTag(new TagAssignment(TagTarget.database(STOCK.databaseId()), "tier", "gold"));
    tags().assignTag(new TagAssignment(TagTarget.column(ORDERS, "customer_email"), "pii", "email"));

    assertThat(found(search().withTags(Map.of("region", "eu")))).containsExactly(ORDERS);
    assertThat(found(search().withTags(Map.of("classification", "internal"))))
        .containsExactly(RETURNS);
    assertThat(found(search().withTags(Map.of("tier", "gold")))).containsExactly(STOCK);
    assertThat(found(search().withTags(Map.of("pii", "email")))).isEmpty();
    assertThat(found(search().withTags(Map.of("region", "eu", "classification", "internal"))))
        .isEmpty();

    tags().assignTag(new TagAssignment(TagTarget.table(ORDERS), "classification", "internal"));
    tags().assignTag(new TagAssignment(TagTarget.table(ORDERS), "region", "us"));

    assertThat(found(search().withTags(Map.of("region", "eu", "classification", "internal"))))
        .containsExactly(ORDERS);
    // Which value is in force is the caller's to decide: every stored one is found.
    assertThat(found(search().withTags(Map.of("region", "us")))).containsExactly(ORDERS, RETURNS);
    assertThat(found(search().withTags(Map.of("region", "eu")))).containsExactly(ORDERS);
  }

  @Test
  void aMatchCarriesTheTagAssignmentsOfItsTable() {
    publishSearchable();
    tags().assignTag(new TagAssignment(TagTarget.database(ORDERS.databaseId()), "tier", "gold"));
    tags().assignTag(new TagAssignment(TagTarget.table(ORDERS), "classification", "internal"));
    tags().assignTag(new TagAssignment(TagTarget.column(ORDERS, "customer_email"), "pii", "email"));
    tags().assignTag(new TagAssignment(TagTarget.table(RETURNS), "classification", "public"));

    List<TableMatch> matches = search(search());

    assertThat(matches).extracting(m -> m.table().id()).containsExactly(STOCK, ORDERS, RETURNS);
    for (TableMatch match : matches) {
      assertThat(match.table()).isEqualTo(catalog().loadTable(match.table().id()));
      assertThat(match.tags())
          .as("tags of %s", match.table().id())
          .containsExactlyInAnyOrderElementsOf(tags().tagsOf(match.table().id()));
    }
  }

  @Test
  void ownerDomainAndQualityStatusIgnoreCase() {
    publishSearchable();

    assertThat(found(search().withOwner("SALES"))).containsExactly(ORDERS, RETURNS);
    assertThat(found(search().withOwner("sales-data"))).containsExactly(ORDERS);
    assertThat(found(search().withOwner("Stock-Keepers"))).containsExactly(STOCK);
    assertThat(found(search().withOwner("sales-dat"))).isEmpty();
    assertThat(found(search().withDomain("SUPPLY"))).containsExactly(STOCK);
    assertThat(found(search().withDomain("sales"))).containsExactly(ORDERS, RETURNS);
    assertThat(found(search().withDomain("product"))).isEmpty();
    assertThat(found(search().withQualityStatus("PASSED"))).containsExactly(STOCK, ORDERS);
    assertThat(found(search().withQualityStatus("failed"))).containsExactly(RETURNS);
    assertThat(found(search().withText("order").withQualityStatus("passed").withOwner("sales")))
        .containsExactly(ORDERS);
  }

  @Test
  void aSearchCoversTheCatalogsItNamesAndTheCurrentVersionOnly() {
    publishSearchable();

    assertThat(found(TableSearch.in(Set.of("product")))).containsExactly(STOCK);
    assertThat(found(TableSearch.in(Set.of("hr")))).isEmpty();
    assertThat(found(TableSearch.in(Set.of()))).as("no catalog, nothing found").isEmpty();

    catalog()
        .publish(
            new Publication(
                searchable(
                    ORDERS,
                    2,
                    "Purchases",
                    "sales.orders",
                    "Sales-Data",
                    "PASSED",
                    Map.of("region", "us"),
                    List.of("order_id")),
                null,
                null,
                null));

    assertThat(found(search().withText("online"))).isEmpty();
    assertThat(found(search().withText("amount"))).isEmpty();
    assertThat(found(search().withText("purchases"))).containsExactly(ORDERS);
    assertThat(found(search().withTags(Map.of("region", "eu")))).isEmpty();
    assertThat(found(search().withTags(Map.of("region", "us")))).containsExactly(ORDERS, RETURNS);
    assertThat(search(search().withText("purchases")).get(0).table().version()).isEqualTo(2);
  }

  @Test
  void anIndexFindsWhatReadingEveryTableFinds() {
    assumeTrue(catalog() instanceof SupportsTableSearch, "backend searches by reading tables");
    publishSearchable();
    tags().assignTag(new TagAssignment(TagTarget.database(ORDERS.databaseId()), "tier", "gold"));
    tags().assignTag(new TagAssignment(TagTarget.table(STOCK), "region", "eu"));
    List<TableSearch> searches =
        List.of(
            search(),
            search().withText("order"),
            search().withText("id"),
            search().withTags(Map.of("tier", "gold")),
            search().withTags(Map.of("region", "eu")),
            search().withTags(Map.of("region", "eu", "tier", "gold")).withText("order"),
            search().withOwner("sales-data").withDomain("SALES"),
            search().withQualityStatus("Passed").withTags(Map.of("region", "eu")),
            TableSearch.in(Set.of("sales")).withText("e"),
            search().withLimit(2),
            search().withAfter(STOCK).withLimit(1),
            search().withTags(Map.of("region", "eu")).withAfter(STOCK).withLimit(1));

    for (TableSearch s : searches) {
      List<TableMatch> indexed = ((SupportsTableSearch) catalog()).searchTables(s);
      List<TableMatch> scanned = SupportsTableSearch.scan(catalog(), tags(), s);
      assertThat(indexed)
          .extracting(TableMatch::table)
          .as(s.toString())
          .isEqualTo(scanned.stream().map(TableMatch::table).toList());
      for (int i = 0; i < indexed.size(); i++) {
        assertThat(indexed.get(i).tags())
            .containsExactlyInAnyOrderElementsOf(scanned.get(i).tags());
      }
    }
  }

  // ---- search pages

  @Test
  void pagesFollowOneAnotherInTableOrderWithNoRepeatAndNoGap() {
    List<TableId> published = publishPaged();
    TableSearch every = TableSearch.in(PAGED_CATALOGS);
    assertThat(found(every))
        .as("every table, in table order")
        .isEqualTo(published.stream().sorted(SupportsTableSearch.ID_ORDER).toList());

    for (TableSearch search :
        List.of(
            every,
            every.withText("alpha"),
            every.withTags(Map.of("region", "eu")),
            every.withTags(Map.of("region", "eu", "tier", "gold")),
            every.withTags(Map.of("region", "eu")).withText("alpha"))) {
      List<TableId> whole = found(search);
      assertThat(whole).as("%s finds something", search).isNotEmpty();
      for (int limit = 1; limit <= whole.size() + 1; limit++) {
        assertThat(pageThrough(search, limit))
            .as("%s, %d a page", search, limit)
            .isEqualTo(whole);
      }
    }
  }

  @Test
  void aPageStartsAfterItsTableWhetherOrNotThatTableExists() {
    publishPaged();
    TableSearch every = TableSearch.in(PAGED_CATALOGS);
    List<TableId> whole = found(every);

    assertThat(found(every.withAfter(TableId.of("finance", "a", "a0")).withLimit(2)))
        .containsExactly(TableId.of("finance", "a", "a1"), TableId.of("finance", "a", "a_b"));
    assertThat(found(every.withAfter(TableId.of("finance", "zz", "z"))))
        .isEqualTo(whole.subList(whole.indexOf(TableId.of("finance-gov", "g", "a")), whole.size()));
    assertThat(found(every.withAfter(whole.get(whole.size() - 1)))).isEmpty();
    assertThat(found(every.withAfter(TableId.of("a", "a", "a")))).isEqualTo(whole);
  }

  @Test
  void aTablePublishedBetweenTwoPagesMovesNoOtherTable() {
    publishPaged();
    TableSearch pages = TableSearch.in(PAGED_CATALOGS).withLimit(3);
    List<TableId> first = found(pages);
    List<TableId> before = found(TableSearch.in(PAGED_CATALOGS));

    TableId earlier = TableId.of("finance", "a", "a");
    TableId later = TableId.of("product", "q", "b");
    assertThat(SupportsTableSearch.ID_ORDER.compare(earlier, first.get(2))).isNegative();
    publishPagedTable(earlier, Map.of());
    publishPagedTable(later, Map.of());

    List<TableId> rest = pageThrough(pages.withAfter(first.get(2)), 3);
    List<TableId> expected = new ArrayList<>(before.subList(3, before.size()));
    expected.add(later);
    expected.sort(SupportsTableSearch.ID_ORDER);
    assertThat(rest).isEqualTo(expected);
  }

  // ---- helpers

  protected SupportsGrants grants() {
    return capability(SupportsGrants.class);
  }

  protected SupportsTags tags() {
    return capability(SupportsTags.class);
  }

  protected SupportsLinks links() {
    return capability(SupportsLinks.class);
  }

  protected SupportsAccessRequests requests() {
    return capability(SupportsAccessRequests.class);
  }

  protected SupportsAudit audit() {
    return capability(SupportsAudit.class);
  }

  protected SupportsProductStatus status() {
    return capability(SupportsProductStatus.class);
  }

  protected SupportsEvents events() {
    return capability(SupportsEvents.class);
  }

  protected SupportsEventDelivery deliveries() {
    return capability(SupportsEventDelivery.class);
  }

  private static EventSubscription subscription(long cursor) {
    return new EventSubscription(
        0,
        ANALYST,
        ORDERS,
        Set.of(MeshEvent.Kind.PUBLISHED, MeshEvent.Kind.ACCESS_EXPIRED),
        EventSubscription.Endpoint.webhook("https://hooks.example.com/lakemesh"),
        "key-1",
        cursor,
        T0);
  }

  protected static Grant grant(Principal grantee, Resource resource, Set<Permission> permissions) {
    return grantable(grantee, resource, permissions, Set.of());
  }

  protected static Grant grantable(
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable) {
    return Grant.builder(grantee, resource, permissions)
        .catalog("governance")
        .grantable(grantable)
        .grantor(SALES)
        .grantedAt(T0)
        .build();
  }

  /** An allowed event by the sales producer, {@code minutes} after {@link CatalogFixtures#T0}. */
  protected static AuditEvent event(String log, AuditAction action, String resource, int minutes) {
    Instant at = T0.plusSeconds(60L * minutes);
    return AuditEvent.draft(
        log,
        SALES,
        "sales",
        action,
        resource,
        "none",
        "SELECT",
        AuditEvent.Outcome.ALLOWED,
        "",
        at);
  }

  private static TableSearch search() {
    return TableSearch.in(Set.of("sales", "product"));
  }

  private List<TableMatch> search(TableSearch search) {
    return SupportsTableSearch.search(catalog(), tags(), search);
  }

  private List<TableId> found(TableSearch search) {
    return search(search).stream().map(m -> m.table().id()).toList();
  }

  /** Orders and returns of sales, and the inventory of product, each with its own facts. */
  /** Every table after {@code search.after()}, read {@code limit} at a time. */
  private List<TableId> pageThrough(TableSearch search, int limit) {
    List<TableId> read = new ArrayList<>();
    TableSearch page = search.withLimit(limit);
    while (true) {
      List<TableId> got = found(page);
      assertThat(got)
          .as("a page of %d after %s", limit, page.after())
          .hasSizeLessThanOrEqualTo(limit);
      read.addAll(got);
      if (got.size() < limit) {
        return read;
      }
      page = page.withAfter(got.get(got.size() - 1));
    }
  }

  private static final Set<String> PAGED_CATALOGS = Set.of("finance", "finance-gov", "product");

  /**
   * Tables whose names order differently as text and by part ({@code finance} before {@code
   * finance-gov}, {@code a1} before {@code a_b} before {@code ab}), carrying region=eu declared,
   * assigned to the table or assigned to the database, and tier=gold declared or assigned. No two
   * catalogs share a database name: on AWS one governance account holds every catalog's entries.
   */
  private List<TableId> publishPaged() {
    Map<TableId, Map<String, String>> declared = new LinkedHashMap<>();
    declared.put(TableId.of("finance-gov", "g", "a"), Map.of("region", "eu", "tier", "gold"));
    declared.put(TableId.of("finance", "ab", "b"), Map.of("region", "eu", "tier", "silver"));
    declared.put(TableId.of("finance", "a", "a_b"), Map.of("region", "eu"));
    declared.put(TableId.of("finance", "a", "a1"), Map.of("region", "us", "tier", "gold"));
    declared.put(TableId.of("finance", "a_b", "a"), Map.of());
    declared.put(TableId.of("finance", "a", "ab"), Map.of("region", "eu", "tier", "gold"));
    declared.put(TableId.of("product", "p", "b"), Map.of());
    declared.put(TableId.of("product", "p", "a"), Map.of("tier", "gold"));
    declared.put(TableId.of("product", "q", "a"), Map.of("region", "eu"));
    declared.forEach(this::publishPagedTable);
    assign(TagTarget.table(TableId.of("finance", "a", "a1")), "region", "eu");
    assign(TagTarget.table(TableId.of("finance", "a_b", "a")), "tier", "gold");
    assign(TagTarget.database(DatabaseId.of("product", "p")), "region", "eu");
    return List.copyOf(declared.keySet());
  }

  private void assign(TagTarget target, String key, String value) {
    tags().assignTag(new TagAssignment(target, key, value));
  }

  private void publishPagedTable(TableId id, Map<String, String> declaredTags) {
    String description = id.table().startsWith("a") ? "alpha " + id : "beta " + id;
    catalog()
        .publish(
            new Publication(
                searchable(
                    id, 1, description, id.qualifiedName(), "team", "PASSED", declaredTags,
                    List.of("id")),
                null,
                null,
                null));
  }

  private void publishSearchable() {
    List<CatalogTable> tables =
        List.of(
            searchable(
                ORDERS,
                1,
                "Every order placed online",
                "sales.orders",
                "Sales-Data",
                "PASSED",
                Map.of("domain", "sales", "region", "eu"),
                List.of("order_id", "customer_email", "amount")),
            searchable(
                RETURNS,
                1,
                "Goods sent back",
                "sales.returns",
                "returns-team",
                "FAILED",
                Map.of("region", "us"),
                List.of("return_id", "order_id")),
            searchable(
                STOCK,
                1,
                "What the warehouses hold",
                "supply.inventory",
                "stock-keepers",
                "passed",
                Map.of(),
                List.of("sku", "on_hand")));
    tables.forEach(t -> catalog().publish(new Publication(t, null, null, null)));
  }

  protected static CatalogTable searchable(
      TableId id,
      long snapshot,
      String description,
      String product,
      String ownerTeam,
      String qualityStatus,
      Map<String, String> declaredTags,
      List<String> columns) {
    Map<String, String> parameters = new TreeMap<>();
    parameters.put(TableParameters.PRODUCT, product);
    parameters.put(TableParameters.DESCRIPTION, description);
    parameters.put(TableParameters.OWNER_TEAM, ownerTeam);
    parameters.put(TableParameters.QUALITY_STATUS, qualityStatus);
    parameters.put(TableParameters.SNAPSHOT_ID, Long.toString(snapshot));
    declaredTags.forEach((k, v) -> parameters.put(TableParameters.TAG_PREFIX + k, v));
    return CatalogTable.builder(id)
        .columns(columns.stream().map(c -> new Column(c, "string", true, "", false)).toList())
        .location("file:/warehouse/" + id.catalog() + "/" + id.table())
        .format("iceberg")
        .parameters(parameters)
        .build();
  }
}
