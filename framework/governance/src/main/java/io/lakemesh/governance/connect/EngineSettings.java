package io.lakemesh.governance.connect;

/**
 * The connection settings of each engine for the mesh's Iceberg REST catalog, and for the governed
 * engines. Each engine's keys follow its own documentation, cited beside it.
 */
final class EngineSettings {
  /** The Iceberg runtime lakemesh itself runs (DESIGN.md's stack). */
  static final String ICEBERG_SPARK_RUNTIME =
      "org.apache.iceberg:iceberg-spark-runtime-3.5_2.12:1.10.0";

  private static final String GOVERNED_CATALOG = "io.lakemesh.governance.spark.GovernedCatalog";

  private EngineSettings() {}

  /**
   * Settings that reach {@code uri} as catalog {@code catalog} with the token in {@code variable}.
   *
   * @param warehouse the warehouse name an engine must send (DuckDB's ATTACH takes one): the
   *     reader's account, whose catalog the server serves it
   */
  static String rest(Engine engine, String catalog, String uri, String variable, String warehouse) {
    String template =
        switch (engine) {
          case SPARK -> SPARK;
          case TRINO -> TRINO;
          case PYICEBERG -> PYICEBERG;
          case DUCKDB -> DUCKDB;
        };
    return template
        .replace("{catalog}", catalog)
        .replace("{uri}", uri)
        .replace("{variable}", variable)
        .replace("{warehouse}", warehouse)
        .replace("{runtime}", ICEBERG_SPARK_RUNTIME);
  }

  // https://iceberg.apache.org/docs/latest/spark-configuration/ (catalogs: type=rest, uri) and
  // https://iceberg.apache.org/docs/nightly/rest-catalog/ (token, credential). Without
  // cache-enabled=false Iceberg's Spark catalog keeps a loaded table for 30 s, and a revoke would
  // only bite after that; uncached, every query loads the table, and SELECT is checked afresh.
  private static final String SPARK =
      """
      spark-sql \\
        --packages {runtime} \\
        --conf spark.sql.catalog.{catalog}=org.apache.iceberg.spark.SparkCatalog \\
        --conf spark.sql.catalog.{catalog}.type=rest \\
        --conf spark.sql.catalog.{catalog}.uri={uri} \\
        --conf spark.sql.catalog.{catalog}.token="${variable}" \\
        --conf spark.sql.catalog.{catalog}.cache-enabled=false
      """;

  // https://trino.io/docs/current/object-storage/metastores.html#iceberg-rest-catalog (security
  // OAUTH2, oauth2.token or oauth2.credential) and
  // https://trino.io/docs/current/security/secrets.html
  // (${ENV:VARIABLE} in properties files).
  private static final String TRINO =
      """
      # etc/catalog/{catalog}.properties
      connector.name=iceberg
      iceberg.catalog.type=rest
      iceberg.rest-catalog.uri={uri}
      iceberg.rest-catalog.security=OAUTH2
      iceberg.rest-catalog.oauth2.token=${ENV:{variable}}
      """;

  // https://py.iceberg.apache.org/configuration/#rest-catalog (type rest, uri, token).
  private static final String PYICEBERG =
      """
      import os
      from pyiceberg.catalog import load_catalog

      {catalog} = load_catalog("{catalog}", **{
          "type": "rest",
          "uri": "{uri}",
          "token": os.environ["{variable}"],
      })
      """;

  // https://duckdb.org/docs/stable/core_extensions/iceberg/iceberg_rest_catalogs (CREATE SECRET of
  // TYPE ICEBERG with a TOKEN; ATTACH 'warehouse' (TYPE ICEBERG, ENDPOINT, SECRET)). The shell puts
  // the token into the secret, so it is never written down.
  private static final String DUCKDB =
"""
duckdb -cmd "INSTALL iceberg; LOAD iceberg;
  CREATE SECRET {catalog}_token (TYPE ICEBERG, TOKEN '${variable}');
  ATTACH '{warehouse}' AS {catalog} (TYPE ICEBERG, ENDPOINT '{uri}', SECRET {catalog}_token);"
""";

  /** A first read of {@code table} (namespace.table) through the REST catalog. */
  static String restQuery(Engine engine, String catalog, String table) {
    return engine == Engine.PYICEBERG
        ? "print(" + catalog + ".load_table(\"" + table + "\").scan(limit=10).to_pandas())"
        : "SELECT * FROM " + catalog + "." + table + " LIMIT 10";
  }

  /** The governed Spark catalog in a reader's own Spark job (see GovernedCatalog's javadoc). */
  static String governed(String catalog, String principal) {
    return """
           # a Spark job of your own, with the lakemesh jobs jar on its classpath:
           spark.sql.catalog.{catalog}           = {class}
           spark.sql.catalog.{catalog}.principal = {principal}
           spark.sql.catalog.{catalog}.config    = conf/lakemesh.conf
           """
        .replace("{catalog}", catalog)
        .replace("{class}", GOVERNED_CATALOG)
        .replace("{principal}", principal);
  }

  /** The same first read through {@code bin/lakemesh query}, which resolves the reader's names. */
  static String governedQuery(String principal, String table) {
    return "bin/lakemesh query --as " + principal + " \"SELECT * FROM " + table + " LIMIT 10\"";
  }
}
