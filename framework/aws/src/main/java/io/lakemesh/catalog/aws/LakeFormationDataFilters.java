package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.DataCellsFilter;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;

// The AWS SDK's Resource is spelled out in full where used: lakemesh's
// Resource is imported here.

/**
 * Data filters as Lake Formation's data cells filters, kept beside the table in the Glue catalog of
 * the producer's holder.
 *
 * <p>Every call is the holder's. Lake Formation lets a data lake administrator, or a principal
 * holding SELECT with the grant option on the table, create and see a table's filters ("Managing
 * data filters"), and "at first, only you can view the data filters that you create" ("Granting
 * data filter permissions"): the holder, which makes every grant on the owner's authority, must be
 * able to see and grant each filter, and a producer that publishes into another account's catalog
 * holds neither. Which principal may create a filter on a table (its producer, or governance acting
 * for it) is decided by the governance rules before this is called, as for grants.
 */
final class LakeFormationDataFilters {
  private static final String NOT_FOUND = "EntityNotFoundException";
  // "Data Filter APIs": a RowFilter's FilterExpression is "not more than 2048 bytes long".
  private static final int MAX_EXPRESSION_BYTES = 2048;

  private final AwsNames names;
  private final AwsClients clients;
  private final LakeFormationResources resources;
  private final LakeFormationPermissions permissions;
  private final Function<String, List<DatabaseId>> databasesOf;

  /**
   * @param databasesOf the databases a mesh catalog holds, whose filters are its filters
   */
  LakeFormationDataFilters(
      AwsNames names,
      AwsClients clients,
      LakeFormationResources resources,
      LakeFormationPermissions permissions,
      Function<String, List<DatabaseId>> databasesOf) {
    this.names = names;
    this.clients = clients;
    this.resources = resources;
    this.permissions = permissions;
    this.databasesOf = databasesOf;
  }

