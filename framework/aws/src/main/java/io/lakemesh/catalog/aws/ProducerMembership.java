package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.DatabaseId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsFailureEntry;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsRequestEntry;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;
import software.amazon.awssdk.services.lakeformation.model.Permission;
import software.amazon.awssdk.services.lakeformation.model.Resource;
import software.amazon.awssdk.services.lakeformation.model.TableWildcard;

/**
 * A producer joining the mesh, once per database: the holder of its entries (the governance account
 * in central) creates the producer's database in its Glue catalog, registers the producer's storage
 * root with Lake Formation and grants the producer's account what publishing needs there,
 * CREATE_TABLE, ALTER and DESCRIBE on the database, ALTER and DESCRIBE on its tables and
 * DATA_LOCATION_ACCESS on its storage root, none of it with the grant option. The producer then
 * accepts the holder's resource shares and publishes with its own credentials; granting to
 * consumers stays with the holder. The database is marked as the producer's last, so a publisher
 * that finds it marked finds the grants too. Joining again changes nothing.
 */
final class ProducerMembership {
  private final AwsNames names;
  private final AwsClients clients;
  private final GlueCatalogEntries entries;
  private final LakeFormationLocations locations;
  private final RamInvitations ram;

  ProducerMembership(
      AwsNames names,
      AwsClients clients,
      GlueCatalogEntries entries,
      LakeFormationLocations locations,
      RamInvitations ram) {
    this.names = names;
    this.clients = clients;
    this.entries = entries;
    this.locations = locations;
    this.ram = ram;
  }

  /** Joins the producer's database; true when the database was created. */
  boolean join(DatabaseId database, Map<String, String> parameters) {
    boolean created = entries.ensureDatabase(database, parameters);
    locations.ensureStorageRootRegistered(database.catalog());
    AwsAccount holder = names.holder(database.catalog());
    AwsAccount producer = names.account(database.catalog());
    if (!holder.awsAccountId().equals(producer.awsAccountId())) {
      grant(holder, producer, database);
      ram.acceptFrom(producer, Set.of(holder.awsAccountId()));
    }
    entries.mark(database);
    return created;
  }

  /** One of the holder's grants to a producer that joined. */
  record JoinGrant(Resource resource, List<Permission> permissions) {}

  /**
   * The holder's grants to the producer of a joined database, when the producer is another AWS
   * account than its holder (in federated it holds its own entries and needs none).
   */
  List<JoinGrant> grants(DatabaseId database) {
    AwsAccount holder = names.holder(database.catalog());
    AwsAccount producer = names.account(database.catalog());
    if (holder.awsAccountId().equals(producer.awsAccountId())) {
      return List.of();
    }
    String catalogId = holder.awsAccountId();
    String glueName = names.database(database.database());
    List<JoinGrant> grants = new ArrayList<>();
    grants.add(
        new JoinGrant(
            Resource.builder().database(d -> d.catalogId(catalogId).name(glueName)).build(),
            List.of(Permission.CREATE_TABLE, Permission.ALTER, Permission.DESCRIBE)));
    grants.add(
        new JoinGrant(
            Resource.builder()
                .table(
                    t ->
                        t.catalogId(catalogId)
                            .databaseName(glueName)
                            .tableWildcard(TableWildcard.builder().build()))
                .build(),
            List.of(Permission.ALTER, Permission.DESCRIBE)));
    producer
        .storageRoot()
        .ifPresent(
            r ->
                grants.add(
                    new JoinGrant(
                        Resource.builder()
                            .dataLocation(l -> l.catalogId(catalogId).resourceArn(r.arn()))
                            .build(),
                        List.of(Permission.DATA_LOCATION_ACCESS))));
    return grants;
  }

  private void grant(AwsAccount holder, AwsAccount producer, DatabaseId database) {
    List<BatchPermissionsRequestEntry> batch = new ArrayList<>();
    for (JoinGrant g : grants(database)) {
      batch.add(
          BatchPermissionsRequestEntry.builder()
              .id(Integer.toString(batch.size()))
              .principal(
                  DataLakePrincipal.builder()
                      .dataLakePrincipalIdentifier(producer.awsAccountId())
                      .build())
              .resource(g.resource())
              .permissions(g.permissions())
              .build());
    }
    AwsCall call =
        clients.call(
            holder,
            "lakeformation:BatchGrantPermissions",
            "producer " + producer.id() + " on " + database);
    List<BatchPermissionsFailureEntry> failures =
        call.run(
            () ->
                clients
                    .lakeFormation(holder)
                    .batchGrantPermissions(r -> r.entries(batch))
                    .failures());
    LakeFormationPermissions.requireNoFailures(call, failures);
  }
}
