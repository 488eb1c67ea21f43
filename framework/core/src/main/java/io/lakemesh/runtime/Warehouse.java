package io.lakemesh.runtime;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where the accounts' Iceberg tables live: one Iceberg JDBC catalog per account, each with its
 * own warehouse root under {@code root}.
 *
 * @param jdbcUrl the database holding Iceberg's catalog tables (the governance catalog's too)
 * @param root the storage root; the account's warehouse is {@code root/account}
 * @param properties extra Iceberg catalog properties (credentials, io-impl, S3 endpoint)
 */
public record Warehouse(String jdbcUrl, String root, Map<String, String> properties) {

  public Warehouse {
    properties = Map.copyOf(properties);
  }

  public static Warehouse of(String jdbcUrl, String root) {
    return new Warehouse(jdbcUrl, root, Map.of());
  }

  /** The Spark catalog name of an account (Spark names cannot hold hyphens unquoted). */
  public static String sparkCatalog(String account) {
    return account.replace('-', '_');
  }

  public String location(String account) {
    return root.endsWith("/") ? root + account : root + "/" + account;
  }

  /** Spark SQL settings that register the account's Iceberg catalog. */
  public Map<String, String> sparkConf(String account) {
    String prefix = "spark.sql.catalog." + sparkCatalog(account);
    Map<String, String> conf = new TreeMap<>();
    conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    conf.put(prefix + ".type", "jdbc");
    conf.put(prefix + ".uri", icebergUri(account));
    conf.put(prefix + ".warehouse", location(account));
    // V1 adds view support; Iceberg keys its rows by the catalog name, one per account.
    conf.put(prefix + ".jdbc.schema-version", "V1");
    icebergExtras().forEach((k, v) -> conf.put(prefix + "." + k, v));
    return conf;
  }

  /**
   * Where the account's Iceberg catalog rows live. On PostgreSQL: the catalog database itself.
   * On SQLite: a file per account beside it ({@code catalog.iceberg.ACCOUNT.db}), because
   * Iceberg's pooled connections keep read snapshots open between calls and fail with
   * SQLITE_BUSY_SNAPSHOT once another connection has written the same file.
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
    if (isSqlite()) {
      extras.putIfAbsent("clients", "1");
      extras.putIfAbsent("jdbc.busy_timeout", "30000");
      extras.putIfAbsent("jdbc.journal_mode", "WAL");
    }
    // Uncached, so closing the Spark catalog reaches the JDBC catalog and its connections.
    extras.putIfAbsent("cache-enabled", "false");
    return extras;
  }

  /** Iceberg catalog properties (for the Java API, outside Spark). */
  public Map<String, String> icebergProperties(String account) {
    Map<String, String> props = new TreeMap<>(icebergExtras());
    props.put("uri", icebergUri(account));
    props.put("warehouse", location(account));
    props.put("jdbc.schema-version", "V1");
    return props;
  }
}
