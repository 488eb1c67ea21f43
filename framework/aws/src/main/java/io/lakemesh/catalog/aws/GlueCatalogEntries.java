package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.CommitConflictException;
import io.lakemesh.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableVersion;

/**
 * Databases and tables of the mesh in Glue. A producer's entries live in its holder's Glue catalog
 * (the governance account's in central); each database names its producer in the parameter {@code
 * lakemesh.catalog}, so several producers share one Glue catalog without mixing.
 */
final class GlueCatalogEntries {
  static final String DATABASE_OWNER = "lakemesh.catalog";
  static final String LINK_HOLDER = "lakemesh.links";
  private static final String NOT_FOUND = "EntityNotFoundException";

  private final AwsNames names;
  private final AwsClients clients;

  GlueCatalogEntries(AwsNames names, AwsClients clients) {
    this.names = names;
    this.clients = clients;
  }

  /**
   * The producer's database in the holder's catalog, created when missing; true when this call
   * created it. A database is created without the mesh's mark ({@link #DATABASE_OWNER}), which
   * {@link #mark} adds once the producer holds its grants there: a publisher that finds the
   * database marked goes straight to CreateTable on those grants, while one that finds it unmarked
   * joins first, so a database another run is joining right now is never taken for a joined one.
   */
  boolean ensureDatabase(DatabaseId id, Map<String, String> parameters) {
    AwsAccount holder = names.holder(id.catalog());
    String glueName = names.database(id.database());
    Optional<Database> existing = getDatabase(holder, glueName, id);
    if (existing.isPresent()) {
      requireOwnedOrUnmarked(existing.get(), id);
      return false;
    }
    boolean created =
        call(holder, "glue:CreateDatabase", id)
            .unless(
                () ->
                    glue(holder)
                        .createDatabase(
                            r ->
                                r.catalogId(holder.awsAccountId())
                                    .databaseInput(
                                        // "Changing the default settings for your data lake": a
                                        // database may override the account's "Use only IAM
                                        // access control" for its new tables; a mesh database
                                        // always does, so Lake Formation's grants are in effect.
                                        d ->
                                            d.name(glueName)
                                                .parameters(parameters)
                                                .createTableDefaultPermissions(List.of()))),
                "AlreadyExistsException")
            .isPresent();
    if (!created) {
      // Another publisher created it first; it counts as present if it is this producer's.
      getDatabase(holder, glueName, id).ifPresent(d -> requireOwnedOrUnmarked(d, id));
    }
    return created;
  }

