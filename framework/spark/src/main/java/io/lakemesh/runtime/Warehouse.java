package io.lakemesh.runtime;

import io.lakemesh.aws.GlueWarehouse;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the accounts' Iceberg tables live: one Iceberg catalog per account. With the embedded
 * governance catalog it is a JDBC catalog with its warehouse under {@code root}; with the aws one
 * it is Glue with S3FileIO ({@link GlueWarehouse}), each account's files under its storage root.
 *
 * @param jdbcUrl the database holding Iceberg's catalog tables (the governance catalog's too)
 * @param root the storage root; an account's warehouse is {@code root/account} unless it has a
 *     storage root of its own
 * @param properties extra Iceberg catalog properties (credentials, io-impl, S3 endpoint); they win
 *     over the ones derived here
 * @param glue the Glue catalogs, when the governance catalog is on AWS
 */
public record Warehouse(
    String jdbcUrl, String root, Map<String, String> properties, Optional<GlueWarehouse> glue) {
  private static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";

  public Warehouse {
    properties = Map.copyOf(properties);
  }

  public Warehouse(String jdbcUrl, String root, Map<String, String> properties) {
    this(jdbcUrl, root, properties, Optional.empty());
  }

  public static Warehouse of(String jdbcUrl, String root) {
    return new Warehouse(jdbcUrl, root, Map.of());
  }

  /** The warehouse of a configuration: Glue when the governance catalog is {@code aws}. */
  public static Warehouse of(
      String catalogType,
      Map<String, String> catalogProperties,
      String jdbcUrl,
      String root,
      Map<String, String> properties) {
    Optional<GlueWarehouse> glue =
        "aws".equals(catalogType)
            ? Optional.of(GlueWarehouse.of(catalogProperties))
            : Optional.empty();
    return new Warehouse(jdbcUrl, root, properties, glue);
  }

  /** The Spark catalog name of an account (Spark names cannot hold hyphens unquoted). */
  public static String sparkCatalog(String account) {
    return account.replace('-', '_');
  }

  public String location(String account) {
    Optional<String> own = glue.flatMap(g -> g.storageRoot(account));
    if (own.isPresent()) {
      return own.get();
    }
    return root.endsWith("/") ? root + account : root + "/" + account;
  }

  /** Spark SQL settings that register the account's Iceberg catalog. */
  public Map<String, String> sparkConf(String account) {
    String prefix = "spark.sql.catalog." + sparkCatalog(account);
    Map<String, String> conf = new TreeMap<>();
    conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    icebergProperties(account).forEach((k, v) -> conf.put(prefix + "." + k, v));
    return conf;
  }

  /**
   * Where the account's Iceberg catalog rows live. On PostgreSQL: the catalog database itself. On
   * SQLite: a file per account beside it ({@code catalog.iceberg.ACCOUNT.db}), because Iceberg's
   * pooled connections keep read snapshots open between calls and fail with SQLITE_BUSY_SNAPSHOT
   * once another connection has written the same file.
   */
  public String icebergUri(String account) {
    if (!isSqlite()) {
      return jdbcUrl;
    }
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    String base = file.endsWith(".db") ? file.substring(0, file.length() - 3) : file;
    return "jdbc:sqlite:" + base + ".iceberg." + account + ".db";
  }

  private boolean isSqlite() {
    return jdbcUrl.startsWith("jdbc:sqlite:");
  }

  // One connection per SQLite file: a writer never races a sibling with an older snapshot.
  private Map<String, String> icebergExtras() {
    Map<String, String> extras = new TreeMap<>(properties);
    if (glue.isEmpty() && isSqlite()) {
      extras.putIfAbsent("clients", "1");
      extras.putIfAbsent("jdbc.busy_timeout", "30000");
      extras.putIfAbsent("jdbc.journal_mode", "WAL");
    }
    if (S3_FILE_IO.equals(extras.get("io-impl"))) {
      // The job jar carries the AWS SDK's URLConnection client only (Iceberg's default is
      // Apache's).
      extras.putIfAbsent("http-client.type", "urlconnection");
    }
    // Uncached, so closing the Spark catalog reaches the Iceberg catalog and its connections.
    extras.putIfAbsent("cache-enabled", "false");
    return extras;
  }

  /** Iceberg catalog properties, {@code type} included (for the Java API, outside Spark). */
  public Map<String, String> icebergProperties(String account) {
    return icebergProperties(account, account);
  }

  /**
   * Iceberg catalog properties of {@code account}'s tables as {@code reader} reaches them: on AWS
   * with the reader's credentials (Lake Formation decides what they may read); the embedded
   * warehouse has no credentials, so there it is the account's own catalog.
   */
  public Map<String, String> icebergProperties(String account, String reader) {
    Map<String, String> props = new TreeMap<>();
    if (glue.isPresent()) {
      props.putAll(glue.get().icebergProperties(account, location(account), reader));
    } else {
      props.put("type", "jdbc");
      props.put("uri", icebergUri(account));
      props.put("warehouse", location(account));
      // V1 adds view support; Iceberg keys its rows by the catalog name, one per account.
      props.put("jdbc.schema-version", "V1");
    }
    props.putAll(icebergExtras());
    return props;
  }
}
