package io.lakemesh.catalog.aws.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Glue reads that follow resource links, as "Resource link handling in AWS Glue APIs" (Lake
 * Formation developer guide) documents them, with the permissions the fake Lake Formation holds.
 * Serves {@link FakeGlue}, under its lock.
 */
final class FakeGlueLinks {
  private final FakeGlue glue;
  private FakeLakeFormation lakeFormation;

  FakeGlueLinks(FakeGlue glue) {
    this.glue = glue;
  }

  void lakeFormation(FakeLakeFormation lakeFormation) {
    this.lakeFormation = lakeFormation;
  }

  /**
   * GetDatabase and GetDatabases: "If the caller has permissions on the target, follows the link to
   * return the target's properties. Otherwise, it returns the properties of the link." The link
   * keeps its own name, catalog and TargetDatabase.
   */
  ObjectNode followDatabase(LoopbackAws.Request request, ObjectNode database) {
    JsonNode target = database.get("TargetDatabase");
    if (target == null) {
      return database;
    }
    String catalogId = target.path("CatalogId").asText();
    String name = target.path("DatabaseName").asText();
    ObjectNode followed = glue.database(catalogId, name).orElse(null);
    if (followed == null || !entitled(request, catalogId, name, null)) {
      return database;
    }
    return identity(followed.deepCopy(), database, "TargetDatabase");
  }

  /**
   * GetTable: through a database link, the table (or table link) of the target database; a table
   * link is followed and answered with the target table's properties. The merged answer keeps the
   * link's name, database, catalog and TargetTable (Glue reads the target with a second GetTable
   * and answers with the link alone when that fails). Reaching a target through a link needs
   * DESCRIBE on the link as well: "After you create a resource link, only you can view and access
   * it" (Granting resource link permissions), so a named principal of the link's account without
   * DESCRIBE on it is refused; the account's administrator, who created it, is not.
   */
  ObjectNode getTable(LoopbackAws.Request request, String catalogId, String database, String name) {
    ObjectNode db = glue.requireDatabase(catalogId, database);
    JsonNode targetDb = db.get("TargetDatabase");
    if (targetDb != null) {
      requireDescribe(request, catalogId, db.get("Name").asText(), null);
      String targetCatalog = targetDb.path("CatalogId").asText();
      String targetName = targetDb.path("DatabaseName").asText();
      if (!entitled(request, targetCatalog, targetName, name)) {
        throw LoopbackAws.AwsFault.json("EntityNotFoundException", "Table " + name + " not found.");
      }
      List<ObjectNode> versions = glue.requireTable(targetCatalog, targetName, name);
      return versions.get(versions.size() - 1);
    }
    List<ObjectNode> versions = glue.requireTable(catalogId, database, name);
    ObjectNode table = versions.get(versions.size() - 1);
    if (table.has("TargetTable")) {
      requireDescribe(request, catalogId, database, name);
    }
    return followTable(request, table);
  }

  /**
   * GetTables: on a database link, the tables and table links of the target database that the
   * caller was granted, table links there not followed; on a database of the caller's own, every
   * table, each table link followed to its target's properties.
   */
  void getTables(LoopbackAws.Request request, String catalogId, String database, ObjectNode out) {
    ObjectNode db = glue.requireDatabase(catalogId, database);
    ArrayNode list = out.putArray("TableList");
    JsonNode targetDb = db.get("TargetDatabase");
    if (targetDb != null) {
      String targetCatalog = targetDb.path("CatalogId").asText();
      String targetName = targetDb.path("DatabaseName").asText();
      glue.tablesIn(targetCatalog, targetName)
          .forEach(
              (name, versions) -> {
                if (entitled(request, targetCatalog, targetName, name)) {
                  list.add(versions.get(versions.size() - 1));
                }
              });
      return;
    }
    glue.tablesIn(catalogId, database)
        .forEach(
            (name, versions) -> {
              ObjectNode table = versions.get(versions.size() - 1);
              if (!table.has("TargetTable") || describes(request, catalogId, database, name)) {
                list.add(followTable(request, table));
              }
            });
  }

  private ObjectNode followTable(LoopbackAws.Request request, ObjectNode table) {
    JsonNode target = table.get("TargetTable");
    if (target == null) {
      return table;
    }
    String catalogId = target.path("CatalogId").asText();
    String database = target.path("DatabaseName").asText();
    String name = target.path("Name").asText();
    List<ObjectNode> versions = glue.tablesIn(catalogId, database).get(name);
    if (versions == null || !entitled(request, catalogId, database, name)) {
      return table;
    }
    ObjectNode followed =
        identity(versions.get(versions.size() - 1).deepCopy(), table, "TargetTable");
    followed.set("DatabaseName", table.get("DatabaseName"));
    return followed;
  }

  /** The target's properties under the link's own name, catalog and target. */
  private static ObjectNode identity(ObjectNode followed, ObjectNode link, String targetField) {
    followed.set("Name", link.get("Name"));
    followed.set("CatalogId", link.get("CatalogId"));
    followed.set(targetField, link.get(targetField));
    return followed;
  }

  /** Whether the caller may read the target: its own catalog, or a Lake Formation permission. */
  private boolean entitled(
      LoopbackAws.Request request, String catalogId, String database, String table) {
    if (request.account().equals(catalogId) && request.principal() == null) {
      return true;
    }
    return lakeFormation != null
        && lakeFormation.entitled(
            request.account(), request.principal(), catalogId, database, table);
  }

  private boolean describes(
      LoopbackAws.Request request, String catalogId, String database, String table) {
    if (request.principal() == null || lakeFormation == null) {
      return true;
    }
    ObjectNode resource = LoopbackAws.JSON.createObjectNode();
    if (table == null) {
      resource.putObject("Database").put("CatalogId", catalogId).put("Name", database);
    } else {
      resource
          .putObject("Table")
          .put("CatalogId", catalogId)
          .put("DatabaseName", database)
          .put("Name", table);
    }
    return lakeFormation.holdsDescribe(catalogId, request.principal(), resource);
  }

  private void requireDescribe(
      LoopbackAws.Request request, String catalogId, String database, String table) {
    if (!describes(request, catalogId, database, table)) {
      throw LoopbackAws.AwsFault.json(
          "AccessDeniedException",
          "Insufficient Lake Formation permission(s) on "
              + (table == null ? database : database + "." + table));
    }
  }
}
