package io.lakemesh.catalog.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;
import software.amazon.awssdk.services.lakeformation.model.Resource;

/**
 * The steps of {@link LakeFormationSetup} for each mesh database a holder keeps ("Upgrading AWS
 * Glue data permissions to the AWS Lake Formation model"): new tables get no IAM_ALLOWED_PRINCIPALS
 * grant, and the database and its tables hold none.
 */
final class MeshDatabaseSetup {
  private final AwsNames names;
  private final AwsClients clients;
  private final LakeFormationPermissions permissions;

  MeshDatabaseSetup(AwsNames names, AwsClients clients, LakeFormationPermissions permissions) {
    this.names = names;
    this.clients = clients;
    this.permissions = permissions;
  }

  /** The steps for every mesh database in the holder's catalog, as AWS is now. */
  List<SetupStep> steps(AwsAccount holder) {
    List<SetupStep> steps = new ArrayList<>();
    for (Database database : meshDatabases(holder)) {
      steps.add(databaseDefaults(holder, database));
      steps.add(iamAllowedPrincipals(holder, database));
    }
    return steps;
  }

  private List<Database> meshDatabases(AwsAccount holder) {
    List<String> held = names.catalogsHeldAt(holder.awsAccountId());
    return clients
        .call(holder, "glue:GetDatabases", "catalog " + holder.awsAccountId())
        .run(
            () ->
                clients
                    .glue(holder)
                    .getDatabasesPaginator(r -> r.catalogId(holder.awsAccountId()))
                    .stream()
                    .flatMap(page -> page.databaseList().stream())
                    .filter(d -> d.targetDatabase() == null)
                    .filter(
                        d -> held.contains(d.parameters().get(GlueCatalogEntries.DATABASE_OWNER)))
                    .toList());
  }

  private SetupStep databaseDefaults(AwsAccount holder, Database database) {
    String check = "database defaults " + database.name();
    if (database.createTableDefaultPermissions().isEmpty()) {
      return SetupStep.ok(holder.id(), check, "new tables get no IAM_ALLOWED_PRINCIPALS grant");
    }
    return SetupStep.change(
        holder.id(),
        check,
        "new tables in " + database.name() + " get IAM_ALLOWED_PRINCIPALS ALL",
        "empty the database's CreateTableDefaultPermissions (glue:UpdateDatabase)",
        () ->
            clients
                .call(holder, "glue:UpdateDatabase", "database " + database.name())
                .run(
                    () ->
                        clients
                            .glue(holder)
                            .updateDatabase(
                                r ->
                                    r.catalogId(holder.awsAccountId())
                                        .name(database.name())
                                        .databaseInput(
                                            GlueCatalogEntries.meshInput(
                                                database, database.parameters())))));
  }

  private SetupStep iamAllowedPrincipals(AwsAccount holder, Database database) {
    String check = "IAM_ALLOWED_PRINCIPALS " + database.name();
    DataLakePrincipal everyone =
        DataLakePrincipal.builder()
            .dataLakePrincipalIdentifier(LakeFormationSetup.IAM_ALLOWED_PRINCIPALS)
            .build();
    List<Resource> resources = new ArrayList<>();
    resources.add(
        Resource.builder()
            .database(d -> d.catalogId(holder.awsAccountId()).name(database.name()))
            .build());
    for (Table table : tables(holder, database)) {
      resources.add(
          Resource.builder()
              .table(
                  t ->
                      t.catalogId(holder.awsAccountId())
                          .databaseName(database.name())
                          .name(table.name()))
              .build());
    }
    List<PrincipalResourcePermissions> held = new ArrayList<>();
    for (Resource resource : resources) {
      held.addAll(permissions.list(holder, everyone, resource));
    }
    if (held.isEmpty()) {
      return SetupStep.ok(
          holder.id(), check, "no IAM_ALLOWED_PRINCIPALS grant on the database or its tables");
    }
    List<String> on =
        held.stream().map(p -> LakeFormationResources.key(p.resource())).distinct().toList();
    return SetupStep.change(
        holder.id(),
        check,
        "IAM_ALLOWED_PRINCIPALS holds permissions on " + String.join(", ", on),
        "revoke them (lakeformation:RevokePermissions); IAM policies then no longer bypass Lake"
            + " Formation there",
        () -> held.forEach(p -> revoke(holder, everyone, p)));
  }

  private void revoke(
      AwsAccount holder, DataLakePrincipal principal, PrincipalResourcePermissions p) {
    clients
        .call(holder, "lakeformation:RevokePermissions", LakeFormationResources.key(p.resource()))
        .unless(
            () ->
                clients
                    .lakeFormation(holder)
                    .revokePermissions(
                        r ->
                            r.principal(principal)
                                .resource(p.resource())
                                .permissionsWithStrings(p.permissionsAsStrings())
                                .permissionsWithGrantOptionWithStrings(
                                    p.permissionsWithGrantOptionAsStrings())),
            "InvalidInputException");
  }

  private List<Table> tables(AwsAccount holder, Database database) {
    return clients
        .call(holder, "glue:GetTables", "database " + database.name())
        .run(
            () ->
                clients
                    .glue(holder)
                    .getTablesPaginator(
                        r -> r.catalogId(holder.awsAccountId()).databaseName(database.name()))
                    .stream()
                    .flatMap(page -> page.tableList().stream())
                    .filter(t -> t.targetTable() == null)
                    .toList());
  }
}
