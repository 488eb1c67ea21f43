package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.ResourceLink.DatabaseLink;
import io.lakemesh.governance.ResourceLink.TableLink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Resource links as Glue keeps them: a database with a {@code TargetDatabase}, or a table with a
 * {@code TargetTable}, in the consumer's own Glue catalog (CatalogId = the consumer's AWS account),
 * pointing at the holder's catalog. Each link also names its target's mesh catalog in the parameter
 * {@code lakemesh.target_catalog}, because one Glue catalog may hold several producers.
 */
final class GlueResourceLinks {
  static final String TARGET_CATALOG = "lakemesh.target_catalog";
  private static final String NOT_FOUND = "EntityNotFoundException";

  private final GlueCatalogEntries glue;
  private final AwsNames names;
  private final RamInvitations ram;

  GlueResourceLinks(GlueCatalogEntries glue, AwsNames names, RamInvitations ram) {
    this.glue = glue;
    this.names = names;
    this.ram = ram;
  }

  /**
   * Creates the link: first accepts the consumer's pending shares from the target's holder (the
   * target is invisible until then), then the link database for a table link, then the link. A
   * re-run after a failure at any step converges: accepted shares stay accepted and an existing
   * link database is reused.
   */
  void create(ResourceLink link) {
    AwsAccount consumer = names.account(link.catalog());
    AwsAccount holder = names.holder(link.targetCatalog());
    if (!holder.awsAccountId().equals(consumer.awsAccountId())) {
      ram.acceptFrom(consumer, Set.of(holder.awsAccountId()));
    }
    Map<String, String> parameters =
        Map.of(
            GlueCatalogEntries.DATABASE_OWNER, consumer.id(), TARGET_CATALOG, link.targetCatalog());
    boolean created;
    if (link instanceof TableLink t) {
      ensureLinkDatabase(consumer, t.link().databaseId());
      created =
          glue.call(consumer, "glue:CreateTable", link)
              .unless(
                  () ->
                      glue.glue(consumer)
                          .createTable(
                              r ->
                                  r.catalogId(consumer.awsAccountId())
                                      .databaseName(names.database(t.link().database()))
                                      .tableInput(
                                          in ->
                                              in.name(t.link().table())
                                                  .parameters(parameters)
                                                  .targetTable(
                                                      tt ->
                                                          tt.catalogId(holder.awsAccountId())
                                                              .databaseName(
                                                                  names.database(
                                                                      t.target().database()))
                                                              .name(t.target().table())))),
                  "AlreadyExistsException")
              .isPresent();
    } else {
      DatabaseLink d = (DatabaseLink) link;
      created =
          glue.call(consumer, "glue:CreateDatabase", link)
              .unless(
                  () ->
                      glue.glue(consumer)
                          .createDatabase(
                              r ->
                                  r.catalogId(consumer.awsAccountId())
                                      .databaseInput(
                                          in ->
                                              in.name(names.database(d.link().database()))
                                                  .parameters(parameters)
                                                  .targetDatabase(
                                                      td ->
                                                          td.catalogId(holder.awsAccountId())
                                                              .databaseName(
                                                                  names.database(
                                                                      d.target().database()))))),
                  "AlreadyExistsException")
              .isPresent();
    }
    if (!created) {
      throw new AlreadyExistsException("a resource link named " + link.name() + " exists already");
    }
  }

  Optional<TableLink> findTable(TableId name) {
    AwsAccount consumer = names.account(name.catalog());
    return glue.getTable(consumer, names.database(name.database()), name.table(), name)
        .flatMap(t -> tableLink(name, t));
  }

  Optional<DatabaseLink> findDatabase(DatabaseId name) {
    AwsAccount consumer = names.account(name.catalog());
    return glue.getDatabase(consumer, names.database(name.database()), name)
        .flatMap(d -> databaseLink(name, d));
  }

  /** Whether the resource names one of its account's links: a table link or a database link. */
  boolean isLink(Resource resource) {
    if (resource instanceof Resource.Database d) {
      return findDatabase(d.id()).isPresent();
    }
    return resource.tableId().flatMap(this::findTable).isPresent();
  }

  /** The link Glue holds under the link's name, if there is one. */
  Optional<ResourceLink> find(ResourceLink link) {
    return link instanceof TableLink t
        ? findTable(t.link()).map(ResourceLink.class::cast)
        : findDatabase(((DatabaseLink) link).link()).map(ResourceLink.class::cast);
  }

