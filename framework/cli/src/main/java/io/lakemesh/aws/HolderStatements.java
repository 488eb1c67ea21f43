package io.lakemesh.aws;

import static io.lakemesh.aws.IamPolicies.GRANT_ACTIONS;
import static io.lakemesh.aws.IamPolicies.statement;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.aws.IamPolicies.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy statements of the account that holds entries (the governance account, a producer in
 * federated), beyond its Glue catalog: Lake Formation's grants, LF-tags and settings, location
 * registration, and the RAM shares of cross-account grants.
 */
final class HolderStatements {
  private HolderStatements() {}

  /**
   * What the account holding entries does beyond its Glue catalog: grants (named-resource grants
   * also read the table or database, which its catalog statement allows), LF-tags, location
   * registration, and the RAM shares Lake Formation manages on its behalf for cross-account grants
   * and revokes, as AWS's managed policy AWSLakeFormationCrossAccountManager allows them.
   */
  static void addTo(ArrayNode statements, Target target) {
    List<String> lakeFormation = new ArrayList<>(GRANT_ACTIONS);
    lakeFormation.addAll(
        List.of(
            "lakeformation:RegisterResource",
            "lakeformation:CreateLFTag",
            "lakeformation:UpdateLFTag",
            "lakeformation:GetLFTag",
            "lakeformation:ListLFTags",
            "lakeformation:AddLFTagsToResource",
            "lakeformation:RemoveLFTagsFromResource",
            "lakeformation:GetResourceLFTags",
            "lakeformation:SearchTablesByLFTags"));
    // Data filters are data cells filters the holder keeps beside its tables
    // (LakeFormationDataFilters).
    lakeFormation.addAll(
        List.of(
            "lakeformation:CreateDataCellsFilter",
            "lakeformation:GetDataCellsFilter",
            "lakeformation:ListDataCellsFilter",
            "lakeformation:DeleteDataCellsFilter"));
    statement(statements, "ManagePermissionsAndTags", lakeFormation, List.of("*"));
    // `aws setup` and doctor: Lake Formation's settings (data-lake administrators, default
    // permissions, cross-account version) and the Data Catalog resource policy
    // ("Managing cross-account permissions using both AWS Glue and Lake Formation").
    statement(
        statements,
        "LakeFormationSettings",
        List.of("lakeformation:GetDataLakeSettings", "lakeformation:PutDataLakeSettings"),
        List.of("*"));
    statement(
        statements,
        "CatalogResourcePolicy",
        List.of("glue:GetResourcePolicy", "glue:PutResourcePolicy"),
        List.of(target.glue(target.accountId(), "catalog")));
    locationRegistration(statements, target);
    ObjectNode create =
        statement(
            statements,
            "CreateLakeFormationShares",
            List.of("ram:CreateResourceShare"),
            List.of("*"));
    create
        .putObject("Condition")
        .putObject("StringLikeIfExists")
        .putArray("ram:RequestedResourceType")
        .add("glue:Table")
        .add("glue:Database")
        .add("glue:Catalog");
    ObjectNode manage =
        statement(
            statements,
            "ManageLakeFormationShares",
            List.of(
                "ram:UpdateResourceShare",
                "ram:DeleteResourceShare",
                "ram:AssociateResourceShare",
                "ram:DisassociateResourceShare",
                "ram:GetResourceShares"),
            List.of("*"));
    manage
        .putObject("Condition")
        .putObject("StringLike")
        .putArray("ram:ResourceShareName")
        .add("LakeFormation*");
    ObjectNode permission =
        statement(
            statements,
            "AssociateLakeFormationSharePermissions",
            List.of("ram:AssociateResourceSharePermission"),
            List.of("*"));
    permission
        .putObject("Condition")
        .putObject("ArnLike")
        .putArray("ram:PermissionArn")
        .add("arn:aws:ram::aws:permission/AWSRAMLFEnabled*");
  }

  /**
   * Registering a producer's location with Lake Formation hands Lake Formation a role: the
   * configured one (passed to Lake Formation only), or its service-linked role (created once).
   */
  private static void locationRegistration(ArrayNode statements, Target target) {
    if (target.registrationRoleArn().isPresent()) {
      ObjectNode pass =
          statement(
              statements,
              "PassLocationRoleToLakeFormation",
              List.of("iam:PassRole"),
              List.of(target.registrationRoleArn().get()));
      pass.putObject("Condition")
          .putObject("StringEquals")
          .put("iam:PassedToService", "lakeformation.amazonaws.com");
      return;
    }
    String linked =
        "arn:aws:iam::"
            + target.accountId()
            + ":role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess";
    ObjectNode create =
        statement(
            statements,
            "UseLakeFormationServiceLinkedRole",
            List.of("iam:CreateServiceLinkedRole", "iam:GetRole", "iam:PutRolePolicy"),
            List.of(linked));
    create
        .putObject("Condition")
        .putObject("StringEqualsIfExists")
        .put("iam:AWSServiceName", "lakeformation.amazonaws.com");
  }
}
