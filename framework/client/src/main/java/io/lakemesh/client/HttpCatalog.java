package io.lakemesh.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The catalog of a catalog server (type {@code http}, properties {@code url} and {@code token}, and
 * for TLS those of {@link ServerEndpoint}): the CLI and producer jobs read and write the server's
 * catalog through it, as the principal of the token, and the server applies the governance rules to
 * every call. Only the producer writes its tables, runs and quality runs; reads show what the
 * principal may describe, with the columns it may see. A table the principal may not describe is
 * refused as the rules refuse it.
 *
 * <p>It offers none of the governance storage capabilities (grants, LF-tags, links, requests,
 * audit, tokens): on a server those change only through the rules ({@link HttpGovernance}).
 */
public final class HttpCatalog implements GovernanceCatalog {
  public static final String TYPE = "http";
  public static final String URL = "url";
  public static final String TOKEN = "token";

  /** The principal to act as (optional): the server refuses, and audits, one the token is not. */
  public static final String ACTING_AS = "acting-as";

  private String name;
  private ApiClient api;
  private Principal actingAs;

  @Override
  public void initialize(String name, Map<String, String> properties) {
    String url = properties.getOrDefault(URL, "");
    String token = properties.getOrDefault(TOKEN, "");
    if (url.isBlank() || token.isBlank()) {
      throw new InvalidConfigException(
          "lakemesh.catalog." + (url.isBlank() ? URL : TOKEN),
          "the http catalog needs the server's url and a token (lakemesh token create --as WHO)");
    }
    this.name = name;
    this.api = new ApiClient(ServerEndpoint.of(properties), actor -> token);
    String as = properties.getOrDefault(ACTING_AS, "");
    this.actingAs = as.isBlank() ? null : Principal.parse(as);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean ensureDatabase(DatabaseId database, Map<String, String> parameters) {
    return api.post(
            actingAs,
            "/catalog/databases",
            new Wire.DatabaseBody(database, parameters),
            Wire.Created.class)
        .created();
  }

  @Override
  public List<DatabaseId> listDatabases(String catalog) {
    return api.list(
        actingAs, "/catalog/databases", Paths.query("catalog", catalog), DatabaseId.class);
  }

  @Override
  public Optional<CatalogTable> findTable(TableId id) {
    return found(() -> api.get(actingAs, Paths.table(id), CatalogTable.class));
  }

  @Override
  public List<CatalogTable> listTables(String catalog) {
    return api.list(
        actingAs, "/catalog/tables", Paths.query("catalog", catalog), CatalogTable.class);
  }

  @Override
  public List<CatalogTable> tableVersions(TableId id) {
    return api.list(actingAs, Paths.table(id) + "/versions", "", CatalogTable.class);
  }

  @Override
  public void publish(Publication publication) {
    api.post(actingAs, "/publications", publication, CatalogTable.class);
  }

  @Override
  public void recordQualityRun(QualityRun run) {
    api.post(actingAs, "/quality-runs", run, JsonNode.class);
  }

  @Override
  public List<QualityRun> qualityHistory(TableId table, int limit) {
    return api.list(
        actingAs,
        Paths.table(table) + "/quality",
        Paths.query("max", "" + limit),
        QualityRun.class);
  }

  @Override
  public void recordJobRun(JobRun run) {
    api.post(actingAs, "/runs", run, JsonNode.class);
  }

  @Override
  public Optional<JobRun> findJobRun(String runId) {
    return found(() -> api.get(actingAs, "/runs/" + Paths.segment(runId), JobRun.class));
  }

  @Override
  public List<JobRun> listJobRuns(String product, int limit) {
    return api.list(
        actingAs, "/runs", Paths.query("product", product, "max", "" + limit), JobRun.class);
  }

  @Override
  public List<LineageEvent> lineage(String dataset, int limit) {
    return api.list(
        actingAs,
        "/lineage",
        Paths.query("dataset", dataset, "max", "" + limit),
        LineageEvent.class);
  }

  /** The server's connections are the JDK client's, closed with it; nothing is held here. */
  @Override
  public void close() {}

  /** What the server found; empty for what it does not know (as a local catalog answers). */
  private static <T> Optional<T> found(Supplier<T> read) {
    try {
      return Optional.of(read.get());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
