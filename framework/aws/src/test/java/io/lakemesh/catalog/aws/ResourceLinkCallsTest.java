package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.lakeformation.model.GrantPermissionsRequest;
import software.amazon.awssdk.services.ram.model.AcceptResourceShareInvitationRequest;

/**
 * Resource links through the AWS backend, with every SDK call they make captured as in {@link
 * GovernanceCallsTest}: accepting the holder's RAM shares, creating table and database links in the
 * consumer's catalog, and the DESCRIBE on the consumer's link that comes with a re-grant.
 */
class ResourceLinkCallsTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal MARKETING_ADMIN = Principal.administrator("marketing");

  @Test
  void aReGrantAlsoGrantsDescribeOnTheConsumersLinkToTheTarget() {
    long option =
        catalog
            .addGrant(
                byGovernance(
                    MARKETING_ADMIN,
                    Resource.table(ORDERS),
                    Set.of(Permission.SELECT),
                    Set.of(Permission.SELECT)))
            .id();
    catalog.createLink(ResourceLink.defaultTableLink("marketing", ORDERS));
    recorded.clear();
    aws.clearCalls();

    catalog.addGrant(
        reGrantByMarketing(Principal.of("marketing", "analyst"), Resource.table(ORDERS), option));

    List<GrantPermissionsRequest> grants =
        recorded.of("LakeFormation", "GrantPermissions").stream()
            .map(r -> r.as(GrantPermissionsRequest.class))
            .toList();
    assertThat(grants).hasSize(2);
    assertThat(grants.get(0).resource().table().catalogId()).isEqualTo(GOVERNANCE);
    GrantPermissionsRequest describe = grants.get(1);
    assertThat(describe.principal().dataLakePrincipalIdentifier())
        .isEqualTo("arn:aws:iam::" + MARKETING + ":role/analyst");
    assertThat(describe.resource().table().catalogId()).isEqualTo(MARKETING);
    assertThat(describe.resource().table().databaseName()).isEqualTo("sales_link");
    assertThat(describe.resource().table().name()).isEqualTo("orders");
    assertThat(describe.permissionsAsStrings()).containsExactly("DESCRIBE");
    assertThat(describe.permissionsWithGrantOption()).isEmpty();
    assertThat(aws.calls("lakeformation", "GrantPermissions"))
        .extracting(c -> c.account())
        .containsExactly(MARKETING, MARKETING);
  }

  @Test
  void aTableLinkAcceptsTheHoldersShareThenCreatesTheLinkInTheConsumersCatalog() {
    String invitation = aws.ram().invite(GOVERNANCE, MARKETING, "LakeFormation-V4-orders");
    aws.ram().invite("999900001111", MARKETING, "someone-else");
    ResourceLink.TableLink link = ResourceLink.defaultTableLink("marketing", ORDERS);

    catalog.createLink(link);

    assertThat(recorded.names())
        .containsExactly(
            "Ram GetResourceShareInvitations",
            "Ram AcceptResourceShareInvitation",
            "Glue GetDatabase",
            "Glue CreateDatabase",
            "Glue CreateTable",
            // The recorded grants: marketing's principals granted on the target get DESCRIBE.
            "S3 GetObject");
    assertThat(
            recorded
                .of("Ram", "AcceptResourceShareInvitation")
                .get(0)
                .as(AcceptResourceShareInvitationRequest.class)
                .resourceShareInvitationArn())
        .isEqualTo(invitation);
    CreateDatabaseRequest holder =
        recorded.of("Glue", "CreateDatabase").get(0).as(CreateDatabaseRequest.class);
    assertThat(holder.catalogId()).isEqualTo(MARKETING);
    assertThat(holder.databaseInput().name()).isEqualTo("sales_link");
    CreateTableRequest create =
        recorded.of("Glue", "CreateTable").get(0).as(CreateTableRequest.class);
    assertThat(create.catalogId()).isEqualTo(MARKETING);
    assertThat(create.databaseName()).isEqualTo("sales_link");
    assertThat(create.tableInput().name()).isEqualTo("orders");
    assertThat(create.tableInput().targetTable().catalogId()).isEqualTo(GOVERNANCE);
    assertThat(create.tableInput().targetTable().databaseName()).isEqualTo("sales");
    assertThat(create.tableInput().targetTable().name()).isEqualTo("orders");
    // Made as marketing, whose role the source profile's credentials assumed first.
    assertThat(aws.calls("sts", "AssumeRole"))
        .singleElement()
        .extracting(c -> c.account())
        .isEqualTo("999900001111");
    assertThat(aws.calls())
        .filteredOn(c -> !c.service().equals("sts") && !c.service().equals("s3"))
        .extracting(c -> c.account())
        .containsOnly(MARKETING);
    assertThat(catalog.findTableLink(link.link())).contains(link);
  }

  @Test
  void aDatabaseLinkIsAGlueDatabaseWithATargetDatabase() {
    DatabaseId inventory = DatabaseId.of("product", "product");
    ResourceLink.DatabaseLink link = ResourceLink.defaultDatabaseLink("marketing", inventory);

    catalog.createLink(link);

    assertThat(recorded.names())
        .containsExactly("Ram GetResourceShareInvitations", "Glue CreateDatabase", "S3 GetObject");
    CreateDatabaseRequest create =
        recorded.of("Glue", "CreateDatabase").get(0).as(CreateDatabaseRequest.class);
    assertThat(create.catalogId()).isEqualTo(MARKETING);
    assertThat(create.databaseInput().name()).isEqualTo("product_link");
    assertThat(create.databaseInput().targetDatabase().catalogId()).isEqualTo(GOVERNANCE);
    assertThat(create.databaseInput().targetDatabase().databaseName()).isEqualTo("product");
    assertThat(catalog.listLinks("marketing")).containsExactly(link);
  }

  @Test
  void acceptingSharesAcceptsOnlyPendingInvitationsFromAccountsHoldingMeshEntries() {
    String fromGovernance = aws.ram().invite(GOVERNANCE, MARKETING, "LakeFormation-V4-sales");
    String fromOutside = aws.ram().invite("999900001111", MARKETING, "not-the-mesh");
    aws.ram().invite(GOVERNANCE, PRODUCT, "for-product");

    assertThat(catalog.acceptShares("marketing")).containsExactly("LakeFormation-V4-sales");
    assertThat(catalog.acceptShares("marketing")).isEmpty();

    assertThat(recorded.names())
        .containsExactly(
            "Ram GetResourceShareInvitations",
            "Ram AcceptResourceShareInvitation",
            "Ram GetResourceShareInvitations");
    assertThat(aws.ram().status(fromGovernance)).isEqualTo("ACCEPTED");
    assertThat(aws.ram().status(fromOutside)).isEqualTo("PENDING");
  }
}
