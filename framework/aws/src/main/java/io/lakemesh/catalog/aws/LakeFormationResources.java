package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.lakeformation.model.DataCellsFilterResource;
import software.amazon.awssdk.services.lakeformation.model.LFTag;
import software.amazon.awssdk.services.lakeformation.model.ResourceType;
import software.amazon.awssdk.services.lakeformation.model.TableResource;
import software.amazon.awssdk.services.lakeformation.model.TableWildcard;

// The AWS SDK's Permission and Resource are spelled out in full where used: lakemesh's
// Permission and Resource are imported here.

/**
 * Mesh resources as Lake Formation resources, in the Glue catalog of the producer's holder.
 * Permissions keep their names. A database grant stands for "every table in it", which Lake
 * Formation spells as a table wildcard; the grantee also gets DESCRIBE on the database itself so
 * that it can see it and link to it.
 */
final class LakeFormationResources {
  /** One Lake Formation grant: a resource and what is granted on it. */
  record Entry(
      software.amazon.awssdk.services.lakeformation.model.Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable) {
    Entry {
      permissions = Set.copyOf(permissions);
      grantable = Set.copyOf(grantable);
    }

    String key() {
      return LakeFormationResources.key(resource);
    }

    List<software.amazon.awssdk.services.lakeformation.model.Permission> lfPermissions() {
      return lf(permissions);
    }

    List<software.amazon.awssdk.services.lakeformation.model.Permission> lfGrantable() {
      return lf(grantable);
    }
  }

  /** The name Lake Formation lists a table wildcard under. */
  private static final String ALL_TABLES = "ALL_TABLES";

  private final AwsNames names;
  private final Predicate<Resource> isLink;

  /**
   * @param isLink whether a resource names a resource link of its account (a table link, or a
   *     database link), asked only of an account whose products another account holds
   */
  LakeFormationResources(AwsNames names, Predicate<Resource> isLink) {
    this.names = names;
    this.isLink = isLink;
  }

  /**
   * The account whose Glue catalog holds the resource granted to {@code grantee}, and whose Lake
   * Formation grants on it: the holder of its catalog's entries, or, for a resource link, the
   * account that created it, in its own catalog. A link's permissions go only to principals "in
   * your AWS account" ("Granting resource link permissions"), so a grant to another account's
   * principal names a product and needs no look-up in Glue.
   */
  AwsAccount keeper(Principal grantee, Resource resource) {
    AwsAccount own = names.account(resource.catalog());
    AwsAccount holder = names.holder(resource.catalog());
    boolean linkable =
        !own.awsAccountId().equals(holder.awsAccountId())
            && grantee.account().equals(resource.catalog())
            && !(resource instanceof Resource.LfTagPolicy)
            && !(resource instanceof Resource.DataCellsFilter);
    return linkable && isLink.test(resource) ? own : holder;
  }

  /**
   * The Lake Formation grants that carry out {@code permissions} on {@code resource} for {@code
   * grantee}.
   *
   * @param wholeEntry whether the grant creates or removes the whole (grantee, resource) entry; the
   *     DESCRIBE on a granted database belongs to the entry, not to any one permission
   */
  List<Entry> entries(
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable,
      boolean wholeEntry) {
    String catalogId = keeper(grantee, resource).awsAccountId();
    if (resource instanceof Resource.Database d) {
      String database = names.database(d.id().database());
      Entry tables =
          new Entry(
              software.amazon.awssdk.services.lakeformation.model.Resource.builder()
                  .table(
                      t ->
                          t.catalogId(catalogId)
                              .databaseName(database)
                              .tableWildcard(TableWildcard.builder().build()))
                  .build(),
              permissions,
              grantable);
      if (!wholeEntry) {
        return List.of(tables);
      }
      Entry describe =
          new Entry(
              database(catalogId, d.id()),
              Set.of(Permission.DESCRIBE),
              grantable.isEmpty() ? Set.of() : Set.of(Permission.DESCRIBE));
      return List.of(tables, describe);
    }
    if (resource instanceof Resource.DataCellsFilter && sharedWithAccount(grantee, catalogId)) {
      // "Granting data filter permissions": SELECT on a data filter goes to an external AWS
      // account only with the grant option, so that its administrator can pass it on inside it.
      Set<Permission> withOption = EnumSet.noneOf(Permission.class);
      withOption.addAll(grantable);
      withOption.addAll(permissions);
      grantable = withOption;
    }
    return List.of(new Entry(of(resource, catalogId), permissions, grantable));
  }

  /** Whether Lake Formation names the grantee as a whole AWS account other than the catalog's. */
  private boolean sharedWithAccount(Principal grantee, String catalogId) {
    String principal = names.lakeFormationPrincipal(grantee);
    return principal.matches("\\d{12}") && !principal.equals(catalogId);
  }

