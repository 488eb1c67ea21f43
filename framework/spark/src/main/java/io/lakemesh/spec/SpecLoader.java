package io.lakemesh.spec;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import io.lakemesh.catalog.Names;
import io.lakemesh.config.Section;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads product specs ({@code DOMAIN/NAME.conf} below a products folder) strictly: HOCON with
 * includes and {@code ${?ENV}} overrides, then every key checked against what lakemesh knows.
 */
public final class SpecLoader {
  private static final Set<String> TOP =
      Set.of(
          "domain",
          "name",
          "version",
          "owner",
          "description",
          "tags",
          "sla",
          "sources",
          "transform",
          "table",
          "schema",
          "quality",
          "subscribers");

  private final Path productsDir;

  public SpecLoader(Path productsDir) {
    this.productsDir = productsDir;
  }

  public Path productsDir() {
    return productsDir;
  }

  /** Loads {@code domain.name}. */
  public ProductSpec load(String product) {
    String[] parts = product.split("\\.", -1);
    if (parts.length != 2) {
      throw new InvalidConfigException(
          null, "product must be DOMAIN.NAME (for example sales.orders), got '" + product + "'");
    }
    Names.object("domain", parts[0]);
    Names.object("product", parts[1]);
    Path file = productsDir.resolve(parts[0]).resolve(parts[1] + ".conf");
    if (!Files.isRegularFile(file)) {
      throw new NotFoundException(
          "no product spec for "
              + product
              + " (looked for "
              + file
              + "); known: "
              + String.join(", ", list()));
    }
    return loadFile(file);
  }

