package io.lakemesh.catalog.aws;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.LfTag;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The live AWS run of the contract suites, in the manner of Trino's Glue tests: each test gets a
 * random name prefix for its Glue databases and LF-tags and a random folder under the records root,
 * and everything carrying them is deleted afterwards, because the test accounts are shared.
 *
 * <p>Runs only with {@code LAKEMESH_AWS_IT=1} and {@code LAKEMESH_AWS_IT_CONFIG} naming a
 * properties file with the aws catalog's properties for every catalog the suites name (see the
 * README); skipped otherwise, with the reason shown.
 */
final class LiveAws {
  static final String ENABLE = "LAKEMESH_AWS_IT";
  static final String CONFIG = "LAKEMESH_AWS_IT_CONFIG";

  private Map<String, String> properties;

  /**
   * A catalog of its own for the current test; the test is skipped, with the reason, unless live
   * AWS is set up.
   */
  GlueGovernanceCatalog newCatalog() {
    return newCatalog(requireConfigured());
  }

  /** A catalog of its own for the current test, on the accounts these properties configure. */
  GlueGovernanceCatalog newCatalog(Map<String, String> base) {
    properties = isolated(base);
    GlueGovernanceCatalog catalog = new GlueGovernanceCatalog();
    catalog.initialize("lakemesh-it", properties);
    return catalog;
  }

  /**
   * Another catalog on the current test's accounts and records (after {@link #newCatalog}), with
   * some properties changed: a producer's own config, say.
   */
  GlueGovernanceCatalog sameCatalogWith(Map<String, String> overrides) {
    Map<String, String> changed = new LinkedHashMap<>(properties);
    changed.putAll(overrides);
    GlueGovernanceCatalog catalog = new GlueGovernanceCatalog();
    catalog.initialize("lakemesh-it", changed);
    return catalog;
  }

  /**
   * A catalog for the storage suite, holding what Lake Formation insists exists before it grants or
   * tags (the embedded catalog does not): the tables and databases the suite names, and the LF-tags
   * it assigns, defined in the account that holds the producers' entries. That account must not be
   * one whose tag definitions the suite checks (governance, retail-gov, finance-gov).
   */
  GlueGovernanceCatalog newStorageCatalog() {
    return prepareStorage(newCatalog());
  }

  static GlueGovernanceCatalog prepareStorage(GlueGovernanceCatalog catalog) {
    List<String> tables = new ArrayList<>(List.of("orders", "returns"));
    for (int round = 0; round < 8; round++) {
      tables.add("t" + round);
    }
    tables.forEach(t -> publish(catalog, TableId.of("sales", "sales", t)));
    publish(catalog, TableId.of("product", "product", "inventory"));
    catalog.ensureDatabase(DatabaseId.of("sales", "archive"), Map.of());
    Set<String> holders = new HashSet<>();
    for (String producer : List.of("sales", "product")) {
      String holder = catalog.config().account(producer).holder();
      if (holders.add(holder)) {
        catalog.createTag(holder, LfTag.of("domain", "sales", "product", "finance"));
        catalog.createTag(holder, LfTag.of("classification", "public", "internal", "confidential"));
      }
    }
    return catalog;
  }

  static void publish(GlueGovernanceCatalog catalog, TableId id) {
    List<Column> columns =
        List.of(
            new Column("order_id", "bigint", false, "", false),
            new Column("customer_id", "string", true, "", true),
            new Column("amount", "decimal(12,2)", false, "", false),
            new Column("country", "string", true, "", false));
    catalog.publish(
        new Publication(CatalogFixtures.table(id, 1, columns, Map.of()), null, null, null));
  }

  /** Deletes what the current test created, if it ran. */
  void cleanUp() {
    if (properties != null) {
      cleanUp(properties);
      properties = null;
    }
  }

  /** The configured properties; skips the calling test class when live tests are not set up. */
  static Map<String, String> requireConfigured() {
    assumeTrue(
        "1".equals(System.getenv(ENABLE)),
        "live AWS contract tests run only with " + ENABLE + "=1 and AWS credentials");
    String path = System.getenv(CONFIG);
    assumeTrue(
        path != null && Files.isReadable(Path.of(path)),
        CONFIG + " must name a readable properties file with the aws catalog's test accounts");
    Map<String, String> properties = read(Path.of(path));
    assumeTrue(
        hasCredentials(properties),
        "no AWS credentials: name profiles or roles per account in "
            + path
            + ", or set AWS_PROFILE or AWS_ACCESS_KEY_ID");
    return properties;
  }

  /** The properties with a fresh name prefix and records folder for one test. */
  static Map<String, String> isolated(Map<String, String> base) {
    String run = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Map<String, String> properties = new LinkedHashMap<>(base);
    properties.put(
        AwsCatalogConfig.NAME_PREFIX,
        base.getOrDefault(AwsCatalogConfig.NAME_PREFIX, "") + run + "_");
    String root = base.get(AwsCatalogConfig.RECORDS_ROOT);
    properties.put(
        AwsCatalogConfig.RECORDS_ROOT, (root.endsWith("/") ? root : root + "/") + run + "/");
    return properties;
  }