  /** An LF-tag policy, in the catalog that keeps its tags. */
  software.amazon.awssdk.services.lakeformation.model.Resource of(Resource.LfTagPolicy policy) {
    return of(policy, catalogId(policy.catalog()));
  }

  /** The resource in the Glue catalog {@code catalogId} ({@link #keeper}'s). */
  private software.amazon.awssdk.services.lakeformation.model.Resource of(
      Resource resource, String catalogId) {
    var lf = software.amazon.awssdk.services.lakeformation.model.Resource.builder();
    if (resource instanceof Resource.Database d) {
      return database(catalogId, d.id());
    } else if (resource instanceof Resource.Table t) {
      lf.table(table(catalogId, t.id()));
    } else if (resource instanceof Resource.TableWithColumns c) {
      lf.tableWithColumns(
          tc -> {
            tc.catalogId(catalogId)
                .databaseName(names.database(c.id().database()))
                .name(c.id().table());
            if (c.included().isEmpty()) {
              tc.columnWildcard(w -> w.excludedColumnNames(c.excluded()));
            } else {
              tc.columnNames(c.included());
            }
          });
    } else if (resource instanceof Resource.DataCellsFilter f) {
      lf.dataCellsFilter(filter(catalogId, f.id(), f.filterName()));
    } else {
      Resource.LfTagPolicy p = (Resource.LfTagPolicy) resource;
      lf.lfTagPolicy(
          policy ->
              policy
                  .catalogId(catalogId(p.catalog()))
                  .resourceType(ResourceType.TABLE)
                  .expression(expression(p.expression())));
    }
    return lf.build();
  }

  /** A data filter of a table, in the Glue catalog {@code catalogId}. */
  DataCellsFilterResource filter(String catalogId, TableId table, String name) {
    return DataCellsFilterResource.builder()
        .tableCatalogId(catalogId)
        .databaseName(names.database(table.database()))
        .tableName(table.table())
        .name(name)
        .build();
  }

  /** Where an LF-tag value is assigned. */
  software.amazon.awssdk.services.lakeformation.model.Resource of(TagTarget target) {
    return switch (target.level()) {
      case DATABASE -> database(target.database());
      case TABLE ->
          software.amazon.awssdk.services.lakeformation.model.Resource.builder()
              .table(table(catalogId(target.catalog()), target.tableId()))
              .build();
      case COLUMN -> {
        TableId t = target.tableId();
        yield software.amazon.awssdk.services.lakeformation.model.Resource.builder()
            .tableWithColumns(
                tc ->
                    tc.catalogId(catalogId(t.catalog()))
                        .databaseName(names.database(t.database()))
                        .name(t.table())
                        .columnNames(target.column()))
            .build();
      }
    };
  }

  List<LFTag> expression(TagExpression expression) {
    return expression.terms().stream()
        .map(
            term ->
                LFTag.builder()
                    .tagKey(names.tagKey(term.key()))
                    .tagValues(List.copyOf(term.values()))
                    .build())
        .toList();
  }

  /**
   * DESCRIBE with grant option on each key of the policy and the values it names: what lets an
   * account that a tag policy is shared with see those LF-tags and cascade grants on them to its
   * own principals ("Permission cascading rules"; "Managing LF-Tag value permissions": a grant to
   * an external account must include the grant option).
   */
  List<Entry> tagDescribe(Resource.LfTagPolicy policy) {
    String catalogId = catalogId(policy.catalog());
    return expression(policy.expression()).stream()
        .map(tag -> tagDescribe(catalogId, tag.tagKey(), tag.tagValues(), true))
        .toList();
  }

  /** DESCRIBE, with or without its grant option, on these values of one LF-tag key. */
  static Entry tagDescribe(
      String catalogId, String tagKey, List<String> values, boolean grantable) {
    return new Entry(
        software.amazon.awssdk.services.lakeformation.model.Resource.builder()
            .lfTag(t -> t.catalogId(catalogId).tagKey(tagKey).tagValues(values))
            .build(),
        Set.of(Permission.DESCRIBE),
        grantable ? Set.of(Permission.DESCRIBE) : Set.of());
  }

  /**
   * The key-value pairs an LF-tag permission or an LF-tag policy names, as {@code key=value}; none
   * for other resources.
   */
  static Set<String> tagPairs(software.amazon.awssdk.services.lakeformation.model.Resource r) {
    Set<String> pairs = new TreeSet<>();
    if (r.lfTag() != null) {
      r.lfTag().tagValues().forEach(v -> pairs.add(r.lfTag().tagKey() + "=" + v));
    } else if (r.lfTagPolicy() != null) {
      for (LFTag term : r.lfTagPolicy().expression()) {
        term.tagValues().forEach(v -> pairs.add(term.tagKey() + "=" + v));
      }
    }
    return pairs;
  }