  /**
   * Marks the producer's database as its own, keeping what is there (Iceberg's parameters, or the
   * join's); nothing when it is marked already.
   */
  void mark(DatabaseId id) {
    AwsAccount holder = names.holder(id.catalog());
    Database database =
        getDatabase(holder, names.database(id.database()), id)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "Glue database "
                            + names.database(id.database())
                            + " of "
                            + id
                            + " was deleted while the producer joined; run again"));
    if (!isUnowned(database)) {
      requireOwned(database, id);
      return;
    }
    Map<String, String> parameters = new TreeMap<>(database.parameters());
    parameters.put(DATABASE_OWNER, id.catalog());
    call(holder, "glue:UpdateDatabase", id)
        .run(
            () ->
                glue(holder)
                    .updateDatabase(
                        r ->
                            r.catalogId(holder.awsAccountId())
                                .name(database.name())
                                .databaseInput(meshInput(database, parameters))));
  }

  private void requireOwnedOrUnmarked(Database database, DatabaseId id) {
    if (!isUnowned(database)) {
      requireOwned(database, id);
    }
  }

  /** Databases of one catalog, or of every configured catalog when {@code meshCatalog} is null. */
  List<DatabaseId> listDatabases(String meshCatalog) {
    List<AwsAccount> holders =
        meshCatalog == null ? names.holders() : List.of(names.holder(meshCatalog));
    List<DatabaseId> found = new ArrayList<>();
    for (AwsAccount holder : holders) {
      for (Database d : databases(holder)) {
        String owner = d.parameters().get(DATABASE_OWNER);
        boolean product =
            owner != null && d.targetDatabase() == null && !d.parameters().containsKey(LINK_HOLDER);
        boolean wanted =
            meshCatalog == null
                ? names.config().accounts().containsKey(owner)
                : meshCatalog.equals(owner);
        if (product && wanted) {
          names.meshDatabase(d.name()).ifPresent(n -> found.add(DatabaseId.of(owner, n)));
        }
      }
    }
    found.sort(Comparator.comparing(DatabaseId::catalog).thenComparing(DatabaseId::database));
    return found;
  }

  Optional<CatalogTable> find(TableId id) {
    return glueTable(id).flatMap(t -> GlueTableMapping.entry(id, t));
  }

  List<CatalogTable> listTables(String meshCatalog) {
    List<CatalogTable> tables = new ArrayList<>();
    for (DatabaseId db : listDatabases(meshCatalog)) {
      for (Table t : tables(names.holder(db.catalog()), db)) {
        AwsNames.tableId(db.catalog(), db.database(), t.name())
            .flatMap(id -> GlueTableMapping.entry(id, t))
            .ifPresent(tables::add);
      }
    }
    tables.sort(Comparator.comparing((CatalogTable t) -> t.id().toString()));
    return tables;
  }

  /** The entry's versions, oldest first: the first Glue version of each lakemesh version. */
  List<CatalogTable> versions(TableId id) {
    AwsAccount holder = names.holder(id.catalog());
    Map<Long, CatalogTable> byVersion = new TreeMap<>();
    List<TableVersion> glueVersions =
        call(holder, "glue:GetTableVersions", id)
            .unless(
                () ->
                    glue(holder)
                        .getTableVersionsPaginator(
                            r ->
                                r.catalogId(holder.awsAccountId())
                                    .databaseName(names.database(id.database()))
                                    .tableName(id.table()))
                        .stream()
                        .flatMap(page -> page.tableVersions().stream())
                        .toList(),
                NOT_FOUND)
            .orElse(List.of());
    glueVersions.stream()
        .sorted(Comparator.comparing(GlueCatalogEntries::glueVersion))
        .forEach(
            v ->
                GlueTableMapping.entry(id, v.table())
                    .ifPresent(e -> byVersion.putIfAbsent(e.version(), e)));
    return List.copyOf(byVersion.values());
  }

  /**
   * Makes the table the entry's next version, unless it publishes the snapshot already published.
   * Glue's optimistic lock (UpdateTable with the version read) turns a concurrent publish into a
   * {@link CommitConflictException} rather than a lost or duplicated version.
   *
   * <p>Every call is made by the producer, in the holder's catalog, on the Lake Formation
   * permissions the holder granted it when it joined; {@code join} runs first when the producer's
   * database is not there yet.
   */
  void commit(CatalogTable table, Consumer<DatabaseId> join) {
    TableId id = table.id();
    AwsAccount holder = names.holder(id.catalog());
    AwsAccount producer = names.account(id.catalog());
    String catalogId = holder.awsAccountId();
    String database = names.database(id.database());
    Optional<Database> existing = getDatabase(producer, catalogId, database, id);
    if (existing.isEmpty() || isUnowned(existing.get())) {
      join.accept(id.databaseId());
    } else {
      requireOwned(existing.get(), id.databaseId());
    }
    Optional<Table> current = getTable(producer, catalogId, database, id.table(), id);
    if (current.isPresent() && current.get().targetTable() != null) {
      throw new InvalidRequestException(
          id + " is a resource link in Glue, not a table to publish to");
    }
    Optional<CatalogTable> published = current.flatMap(t -> GlueTableMapping.entry(id, t));
    if (current.isPresent()
        && published.isEmpty()
        && !GlueTableMapping.isIcebergTableAt(current.get(), table.location())) {
      throw new AlreadyExistsException(
          "Glue table "
              + names.database(id.database())
              + "."
              + id.table()
              + " in catalog "
              + holder.awsAccountId()
              + " exists but is not lakemesh's entry for "
              + id);
    }
    if (published.isPresent() && sameSnapshot(published.get(), table)) {
      return;
    }
    long next = published.map(CatalogTable::version).orElse(0L) + 1;
    var input = GlueTableMapping.input(table.withVersion(next, Instant.now()), current);
    boolean committed =
        current.isEmpty()
            ? call(producer, "glue:CreateTable", id)
                .unless(
                    () ->
                        glue(producer)
                            .createTable(
                                r ->
                                    r.catalogId(catalogId)
                                        .databaseName(database)
                                        .tableInput(input)),
                    "AlreadyExistsException")
                .isPresent()
            : call(producer, "glue:UpdateTable", id)
                .unless(
                    () ->
                        glue(producer)
                            .updateTable(
                                r ->
                                    r.catalogId(catalogId)
                                        .databaseName(database)
                                        .tableInput(input)
                                        .versionId(current.get().versionId())),
                    "ConcurrentModificationException")
                .isPresent();
    if (!committed) {
      throw new CommitConflictException(
          "aws catalog '"
              + clients.catalog()
              + "': "
              + id
              + " was published concurrently; version "
              + next
              + " went to the other run",
          null);
    }
  }

  /**
   * The raw Glue table of an entry, links included, read by the holder, or by the producer in its
   * own config (on the DESCRIBE it joined with), so that its jobs never need the holder's role.
   */
  Optional<Table> glueTable(TableId id) {
    AwsAccount holder = names.holder(id.catalog());
    AwsAccount caller = names.actsAs(id.catalog()) ? names.account(id.catalog()) : holder;
    return getTable(caller, holder.awsAccountId(), names.database(id.database()), id.table(), id);
  }

  Optional<Table> getTable(AwsAccount account, String glueDatabase, String table, Object subject) {
    return getTable(account, account.awsAccountId(), glueDatabase, table, subject);
  }

  /** A table of the Glue catalog {@code catalogId}, read by {@code caller}. */
  Optional<Table> getTable(
      AwsAccount caller, String catalogId, String glueDatabase, String table, Object subject) {
    return call(caller, "glue:GetTable", subject)
        .unless(
            () ->
                glue(caller)
                    .getTable(r -> r.catalogId(catalogId).databaseName(glueDatabase).name(table))
                    .table(),
            NOT_FOUND);
  }

  Optional<Database> getDatabase(AwsAccount account, String glueDatabase, Object subject) {
    return getDatabase(account, account.awsAccountId(), glueDatabase, subject);
  }

  /** A database of the Glue catalog {@code catalogId}, read by {@code caller}. */
  Optional<Database> getDatabase(
      AwsAccount caller, String catalogId, String glueDatabase, Object subject) {
    return call(caller, "glue:GetDatabase", subject)
        .unless(
            () ->
                glue(caller).getDatabase(r -> r.catalogId(catalogId).name(glueDatabase)).database(),
            NOT_FOUND);
  }

  /** The account's databases that carry the name prefix. */
  List<Database> databases(AwsAccount account) {
    return call(account, "glue:GetDatabases", "catalog " + account.awsAccountId())
        .run(
            () ->
                glue(account)
                    .getDatabasesPaginator(r -> r.catalogId(account.awsAccountId()))
                    .stream()
                    .flatMap(page -> page.databaseList().stream())
                    .filter(d -> names.meshDatabase(d.name()).isPresent())
                    .toList());
  }

  List<Table> tables(AwsAccount account, DatabaseId db) {
    return call(account, "glue:GetTables", db)
        .run(
            () ->
                glue(account)
                    .getTablesPaginator(
                        r ->
                            r.catalogId(account.awsAccountId())
                                .databaseName(names.database(db.database())))
                    .stream()
                    .flatMap(page -> page.tableList().stream())
                    .toList());
  }

  AwsCall call(AwsAccount account, String api, Object subject) {
    return clients.call(account, api, subject);
  }

  GlueClient glue(AwsAccount account) {
    return clients.glue(account);
  }

  /**
   * A database with no mesh owner and no links: the one Iceberg's GlueCatalog creates when the
   * producer's job first writes its table into this catalog ({@code CREATE NAMESPACE}).
   */
  private static boolean isUnowned(Database database) {
    return database.targetDatabase() == null
        && !database.parameters().containsKey(DATABASE_OWNER)
        && !database.parameters().containsKey(LINK_HOLDER);
  }

  /**
   * The database written back with these parameters, as a mesh database: with no table defaults of
   * its own ("Changing the default settings for your data lake"), so the tables created in it get
   * no IAM_ALLOWED_PRINCIPALS grant.
   */
  static DatabaseInput meshInput(Database database, Map<String, String> parameters) {
    return DatabaseInput.builder()
        .name(database.name())
        .description(database.description())
        .locationUri(database.locationUri())
        .parameters(parameters)
        .createTableDefaultPermissions(List.of())
        .build();
  }

  private void requireOwned(Database database, DatabaseId id) {
    String owner = database.parameters().get(DATABASE_OWNER);
    if (!id.catalog().equals(owner)
        || database.targetDatabase() != null
        || database.parameters().containsKey(LINK_HOLDER)) {
      throw new AlreadyExistsException(
          "Glue database "
              + database.name()
              + " in catalog "
              + database.catalogId()
              + " exists but "
              + (owner == null ? "belongs to no mesh catalog" : "is catalog " + owner + "'s")
              + (database.targetDatabase() != null || database.parameters().containsKey(LINK_HOLDER)
                  ? " and holds links"
                  : "")
              + ", so it cannot hold "
              + id);
    }
  }

  private static boolean sameSnapshot(CatalogTable current, CatalogTable table) {
    Optional<String> snapshot = table.parameter(TableParameters.SNAPSHOT_ID);
    return snapshot.isPresent() && snapshot.equals(current.parameter(TableParameters.SNAPSHOT_ID));
  }

  private static long glueVersion(TableVersion v) {
    try {
      return Long.parseLong(v.versionId());
    } catch (NumberFormatException | NullPointerException e) {
      return Long.MAX_VALUE;
    }
  }
}
