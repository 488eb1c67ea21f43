package io.lakemesh.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.lakemesh.catalog.UrlCredentials;
import io.lakemesh.client.ServerEndpoint;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.AuditSeal;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Topology;
import io.lakemesh.runtime.Warehouse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment a job runs in, read from {@code conf/lakemesh.conf} (or {@code --config}) over
 * the defaults of {@link Settings}, with {@code ${?ENV}} overrides and {@code --home} on top.
 */
public record LakemeshConfig(
    Path home,
    Path products,
    String catalogType,
    Map<String, String> catalogProperties,
    Warehouse warehouse,
    Map<String, String> spark,
    LineageSettings lineage,
    Section meshSection,
    IcebergRestSettings icebergRest) {

  public record LineageSettings(String transport, String path, String url) {}

  /**
   * The catalog server's Iceberg REST catalog: the role it assumes to vend read credentials for
   * tables in an S3 warehouse (empty: none vended) and how long they last.
   */
  public record IcebergRestSettings(String vendingRoleArn, int vendingDurationSeconds) {}

  /** Loads {@code file} (null: defaults only); {@code homeOverride} wins when not null. */
  public static LakemeshConfig load(Path file, Path homeOverride) {
    Config config;
    try {
      Config user =
          file == null
              ? ConfigFactory.empty()
              : ConfigFactory.parseFile(
                  file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      config = user.withFallback(defaults()).resolve();
    } catch (ConfigException e) {
      throw new InvalidConfigException(null, "invalid config: " + e.getMessage(), e);
    }
    Section root = Section.root(config, Set.of("lakemesh"));
    Section lm =
        root.section(
            "lakemesh",
            Set.of(
                "home",
                "products",
                "catalog",
                "warehouse",
                "lineage",
                "spark",
                "mesh",
                "audit",
                "iceberg-rest",
                "made-from"));
    Path home =
        homeOverride != null ? homeOverride : Path.of(env("LAKEMESH_HOME", lm.string("home")));
    home = home.toAbsolutePath().normalize();
    // The JDBC catalog's keys are known here; another backend (aws) gets its whole section,
    // flattened to dotted keys, and checks it itself.
    boolean jdbc =
        "jdbc"
            .equals(
                lm.section(
                        "catalog",
                        Set.of(
                            "type",
                            "uri",
                            "user",
                            "password",
                            "url",
                            "token",
                            "tls",
                            "allow-insecure-http",
                            "region",
                            "endpoint",
                            "governance-account",
                            "records",
                            "name-prefix",
                            "profile-file",
                            "retry",
                            "accounts",
                            "acting-producer"))
                    .string("type"));
    Section catalog =
        jdbc
            ? lm.section(
                "catalog",
                Set.of(
                    "type",
                    "uri",
                    "user",
                    "password",
                    "url",
                    "token",
                    "tls",
                    "allow-insecure-http"))
            : lm.section(
                "catalog",
                Set.of(
                    "type",
                    "uri",
                    "user",
                    "password",
                    "url",
                    "token",
                    "tls",
                    "allow-insecure-http",
                    "region",
                    "endpoint",
                    "governance-account",
                    "records",
                    "name-prefix",
                    "profile-file",
                    "retry",
                    "accounts",
                    "acting-producer"));
    String uri = catalog.string("uri");
    if (uri.isBlank()) {
      uri = "jdbc:sqlite:" + home.resolve("catalog.db");
    }
    Map<String, String> catalogProps = new LinkedHashMap<>();
    if (!jdbc) {
      catalogProps.putAll(lm.stringMap("catalog"));
      catalogProps.remove("type");
    }
    catalogProps.put("uri", uri);
    putIfSet(catalogProps, "user", catalog.string("user"));
    putIfSet(catalogProps, "password", catalog.string("password"));
    // A catalog server in front of the catalog: governance then goes through it (Environment).
    putIfSet(catalogProps, "url", catalog.string("url"));
    putIfSet(catalogProps, "token", catalog.string("token"));
    putIfSet(
        catalogProps, ServerEndpoint.TLS_CA, catalog.section("tls", Set.of("ca")).string("ca"));
    putIfSet(
        catalogProps,
        ServerEndpoint.ALLOW_INSECURE_HTTP,
        catalog.bool(ServerEndpoint.ALLOW_INSECURE_HTTP, false) ? "true" : "");
    // The audit key and checkpoints live outside the catalog database (see AuditSeal).
    Section audit = lm.section("audit", Set.of("key", "checkpoints"));
    String auditKey = env("LAKEMESH_AUDIT_KEY", audit.string("key"));
    if (auditKey.isBlank()) {
      catalogProps.put(AuditSeal.KEY_FILE, home.resolve("audit.key").toString());
    } else {
      catalogProps.put(AuditSeal.KEY, auditKey);
    }
    String checkpoints = audit.string("checkpoints");
    catalogProps.put(
        AuditSeal.CHECKPOINTS,
        checkpoints.isBlank()
            ? home.resolve("audit-checkpoints").toString()
            : Path.of(checkpoints).toAbsolutePath().toString());
    Section wh = lm.section("warehouse", Set.of("root", "properties"));
    String root1 = wh.string("root");
    String warehouseRoot = root1.isBlank() ? home.resolve("warehouse").toString() : root1;
    Map<String, String> icebergProps = new LinkedHashMap<>(wh.stringMap("properties"));
    putIfSet(icebergProps, "jdbc.user", catalog.string("user"));
    putIfSet(icebergProps, "jdbc.password", catalog.string("password"));
    Section lineage = lm.section("lineage", Set.of("transport", "path", "url"));
    Map<String, String> spark = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : lm.sparkEntries()) {
      // Entry keys are HOCON paths: a quoted "spark.sql.x" keeps its quotes unless split and
      // joined.
      spark.put(
          String.join(".", ConfigUtil.splitPath(e.getKey())),
          String.valueOf(e.getValue().unwrapped()));
    }
    Section rest =
        lm.section("iceberg-rest", Set.of("vending-role-arn", "vending-duration-seconds"));
    IcebergRestSettings icebergRest =
        new IcebergRestSettings(
            env("LAKEMESH_VENDING_ROLE_ARN", rest.string("vending-role-arn")).trim(),
            rest.integer("vending-duration-seconds"));
    return new LakemeshConfig(
        home,
        Path.of(lm.string("products")),
        catalog.string("type"),
        catalogProps,
        Warehouse.of(catalog.string("type"), catalogProps, uri, warehouseRoot, icebergProps),
        spark,
        new LineageSettings(
            lineage.string("transport"), lineage.string("path"), lineage.string("url")),
        lm.has("mesh") ? lm.section("mesh", Set.of("topology", "accounts")) : null,
        icebergRest);
  }

  /**
   * The mesh's accounts and topology ({@code lakemesh.mesh}); {@code topology}, when not null,
   * replaces the configured one, so the same accounts run under any topology.
   */
  public Mesh mesh(Topology topology) {
    if (meshSection == null) {
      throw new InvalidConfigException(
          Mesh.CONFIG_KEY,
          "no mesh is configured: declare the accounts and topology under lakemesh.mesh (see conf/mesh.conf)");
    }
    return MeshConfig.parse(meshSection, home, warehouse, topology);
  }

  private static Config defaults() {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Setting s : Settings.ALL) {
      if (s == Settings.SPARK) {
        values.put(s.path(), Map.of());
      } else {
        values.put(s.path(), s.defaultValue() == null ? "" : s.defaultValue());
      }
    }
    return ConfigFactory.parseMap(values, "lakemesh defaults");
  }

  private static void putIfSet(Map<String, String> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The settings as shown to users, secrets masked. */
  public Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(Settings.HOME.path(), home.toString());
    out.put(Settings.PRODUCTS.path(), products.toString());
    out.put(Settings.CATALOG_TYPE.path(), catalogType);
    out.put(Settings.CATALOG_URI.path(), UrlCredentials.mask(catalogProperties.get("uri")));
    out.put(
        Settings.CATALOG_PASSWORD.path(),
        catalogProperties.getOrDefault("password", "").isBlank() ? "" : "****");
    out.put(
        Settings.CATALOG_URL.path(),
        UrlCredentials.mask(catalogProperties.getOrDefault("url", "")));
    out.put(
        Settings.CATALOG_TOKEN.path(),
        catalogProperties.getOrDefault("token", "").isBlank() ? "" : "****");
    out.put(
        Settings.CATALOG_TLS_CA.path(), catalogProperties.getOrDefault(ServerEndpoint.TLS_CA, ""));
    out.put(Settings.WAREHOUSE_ROOT.path(), warehouse.root());
    out.put(Settings.LINEAGE_TRANSPORT.path(), lineage.transport());
    out.put(
        Settings.AUDIT_KEY.path(),
        catalogProperties.containsKey(AuditSeal.KEY)
            ? "****"
            : "(key file " + catalogProperties.get(AuditSeal.KEY_FILE) + ")");
    out.put(Settings.AUDIT_CHECKPOINTS.path(), catalogProperties.get(AuditSeal.CHECKPOINTS));
    out.put(Settings.ICEBERG_REST_VENDING_ROLE_ARN.path(), icebergRest.vendingRoleArn());
    out.put(
        Settings.ICEBERG_REST_VENDING_DURATION.path(),
        Integer.toString(icebergRest.vendingDurationSeconds()));
    return out;
  }
}
