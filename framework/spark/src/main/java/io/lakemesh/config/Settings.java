package io.lakemesh.config;

import java.util.List;

/**
 * Every environment setting lakemesh reads, declared once: the config loader, {@code lakemesh
 * config --help} and the README table come from this list.
 */
public final class Settings {
  public static final Setting HOME =
      Setting.of(
          "lakemesh.home",
          ".lakemesh",
          "Mesh home: the catalog database and the accounts' warehouses (env LAKEMESH_HOME, or --home).");
  public static final Setting PRODUCTS =
      Setting.of(
          "lakemesh.products",
          "jobs/products",
          "Folder of product specs, one DOMAIN/NAME.conf per product.");
  public static final Setting CATALOG_TYPE =
      Setting.of("lakemesh.catalog.type", "jdbc", "Governance catalog backend.");
  public static final Setting CATALOG_URI =
      Setting.of(
          "lakemesh.catalog.uri",
          "",
          "JDBC URL of the catalog database; empty: SQLite file catalog.db in the mesh home. Iceberg's catalog tables live in the same database.");
  public static final Setting CATALOG_USER =
      Setting.of("lakemesh.catalog.user", "", "Database user.");
  public static final Setting CATALOG_PASSWORD =
      Setting.secret("lakemesh.catalog.password", "Database password (never logged).");
  public static final Setting CATALOG_URL =
      Setting.of(
          "lakemesh.catalog.url",
          "",
          "URL of a catalog server (lakemesh serve); when set, every command and producer job uses its catalog, as the token's principal (env LAKEMESH_CATALOG_URL).");
  public static final Setting CATALOG_TOKEN =
      Setting.secret(
          "lakemesh.catalog.token",
          "Access token for the catalog server (lakemesh token create; env LAKEMESH_TOKEN; never logged).");
  public static final Setting CATALOG_TLS_CA =
      Setting.of(
          "lakemesh.catalog.tls.ca",
          "",
          "PEM file of the certificate (or its CA's) that the catalog server's TLS certificate is checked against; empty: the JDK's trusted CAs (env LAKEMESH_CATALOG_TLS_CA).");
  public static final Setting CATALOG_ALLOW_INSECURE_HTTP =
      Setting.of(
          "lakemesh.catalog.allow-insecure-http",
          "false",
          "Allow an http:// catalog server URL to a host other than this machine (the token then crosses the network in clear); env LAKEMESH_ALLOW_INSECURE_HTTP=true does the same.");
  public static final Setting WAREHOUSE_ROOT =
      Setting.of(
          "lakemesh.warehouse.root",
          "",
          "Storage root of the accounts' Iceberg warehouses (a path or s3:// URI); empty: warehouse/ in the mesh home.");
  public static final Setting LINEAGE_TRANSPORT =
      Setting.of(
          "lakemesh.lineage.transport",
          "none",
          "Where OpenLineage events go besides the catalog: none, console, file or http.");
  public static final Setting LINEAGE_PATH =
      Setting.of("lakemesh.lineage.path", "", "File the events are appended to (transport file).");
  public static final Setting LINEAGE_URL =
      Setting.of("lakemesh.lineage.url", "", "OpenLineage endpoint (transport http).");
  public static final Setting AUDIT_KEY =
      Setting.secret(
          "lakemesh.audit.key",
          "Key of the audit chain's HMAC and checkpoint signatures, base64 (env LAKEMESH_AUDIT_KEY; never logged); empty: the key file audit.key in the mesh home, created on first use (0600).");
  public static final Setting AUDIT_CHECKPOINTS =
      Setting.of(
          "lakemesh.audit.checkpoints",
          "",
          "Folder of the signed audit checkpoints (write-once files); empty: audit-checkpoints/ in the mesh home.");
  public static final Setting ICEBERG_REST_VENDING_ROLE_ARN =
      Setting.of(
          "lakemesh.iceberg-rest.vending-role-arn",
          "",
          "IAM role the catalog server assumes to vend read credentials for tables in an S3 warehouse through the Iceberg REST catalog"
              + " (each session narrowed to one table's prefix); empty: such tables are refused there (env LAKEMESH_VENDING_ROLE_ARN).");
  public static final Setting ICEBERG_REST_VENDING_DURATION =
      Setting.of(
          "lakemesh.iceberg-rest.vending-duration-seconds",
          "900",
          "How long vended credentials last, 900 (STS's minimum) to the role's maximum session duration.");
  public static final Setting MADE_FROM =
      Setting.of(
          "lakemesh.made-from",
          "",
          "The config a mesh home was made with, recorded by lakemesh init in the home's lakemesh.conf; a command given another --config in that home is refused.");
  public static final Setting SPARK =
      Setting.of("lakemesh.spark", "{}", "Extra Spark settings for the jobs (spark.* keys).");

  public static final List<Setting> ALL =
      List.of(
          HOME,
          PRODUCTS,
          CATALOG_TYPE,
          CATALOG_URI,
          CATALOG_USER,
          CATALOG_PASSWORD,
          CATALOG_URL,
          CATALOG_TOKEN,
          CATALOG_TLS_CA,
          CATALOG_ALLOW_INSECURE_HTTP,
          WAREHOUSE_ROOT,
          LINEAGE_TRANSPORT,
          LINEAGE_PATH,
          LINEAGE_URL,
          AUDIT_KEY,
          AUDIT_CHECKPOINTS,
          ICEBERG_REST_VENDING_ROLE_ARN,
          ICEBERG_REST_VENDING_DURATION,
          MADE_FROM,
          SPARK);

  private Settings() {}
}