  /**
   * Deletes what one test left: its permissions, databases (with their tables and links), LF-tags
   * and records. Best effort per item, so one failure does not leave the rest behind.
   */
  static void cleanUp(Map<String, String> properties) {
    AwsCatalogConfig config = AwsCatalogConfig.from(properties);
    String prefix = config.namePrefix();
    try (AwsClients clients = new AwsClients("lakemesh-it", config, List.of())) {
      Set<String> seen = new HashSet<>();
      for (AwsAccount account : config.accounts().values()) {
        if (!seen.add(account.awsAccountId())) {
          continue;
        }
        revokeAll(clients.lakeFormation(account), prefix, storageRoots(config));
        dropFilters(clients.lakeFormation(account), prefix);
        dropDatabases(clients.glue(account), account.awsAccountId(), prefix);
        dropTags(clients.lakeFormation(account), account.awsAccountId(), prefix);
      }
      AwsAccount owner = config.account(config.recordsAccount());
      deleteRecords(clients.s3(owner), config.recordsRoot());
    }
  }

  /**
   * The producers' storage roots: joining grants DATA_LOCATION_ACCESS on them, which carries no
   * name prefix.
   */
  private static Set<String> storageRoots(AwsCatalogConfig config) {
    Set<String> roots = new HashSet<>();
    config.accounts().values().forEach(a -> a.storageRoot().ifPresent(r -> roots.add(r.arn())));
    return roots;
  }

  private static void revokeAll(LakeFormationClient lf, String prefix, Set<String> roots) {
    lf.listPermissionsPaginator(r -> {}).stream()
        .flatMap(page -> page.principalResourcePermissions().stream())
        .filter(
            p ->
                LakeFormationResources.key(p.resource()).contains(":" + prefix)
                    || LakeFormationResources.key(p.resource()).contains(" " + prefix)
                    || (p.resource().dataLocation() != null
                        && roots.contains(p.resource().dataLocation().resourceArn())))
        .forEach(
            p ->
                quietly(
                    () ->
                        lf.revokePermissions(
                            r ->
                                r.principal(p.principal())
                                    .resource(p.resource())
                                    .permissions(p.permissions())
                                    .permissionsWithGrantOption(p.permissionsWithGrantOption()))));
  }

  private static void dropFilters(LakeFormationClient lf, String prefix) {
    lf.listDataCellsFilterPaginator(r -> {}).stream()
        .flatMap(page -> page.dataCellsFilters().stream())
        .filter(f -> f.databaseName().startsWith(prefix))
        .forEach(
            f ->
                quietly(
                    () ->
                        lf.deleteDataCellsFilter(
                            r ->
                                r.tableCatalogId(f.tableCatalogId())
                                    .databaseName(f.databaseName())
                                    .tableName(f.tableName())
                                    .name(f.name()))));
  }

  private static void dropDatabases(GlueClient glue, String catalogId, String prefix) {
    List<Database> databases =
        glue.getDatabasesPaginator(r -> r.catalogId(catalogId)).stream()
            .flatMap(page -> page.databaseList().stream())
            .filter(d -> d.name().startsWith(prefix))
            .toList();
    databases.forEach(
        d -> quietly(() -> glue.deleteDatabase(r -> r.catalogId(catalogId).name(d.name()))));
  }

  private static void dropTags(LakeFormationClient lf, String catalogId, String prefix) {
    lf.listLFTagsPaginator(r -> r.catalogId(catalogId)).stream()
        .flatMap(page -> page.lfTags().stream())
        .filter(t -> t.tagKey().startsWith(prefix))
        .forEach(
            t -> quietly(() -> lf.deleteLFTag(r -> r.catalogId(catalogId).tagKey(t.tagKey()))));
  }

  private static void deleteRecords(S3Client s3, S3Location root) {
    List<S3Object> objects =
        s3
            .listObjectsV2Paginator(r -> r.bucket(root.bucket()).prefix(root.prefix()))
            .contents()
            .stream()
            .toList();
    objects.forEach(o -> quietly(() -> s3.deleteObject(r -> r.bucket(root.bucket()).key(o.key()))));
  }

  private static boolean hasCredentials(Map<String, String> properties) {
    boolean named =
        properties.keySet().stream()
            .anyMatch(
                k -> k.endsWith("." + AwsAccount.PROFILE) || k.endsWith("." + AwsAccount.ROLE_ARN));
    return named
        || System.getenv("AWS_PROFILE") != null
        || System.getenv("AWS_ACCESS_KEY_ID") != null
        || System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") != null
        || System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null;
  }

  private static Map<String, String> read(Path path) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(path)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> map = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    return map;
  }

  private static void quietly(Runnable cleanup) {
    try {
      cleanup.run();
    } catch (RuntimeException e) {
      System.err.println("live AWS clean-up: " + e.getMessage());
    }
  }
}
