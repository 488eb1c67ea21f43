package io.lakemesh.catalog;

import static io.lakemesh.catalog.CatalogFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.CommitConflictException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagTarget;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of LF-tags, resource links and access requests ({@link SupportsTags}, {@link
 * SupportsLinks}, {@link SupportsAccessRequests}). Part of {@link GovernanceStorageTests}.
 */
abstract class SharingStorageTests extends GrantStorageTests {
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
}
