package io.lakemesh.catalog;

import static io.lakemesh.catalog.CatalogFixtures.T0;
import static io.lakemesh.governance.GrantFixtures.grantOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of grants ({@link SupportsGrants}): ids, entries per grantee and resource,
 * expiries, authorities, the grants covering a table, listings. Part of {@link
 * GovernanceStorageTests}.
 */
abstract class GrantStorageTests extends GovernanceStorageBase {
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
            asked.approved(SALES, Resource.table(ORDERS), Set.of(Permission.SELECT), T0, expires),
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
                regrant(
                    Principal.of("marketing", "lead"), ORDERS, Authorisation.grant(option.id())));

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
                grantOf(FINANCE, Resource.table(STOCK), Permission.SELECT)
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
}
