package io.lakemesh.catalog.aws.loopback;

import static io.lakemesh.catalog.aws.loopback.FakeLfResources.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.aws.loopback.FakeLakeFormation.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The data lake settings of each account of {@link FakeLakeFormation}, and the default grants they
 * give to new databases and tables. Read and written from Glue's side without the Lake Formation
 * fake's lock (Glue calls in while holding its own), so its state is concurrent.
 */
final class FakeLfSettings {
  static final String IAM_ALLOWED_PRINCIPALS = "IAM_ALLOWED_PRINCIPALS";

  private final Map<String, ObjectNode> settings = new ConcurrentHashMap<>();
  private final Queue<Entry> defaultGrants = new ConcurrentLinkedQueue<>();

  /** The account's data lake settings, as GetDataLakeSettings returns them. */
  ObjectNode dataLakeSettings(String catalogId) {
    return settings.computeIfAbsent(catalogId, k -> initialSettings()).deepCopy();
  }

  /**
   * "Changing the default settings for your data lake": for backward compatibility with Glue, a new
   * account's Lake Formation has "Use only IAM access control" on for new databases and tables,
   * that is CreateDatabaseDefaultPermissions and CreateTableDefaultPermissions grant ALL to
   * IAM_ALLOWED_PRINCIPALS, and no data lake administrator. "Updating cross-account data sharing
   * version settings": version 1 is the initial version.
   */
  private static ObjectNode initialSettings() {
    ObjectNode s = LoopbackAws.JSON.createObjectNode();
    s.putArray("DataLakeAdmins");
    s.set("CreateDatabaseDefaultPermissions", iamOnly());
    s.set("CreateTableDefaultPermissions", iamOnly());
    s.putObject("Parameters").put("CROSS_ACCOUNT_VERSION", "1");
    return s;
  }

  private static ArrayNode iamOnly() {
    ArrayNode list = LoopbackAws.JSON.createArrayNode();
    ObjectNode entry = list.addObject();
    entry.putObject("Principal").put("DataLakePrincipalIdentifier", IAM_ALLOWED_PRINCIPALS);
    entry.putArray("Permissions").add("ALL");
    return list;
  }

  private static boolean grantsIamAllowedPrincipals(JsonNode defaults) {
    if (defaults == null) {
      return false;
    }
    for (JsonNode e : defaults) {
      if (IAM_ALLOWED_PRINCIPALS.equals(
          e.path("Principal").path("DataLakePrincipalIdentifier").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * "Changing the default settings for your data lake" and "Upgrading AWS Glue data permissions to
   * the AWS Lake Formation model": while the defaults are on, a new database gets ALL for
   * IAM_ALLOWED_PRINCIPALS and carries the account's CreateTableDefaultPermissions (unless its
   * DatabaseInput set its own), and a new table in a database whose CreateTableDefaultPermissions
   * hold IAM_ALLOWED_PRINCIPALS gets ALL for it. Called by Glue while it holds its own lock, so the
   * grants are queued and applied before the Lake Formation fake next answers.
   */
  void created(String catalogId, ObjectNode database, ObjectNode table) {
    ObjectNode account = settings.computeIfAbsent(catalogId, k -> initialSettings());
    ObjectNode resource = LoopbackAws.JSON.createObjectNode();
    boolean iamOnly;
    if (table == null) {
      if (!database.has("CreateTableDefaultPermissions")) {
        database.set(
            "CreateTableDefaultPermissions",
            account.get("CreateTableDefaultPermissions").deepCopy());
      }
      iamOnly = grantsIamAllowedPrincipals(account.get("CreateDatabaseDefaultPermissions"));
      resource
          .putObject("Database")
          .put("CatalogId", catalogId)
          .put("Name", database.get("Name").asText());
    } else {
      iamOnly = grantsIamAllowedPrincipals(database.get("CreateTableDefaultPermissions"));
      resource
          .putObject("Table")
          .put("CatalogId", catalogId)
          .put("DatabaseName", database.get("Name").asText())
          .put("Name", table.get("Name").asText());
    }
    if (iamOnly) {
      defaultGrants.add(
          new Entry(
              catalogId,
              IAM_ALLOWED_PRINCIPALS,
              key(resource),
              resource,
              new TreeSet<>(Set.of("ALL")),
              new TreeSet<>()));
    }
  }

  /** The default grants queued since the last call, in the order the resources were created. */
  List<Entry> takeDefaultGrants() {
    List<Entry> taken = new ArrayList<>();
    for (Entry e; (e = defaultGrants.poll()) != null; ) {
      taken.add(e);
    }
    return taken;
  }

  /**
   * "Changing the default settings for your data lake": PutDataLakeSettings replaces the settings;
   * an omitted CreateDatabaseDefaultPermissions or CreateTableDefaultPermissions is the same as an
   * empty list (Lake Formation permissions in effect for new resources).
   */
  void putDataLakeSettings(String catalogId, JsonNode in) {
    ObjectNode s = in.deepCopy();
    for (String list :
        List.of(
            "DataLakeAdmins",
            "CreateDatabaseDefaultPermissions",
            "CreateTableDefaultPermissions")) {
      if (!s.has(list)) {
        s.putArray(list);
      }
    }
    if (!s.has("Parameters")) {
      s.putObject("Parameters");
    }
    settings.put(catalogId, s);
  }
}