  /**
   * CreateDataCellsFilter; a filter of that name on the table is an {@link AlreadyExistsException},
   * and a row filter longer than Lake Formation takes is refused before any call.
   */
  void create(DataFilter filter) {
    int bytes = filter.rowFilter().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_EXPRESSION_BYTES) {
      throw new InvalidRequestException(
          filter
              + ": its row filter is "
              + bytes
              + " bytes long; Lake Formation takes at most "
              + MAX_EXPRESSION_BYTES
              + ", so shorten the expression (IN lists and BETWEEN are shorter than ORs)");
    }
    AwsAccount holder = names.holder(filter.table().catalog());
    boolean created =
        clients
            .call(holder, "lakeformation:CreateDataCellsFilter", filter)
            .unless(
                () -> lf(holder).createDataCellsFilter(r -> r.tableData(toAws(holder, filter))),
                "AlreadyExistsException")
            .isPresent();
    if (!created) {
      throw new AlreadyExistsException(
          filter + " exists already; drop it first or choose another name");
    }
  }

  Optional<DataFilter> find(TableId table, String name) {
    AwsAccount holder = names.holder(table.catalog());
    String subject = "data filter " + name + " on " + table;
    return clients
        .call(holder, "lakeformation:GetDataCellsFilter", subject)
        .unless(
            () ->
                lf(holder)
                    .getDataCellsFilter(
                        r ->
                            r.tableCatalogId(holder.awsAccountId())
                                .databaseName(names.database(table.database()))
                                .tableName(table.table())
                                .name(name))
                    .dataCellsFilter(),
            NOT_FOUND)
        .flatMap(f -> toMesh(table.catalog(), f));
  }

  /**
   * The filters on the tables of the catalog's databases, by table and name: one
   * ListDataCellsFilter of the holder's catalog, of which the catalog's own databases are kept
   * (several producers' databases share a holder's catalog in central).
   */
  List<DataFilter> list(String catalog) {
    AwsAccount holder = names.holder(catalog);
    Set<String> databases = new HashSet<>();
    databasesOf.apply(catalog).forEach(d -> databases.add(names.database(d.database())));
    List<DataCellsFilter> listed =
        clients
            .call(holder, "lakeformation:ListDataCellsFilter", "catalog " + catalog)
            .run(
                () ->
                    lf(holder).listDataCellsFilterPaginator(r -> {}).stream()
                        .flatMap(page -> page.dataCellsFilters().stream())
                        .toList());
    List<DataFilter> filters = new ArrayList<>();
    for (DataCellsFilter f : listed) {
      if (holder.awsAccountId().equals(f.tableCatalogId())
          && databases.contains(f.databaseName())) {
        toMesh(catalog, f).ifPresent(filters::add);
      }
    }
    filters.sort(
        Comparator.comparing((DataFilter f) -> f.table().toString())
            .thenComparing(DataFilter::name));
    return filters;
  }

  /**
   * Revokes what the holder's Lake Formation still lists on the filter, then deletes it. Lake
   * Formation's pages do not say what becomes of the permissions on a deleted filter, so none is
   * left to come back with a filter created again under the same name. False when there was none.
   */
  boolean drop(TableId table, String name) {
    if (find(table, name).isEmpty()) {
      return false;
    }
    AwsAccount holder = names.holder(table.catalog());
    Resource.DataCellsFilter resource = Resource.filter(table, name);
    var lfResource =
        software.amazon.awssdk.services.lakeformation.model.Resource.builder()
            .dataCellsFilter(resources.filter(holder.awsAccountId(), table, name))
            .build();
    for (PrincipalResourcePermissions p : permissions.list(holder, null, lfResource)) {
      var held =
          new LakeFormationResources.Entry(
              lfResource,
              LakeFormationResources.mesh(p.permissions()),
              LakeFormationResources.mesh(p.permissionsWithGrantOption()));
      if (!held.permissions().isEmpty() || !held.grantable().isEmpty()) {
        permissions.apply(false, holder, p.principal(), List.of(held), resource);
      }
    }
    return clients
        .call(holder, "lakeformation:DeleteDataCellsFilter", resource)
        .unless(
            () ->
                lf(holder)
                    .deleteDataCellsFilter(
                        r ->
                            r.tableCatalogId(holder.awsAccountId())
                                .databaseName(names.database(table.database()))
                                .tableName(table.table())
                                .name(name)),
            NOT_FOUND)
        .isPresent();
  }

  /**
   * "Data filters in Lake Formation": a filter keeps every row with {@code AllRowsWildcard}, and
   * names its columns as a list to include or as a column wildcard with exclusions.
   */
  private DataCellsFilter toAws(AwsAccount holder, DataFilter filter) {
    return DataCellsFilter.builder()
        .tableCatalogId(holder.awsAccountId())
        .databaseName(names.database(filter.table().database()))
        .tableName(filter.table().table())
        .name(filter.name())
        .rowFilter(
            r -> {
              if (filter.allRows()) {
                r.allRowsWildcard(w -> {});
              } else {
                r.filterExpression(filter.rowFilter());
              }
            })
        .applyMutation(
            f -> {
              if (filter.includedColumns().isEmpty()) {
                f.columnWildcard(w -> w.excludedColumnNames(filter.excludedColumns()));
              } else {
                f.columnNames(filter.includedColumns());
              }
            })
        .build();
  }

  /** The filter as lakemesh names it; empty for one whose names are not valid mesh names. */
  private Optional<DataFilter> toMesh(String catalog, DataCellsFilter f) {
    Optional<TableId> table =
        names
            .meshDatabase(f.databaseName())
            .flatMap(database -> AwsNames.tableId(catalog, database, f.tableName()));
    if (table.isEmpty()) {
      return Optional.empty();
    }
    String rowFilter =
        f.rowFilter() == null || f.rowFilter().filterExpression() == null
            ? ""
            : f.rowFilter().filterExpression();
    List<String> included = f.hasColumnNames() ? f.columnNames() : List.of();
    List<String> excluded =
        f.columnWildcard() == null ? List.of() : f.columnWildcard().excludedColumnNames();
    try {
      return Optional.of(new DataFilter(table.get(), f.name(), rowFilter, included, excluded));
    } catch (RuntimeException e) {
      // A filter made outside lakemesh may use names lakemesh does not accept; it is not the
      // mesh's.
      return Optional.empty();
    }
  }

  private LakeFormationClient lf(AwsAccount account) {
    return clients.lakeFormation(account);
  }
}