  /** Every product below the folder, as {@code domain.name}, sorted. */
  public List<String> list() {
    if (!Files.isDirectory(productsDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(productsDir, 2)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".conf"))
          .filter(p -> productsDir.relativize(p).getNameCount() == 2)
          .map(
              p ->
                  p.getParent().getFileName()
                      + "."
                      + p.getFileName().toString().replaceFirst("\\.conf$", ""))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InvalidConfigException(
          null, "cannot list product specs in " + productsDir + ": " + e.getMessage(), e);
    }
  }

  public static ProductSpec loadFile(Path file) {
    Config config;
    try {
      config =
          ConfigFactory.parseFile(
                  file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
              .resolve(ConfigResolveOptions.defaults());
    } catch (ConfigException e) {
      throw new InvalidConfigException(null, "invalid product spec: " + e.getMessage(), e);
    }
    return parse(Section.root(config, TOP), file);
  }

  static ProductSpec parse(Section root, Path file) {
    String domain = name(root, "domain", "domain");
    String name = name(root, "name", "product");
    int version = root.integer("version");
    if (version < 1) {
      throw root.invalid("version", "the major version must be 1 or more");
    }
    Section owner = root.section("owner", Set.of("team", "contact"));
    Section sla = root.section("sla", Set.of("freshness"));
    List<ColumnSpec> schema = schema(root);
    Set<String> columns = new HashSet<>();
    schema.forEach(c -> columns.add(c.name()));
    TableSpec table = table(root, domain, name, version, columns);
    return new ProductSpec(
        domain,
        name,
        version,
        new ProductSpec.Owner(owner.string("team"), owner.string("contact")),
        root.string("description"),
        root.stringMap("tags"),
        sla.duration("freshness"),
        sla.durationUnit("freshness"),
        sources(root),
        transform(root),
        table,
        schema,
        QualityRules.parse(root, columns),
        QualityRules.limits(root),
        root.stringList("subscribers"),
        file.toString());
  }

  private static String name(Section section, String key, String kind) {
    String value = section.string(key);
    try {
      return Names.object(kind, value);
    } catch (RuntimeException e) {
      throw section.invalid(key, e.getMessage());
    }
  }

  private static Map<String, SourceSpec> sources(Section root) {
    Map<String, SourceSpec> sources = new LinkedHashMap<>();
    for (String sourceName : root.keys("sources")) {
      Section s =
          root.named(
              "sources",
              sourceName,
              Set.of(
                  "format",
                  "path",
                  "options",
                  "schema",
                  "url",
                  "query",
                  "properties",
                  "product",
                  "allow-empty"));
      String format = s.optString("format").orElse(s.has("product") ? "product" : "");
      SourceSpec spec =
          switch (format.toLowerCase(Locale.ROOT)) {
            case "csv", "json", "parquet" ->
                new SourceSpec.Files(
                    sourceName, format.toLowerCase(Locale.ROOT), s.string("path"), fileOptions(s));
            case "jdbc" ->
                new SourceSpec.Jdbc(
                    sourceName, s.string("url"), s.string("query"), s.stringMap("properties"));
            case "product" -> new SourceSpec.Product(sourceName, s.string("product"));
            default ->
                throw s.invalid(
                    "format", "expected csv, json, parquet, jdbc or product, got '" + format + "'");
          };
      sources.put(sourceName, spec);
    }
    if (sources.isEmpty()) {
      throw root.invalid("sources", "a product needs at least one source");
    }
    return sources;
  }

  private static Map<String, String> fileOptions(Section s) {
    Map<String, String> options = new LinkedHashMap<>(s.stringMap("options"));
    s.optString("schema").ifPresent(ddl -> options.put(SourceOptions.SCHEMA, ddl));
    if (s.bool("allow-empty", false)) {
      options.put(SourceOptions.ALLOW_EMPTY, "true");
    }
    return options;
  }

  private static TransformSpec transform(Section root) {
    Section t = root.section("transform", Set.of("sql", "class"));
    if (t.has("sql") == t.has("class")) {
      throw root.invalid(
          "transform", "give exactly one of transform.sql (a file) or transform.class");
    }
    return t.has("sql")
        ? new TransformSpec.Sql(t.string("sql"))
        : new TransformSpec.JavaClass(t.string("class"));
  }

  /**
   * A new major version is a new table ({@code orders_v2}), so that consumers of the old one keep
   * reading what they were granted and request the new one on purpose.
   */
  private static TableSpec table(
      Section root, String domain, String name, int version, Set<String> columns) {
    Section t = root.section("table", Set.of("database", "name", "partitioning", "mode", "keys"));
    String database = t.has("database") ? name(t, "database", "database") : domain;
    String table =
        (t.has("name") ? name(t, "name", "table") : name) + (version > 1 ? "_v" + version : "");
    String mode = t.optString("mode").orElse("append");
    TableSpec.WriteMode writeMode;
    try {
      writeMode = TableSpec.WriteMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw t.invalid("mode", "expected append, overwrite or merge, got '" + mode + "'");
    }
    List<String> keys = t.stringList("keys");
    if (writeMode == TableSpec.WriteMode.MERGE && keys.isEmpty()) {
      throw t.invalid("keys", "mode merge needs the key columns (table.keys)");
    }
    for (String key : keys) {
      if (!columns.contains(key)) {
        throw t.invalid("keys", "key column '" + key + "' is not in the schema");
      }
    }
    return new TableSpec(database, table, t.stringList("partitioning"), writeMode, keys);
  }

  private static List<ColumnSpec> schema(Section root) {
    List<ColumnSpec> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> keys = Set.of("name", "type", "nullable", "description", "pii", "cast");
    for (Section c : root.sectionList("schema", keys)) {
      String column = name(c, "name", "column");
      if (!seen.add(column)) {
        throw c.invalid("name", "column '" + column + "' is declared twice");
      }
      String type = c.string("type").toLowerCase(Locale.ROOT);
      if (!SchemaTypes.isSupported(type)) {
        throw c.invalid("type", "unsupported type '" + type + "' (" + SchemaTypes.SUPPORTED + ")");
      }
      columns.add(
          new ColumnSpec(
              column,
              type,
              c.bool("nullable", true),
              c.optString("description").orElse(""),
              c.bool("pii", false),
              c.bool("cast", false)));
    }
    if (columns.isEmpty()) {
      throw root.invalid("schema", "the schema contract needs at least one column");
    }
    return columns;
  }
}
