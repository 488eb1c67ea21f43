package io.lakemesh.bench.catalog;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.runtime.Warehouse;
import io.lakemesh.runtime.WarehouseCatalogs;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import io.lakemesh.server.iceberg.IcebergRest;
import io.lakemesh.server.iceberg.TableCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * A consumer's engine loading a product through its link from the catalog server's Iceberg REST
 * endpoint on loopback: {@code GET /iceberg/v1/namespaces/D_link/tables/T} with the consumer's
 * token, answered with the producer table's current metadata after the SELECT check. Up to {@link
 * #TABLES} products of the filled catalog get an Iceberg table in their producer's warehouse and a
 * link in the catalog of the consumer administrator that holds a table grant on them; each load
 * picks one of them at random, so the governance side works at the catalog's full size.
 */
final class RestLoads implements AutoCloseable {
  static final int TABLES = 100;

  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "country", Types.StringType.get()));

  /** One link a consumer loads through: the request path and the consumer's token. */
  private record Target(URI uri, String token) {}

  private final WarehouseCatalogs warehouses;
  private final CatalogServer server;
  private final List<Target> targets;
  private final HttpClient http = HttpClient.newHttpClient();

  private RestLoads(WarehouseCatalogs warehouses, CatalogServer server, List<Target> targets) {
    this.warehouses = warehouses;
    this.server = server;
    this.targets = targets;
  }

  /** Sets up the tables, links and tokens in {@code dir}, then starts the server on loopback. */
  static RestLoads start(Governance governance, GovernanceCatalog catalog, Path dir, int products) {
    Warehouse warehouse =
        Warehouse.of(
            "jdbc:sqlite:" + dir.resolve("iceberg-" + products + ".db"),
            dir.resolve("warehouse-" + products).toString());
    WarehouseCatalogs warehouses = new WarehouseCatalogs(warehouse, governance.mesh());
    AccessTokens tokens = new AccessTokens(catalog, governance);
    Map<Principal, String> issued = new HashMap<>();
    List<Integer> held = new ArrayList<>();
    for (int product = 0; product < products; product++) {
      if (administratorHolding(product) != null) {
        held.add(product);
      }
    }
    // Spread over the whole catalog, the same ones on every run.
    Collections.shuffle(held, new Random(20_261_206L));
    List<ResourceLink.TableLink> links = new ArrayList<>();
    for (int product : held.subList(0, Math.min(TABLES, held.size()))) {
      Principal reader = administratorHolding(product);
      TableId id = ScaleMesh.table(product);
      create(warehouses.of(id.catalog()), id);
      ResourceLink.TableLink link = ResourceLink.defaultTableLink(reader.account(), id);
      governance.createLink(reader, link);
      issued.computeIfAbsent(
          reader, p -> tokens.issue(p, Duration.ofHours(12), "bench rest_load_table").text());
      links.add(link);
    }
    CatalogServer server =
        CatalogServer.start(
            governance,
            catalog,
            CatalogServerOptions.defaults().port(0).requestLog(line -> {}).maxInFlightPerToken(0),
            warehouses,
            TableCredentials.none());
    List<Target> targets = new ArrayList<>();
    for (ResourceLink.TableLink link : links) {
      URI uri =
          URI.create(
              server.uri()
                  + IcebergRest.MOUNT
                  + "/v1/namespaces/"
                  + link.link().database()
                  + "/tables/"
                  + link.link().table());
      targets.add(new Target(uri, issued.get(Principal.administrator(link.catalog()))));
    }
    return new RestLoads(warehouses, server, targets);
  }

  /** A consumer administrator holding a table grant on the product (it may create the link). */
  private static Principal administratorHolding(int product) {
    for (int k = 0; k < ScaleMesh.TABLE_GRANTS; k++) {
      Principal grantee = ScaleMesh.directGrantee(product, k);
      if (grantee.isAdministrator()) {
        return grantee;
      }
    }
    return null;
  }

  private static void create(Catalog producer, TableId id) {
    Namespace namespace = Namespace.of(id.database());
    SupportsNamespaces namespaces = (SupportsNamespaces) producer;
    if (!namespaces.namespaceExists(namespace)) {
      namespaces.createNamespace(namespace);
    }
    producer.createTable(TableIdentifier.of(id.database(), id.table()), SCHEMA);
  }

  /** How many links the loads go through. */
  int links() {
    return targets.size();
  }

  /** Loads through every link once, untimed. */
  void loadEach() {
    targets.forEach(this::load);
  }

  /** One load through a link picked at random; its time in nanoseconds. */
  long load(Random random) {
    return load(targets.get(random.nextInt(targets.size())));
  }

  private long load(Target target) {
    HttpRequest request =
        HttpRequest.newBuilder(target.uri())
            .header("Authorization", "Bearer " + target.token())
            .GET()
            .build();
    long start = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading " + target.uri(), e);
    }
    long nanos = System.nanoTime() - start;
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + target.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return nanos;
  }

  @Override
  public void close() {
    server.close();
    warehouses.close();
  }
}
