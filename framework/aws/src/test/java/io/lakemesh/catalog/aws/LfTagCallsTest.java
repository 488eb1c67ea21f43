package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lakeformation.model.AddLfTagsToResourceRequest;
import software.amazon.awssdk.services.lakeformation.model.BatchGrantPermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.CreateLfTagRequest;
import software.amazon.awssdk.services.lakeformation.model.GrantPermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.LFTag;
import software.amazon.awssdk.services.lakeformation.model.ResourceType;

/**
 * LF-tags through the AWS backend, with every SDK call they make captured as in {@link
 * GovernanceCallsTest}: tags created, assigned and granted on in Lake Formation, and tables found
 * by their tags through Lake Formation's search.
 */
class LfTagCallsTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal MARKETING_ADMIN = Principal.administrator("marketing");

  @Test
  void tagsAreCreatedAssignedAndGrantedOnThroughLakeFormation() {
    catalog.createTag("governance", LfTag.of("domain", "sales", "product"));
    catalog.assignTag(new TagAssignment(TagTarget.table(ORDERS), "domain", "sales"));
    catalog.assignTag(
        new TagAssignment(
            TagTarget.column(ORDERS, "customer_email"), "classification", "confidential"));
    Resource policy =
        Resource.tagPolicy(
            "sales", TagExpression.parse("domain=sales AND classification IN (public,internal)"));
    catalog.addGrant(
        byGovernance(
            MARKETING_ADMIN, policy, Set.of(Permission.SELECT, Permission.DESCRIBE), Set.of()));

    assertThat(recorded.names())
        .containsExactly(
            "LakeFormation GetLFTag",
            "LakeFormation CreateLFTag",
            "LakeFormation AddLFTagsToResource",
            "LakeFormation AddLFTagsToResource",
            "S3 GetObject",
            "LakeFormation BatchGrantPermissions",
            "LakeFormation GrantPermissions",
            "S3 PutObject");
    CreateLfTagRequest create =
        recorded.of("LakeFormation", "CreateLFTag").get(0).as(CreateLfTagRequest.class);
    assertThat(create.catalogId()).isEqualTo(GOVERNANCE);
    assertThat(create.tagKey()).isEqualTo("domain");
    assertThat(create.tagValues()).containsExactly("product", "sales");
    List<AddLfTagsToResourceRequest> adds =
        recorded.of("LakeFormation", "AddLFTagsToResource").stream()
            .map(r -> r.as(AddLfTagsToResourceRequest.class))
            .toList();
    assertThat(adds.get(0).resource().table().name()).isEqualTo("orders");
    assertThat(adds.get(0).lfTags())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.catalogId()).isEqualTo(GOVERNANCE);
              assertThat(t.tagKey()).isEqualTo("domain");
              assertThat(t.tagValues()).containsExactly("sales");
            });
    assertThat(adds.get(1).resource().tableWithColumns().columnNames())
        .containsExactly("customer_email");
    var grant =
        recorded.of("LakeFormation", "GrantPermissions").get(0).as(GrantPermissionsRequest.class);
    var tagPolicy = grant.resource().lfTagPolicy();
    assertThat(tagPolicy.catalogId()).isEqualTo(GOVERNANCE);
    assertThat(tagPolicy.resourceType()).isEqualTo(ResourceType.TABLE);
    assertThat(tagPolicy.expression())
        .extracting(LFTag::tagKey, LFTag::tagValues)
        .containsExactly(
            Tuple.tuple("classification", List.of("internal", "public")),
            Tuple.tuple("domain", List.of("sales")));
    assertThat(grant.permissionsAsStrings()).containsExactly("SELECT", "DESCRIBE");
    // Shared with another account, the policy comes with DESCRIBE on its LF-tag values.
    assertThat(
            recorded
                .of("LakeFormation", "BatchGrantPermissions")
                .get(0)
                .as(BatchGrantPermissionsRequest.class)
                .entries())
        .extracting(
            e ->
                e.principal().dataLakePrincipalIdentifier()
                    + " "
                    + e.resource().lfTag().catalogId()
                    + ":"
                    + e.resource().lfTag().tagKey()
                    + "="
                    + e.resource().lfTag().tagValues()
                    + " "
                    + e.permissionsAsStrings()
                    + " "
                    + e.permissionsWithGrantOptionAsStrings())
        .containsExactly(
            MARKETING
                + " "
                + GOVERNANCE
                + ":classification=[internal, public] [DESCRIBE] [DESCRIBE]",
            MARKETING + " " + GOVERNANCE + ":domain=[sales] [DESCRIBE] [DESCRIBE]");
    assertThat(catalog.tagsOf(ORDERS))
        .containsExactlyInAnyOrder(
            new TagAssignment(TagTarget.table(ORDERS), "domain", "sales"),
            new TagAssignment(
                TagTarget.column(ORDERS, "customer_email"), "classification", "confidential"));
  }

  @Test
  void tablesAreFoundByTheirTagsThroughLakeFormationsSearch() {
    catalog.publish(LoopbackMesh.salesPublication("run-1", ORDERS, 11));
    catalog.assignTag(
        new TagAssignment(TagTarget.database(ORDERS.databaseId()), "domain", "sales"));
    catalog.assignTag(new TagAssignment(TagTarget.table(ORDERS), "classification", "internal"));
    recorded.clear();

    List<TableId> found =
        catalog.tablesMatching(
            "sales", TagExpression.parse("domain=sales AND classification=internal"));

    assertThat(found).containsExactly(ORDERS);
    assertThat(recorded.names())
        .containsExactly("Glue GetDatabases", "LakeFormation SearchTablesByLFTags");
    assertThat(catalog.tablesMatching("sales", TagExpression.parse("classification=public")))
        .isEmpty();
  }
}