  /** Database links first, then table links, each by name. */
  List<ResourceLink> list(String meshCatalog) {
    AwsAccount consumer = names.account(meshCatalog);
    List<ResourceLink> databaseLinks = new ArrayList<>();
    List<ResourceLink> tableLinks = new ArrayList<>();
    for (Database d : glue.databases(consumer)) {
      DatabaseId id = DatabaseId.of(meshCatalog, names.meshDatabase(d.name()).orElseThrow());
      databaseLink(id, d).ifPresent(databaseLinks::add);
      if (d.parameters().containsKey(GlueCatalogEntries.LINK_HOLDER)) {
        for (Table t : glue.tables(consumer, id)) {
          AwsNames.tableId(id.catalog(), id.database(), t.name())
              .flatMap(name -> tableLink(name, t))
              .ifPresent(tableLinks::add);
        }
      }
    }
    Comparator<ResourceLink> byName = Comparator.comparing(ResourceLink::name);
    databaseLinks.sort(byName);
    tableLinks.sort(byName);
    databaseLinks.addAll(tableLinks);
    return databaseLinks;
  }

  /** Deletes the link; a table or database of that name that is not a link is left alone. */
  boolean drop(ResourceLink link) {
    AwsAccount consumer = names.account(link.catalog());
    String catalogId = consumer.awsAccountId();
    if (link instanceof TableLink t) {
      String database = names.database(t.link().database());
      return findTable(t.link()).isPresent()
          && glue.call(consumer, "glue:DeleteTable", link)
              .unless(
                  () ->
                      glue.glue(consumer)
                          .deleteTable(
                              r ->
                                  r.catalogId(catalogId)
                                      .databaseName(database)
                                      .name(t.link().table())),
                  NOT_FOUND)
              .isPresent();
    }
    DatabaseLink d = (DatabaseLink) link;
    String database = names.database(d.link().database());
    return findDatabase(d.link()).isPresent()
        && glue.call(consumer, "glue:DeleteDatabase", link)
            .unless(
                () ->
                    glue.glue(consumer).deleteDatabase(r -> r.catalogId(catalogId).name(database)),
                NOT_FOUND)
            .isPresent();
  }

  private void ensureLinkDatabase(AwsAccount consumer, DatabaseId id) {
    String glueName = names.database(id.database());
    Optional<Database> existing = glue.getDatabase(consumer, glueName, id);
    if (existing.isPresent()) {
      if (existing.get().targetDatabase() != null
          || !existing.get().parameters().containsKey(GlueCatalogEntries.LINK_HOLDER)) {
        throw new AlreadyExistsException(
            "database "
                + id
                + " exists in Glue and is not a database of table links, so it cannot hold a table"
                + " link");
      }
      return;
    }
    Map<String, String> parameters =
        Map.of(
            GlueCatalogEntries.DATABASE_OWNER,
            consumer.id(),
            GlueCatalogEntries.LINK_HOLDER,
            "true");
    glue.call(consumer, "glue:CreateDatabase", id)
        .unless(
            () ->
                glue.glue(consumer)
                    .createDatabase(
                        r ->
                            r.catalogId(consumer.awsAccountId())
                                .databaseInput(in -> in.name(glueName).parameters(parameters))),
            // Created by a concurrent link to the same database: reuse it.
            "AlreadyExistsException");
  }

  private Optional<TableLink> tableLink(TableId name, Table t) {
    if (t.targetTable() == null) {
      return Optional.empty();
    }
    var target = t.targetTable();
    return targetCatalog(t.parameters(), GlueTableMapping.OWNER, target.catalogId())
        .flatMap(
            c ->
                names
                    .meshDatabase(target.databaseName())
                    .flatMap(db -> AwsNames.tableId(c, db, target.name())))
        .map(targetId -> new TableLink(name, targetId));
  }

  private Optional<DatabaseLink> databaseLink(DatabaseId name, Database d) {
    if (d.targetDatabase() == null) {
      return Optional.empty();
    }
    var target = d.targetDatabase();
    return targetCatalog(d.parameters(), GlueCatalogEntries.DATABASE_OWNER, target.catalogId())
        .flatMap(c -> names.meshDatabase(target.databaseName()).map(db -> DatabaseId.of(c, db)))
        .map(targetId -> new DatabaseLink(name, targetId));
  }

  /**
   * The target's mesh catalog: as recorded on the link; else, when Glue followed the link and
   * answered with the target's properties (GetTable, GetTables, and GetDatabase for a caller with
   * permissions on the target: "Resource link handling in AWS Glue APIs"), the catalog the target
   * names as its owner ({@code ownerKey}), if its Glue catalog holds that one; else the only one
   * its Glue catalog holds.
   */
  private Optional<String> targetCatalog(
      Map<String, String> parameters, String ownerKey, String targetAwsAccount) {
    Map<String, String> p = parameters == null ? Map.of() : parameters;
    List<String> held = names.catalogsHeldAt(targetAwsAccount);
    if (p.containsKey(TARGET_CATALOG)) {
      return Optional.of(p.get(TARGET_CATALOG));
    }
    if (held.contains(p.get(ownerKey))) {
      return Optional.of(p.get(ownerKey));
    }
    return held.size() == 1 ? Optional.of(held.get(0)) : Optional.empty();
  }
}