  software.amazon.awssdk.services.lakeformation.model.Resource database(DatabaseId id) {
    return database(catalogId(id.catalog()), id);
  }

  private software.amazon.awssdk.services.lakeformation.model.Resource database(
      String catalogId, DatabaseId id) {
    return software.amazon.awssdk.services.lakeformation.model.Resource.builder()
        .database(db -> db.catalogId(catalogId).name(names.database(id.database())))
        .build();
  }

  /** The AWS account id (Glue CatalogId) holding a mesh catalog's entries. */
  String catalogId(String meshCatalog) {
    return names.holder(meshCatalog).awsAccountId();
  }

  /**
   * A text that is equal for equal Lake Formation resources however they were built or returned
   * (column lists and tag values sorted), for comparing what lakemesh granted with what Lake
   * Formation lists.
   *
   * <p>A whole table has two shapes. Lake Formation lists SELECT on a table as {@code
   * TableWithColumns} with {@code ColumnWildcard {}} and the table's other permissions as {@code
   * Table} ("Lake Formation permissions reference": SELECT is the only permission of a "Table with
   * column filter"), so both shapes, and a column wildcard whose exclusion list is empty, have the
   * text of the table. Its table wildcard comes back named {@code ALL_TABLES} in both shapes; Glue
   * lower-cases table names, so no table can have that name.
   */
  static String key(software.amazon.awssdk.services.lakeformation.model.Resource r) {
    if (r.table() != null) {
      var t = r.table();
      return table(t.catalogId(), t.databaseName(), t.tableWildcard() != null ? null : t.name());
    }
    if (r.tableWithColumns() != null) {
      var c = r.tableWithColumns();
      if (c.columnWildcard() != null && c.columnWildcard().excludedColumnNames().isEmpty()) {
        return table(c.catalogId(), c.databaseName(), c.name());
      }
      String columns =
          c.columnWildcard() != null
              ? "all but " + sorted(c.columnWildcard().excludedColumnNames())
              : "only " + sorted(c.columnNames());
      return "columns " + c.catalogId() + ":" + c.databaseName() + "." + c.name() + " " + columns;
    }
    if (r.dataCellsFilter() != null) {
      var f = r.dataCellsFilter();
      return "data filter "
          + f.tableCatalogId()
          + ":"
          + f.databaseName()
          + "."
          + f.tableName()
          + " "
          + f.name();
    }
    if (r.database() != null) {
      return "database " + r.database().catalogId() + ":" + r.database().name();
    }
    if (r.lfTag() != null) {
      var t = r.lfTag();
      return "tag " + t.catalogId() + ":" + t.tagKey() + "=" + sorted(t.tagValues());
    }
    if (r.lfTagPolicy() != null) {
      var p = r.lfTagPolicy();
      String terms =
          p.expression().stream()
              .sorted(Comparator.comparing(LFTag::tagKey))
              .map(tag -> tag.tagKey() + "=" + sorted(tag.tagValues()))
              .collect(Collectors.joining(" AND "));
      return "tag policy " + p.catalogId() + ":" + p.resourceTypeAsString() + " " + terms;
    }
    return r.toString();
  }

  private static String table(String catalogId, String database, String name) {
    boolean wildcard = name == null || name.equals(ALL_TABLES);
    return "table " + catalogId + ":" + database + "." + (wildcard ? "*" : name);
  }

  static List<software.amazon.awssdk.services.lakeformation.model.Permission> lf(
      Set<Permission> permissions) {
    return permissions.stream()
        .sorted()
        .map(
            p -> software.amazon.awssdk.services.lakeformation.model.Permission.fromValue(p.name()))
        .toList();
  }

  /** Lake Formation's permissions that lakemesh also names; others are left out. */
  static Set<Permission> mesh(
      List<software.amazon.awssdk.services.lakeformation.model.Permission> permissions) {
    Set<Permission> mesh = EnumSet.noneOf(Permission.class);
    for (var p : permissions) {
      for (Permission candidate : Permission.values()) {
        if (candidate.name().equals(p.toString())) {
          mesh.add(candidate);
        }
      }
    }
    return mesh;
  }

  private TableResource table(String catalogId, TableId id) {
    return TableResource.builder()
        .catalogId(catalogId)
        .databaseName(names.database(id.database()))
        .name(id.table())
        .build();
  }

  private static String sorted(List<String> values) {
    return String.join(",", new TreeSet<>(values));
  }
}
