package io.lakemesh.jobs.aws;

import static io.lakemesh.jobs.aws.VendedReads.SERVER_KEY;
import static io.lakemesh.jobs.aws.VendedReads.read;
import static io.lakemesh.jobs.aws.VendedReads.refusal;
import static io.lakemesh.jobs.aws.VendedReads.serverSts;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.aws.StsTableCredentials;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.runtime.Warehouse;
import io.lakemesh.runtime.WarehouseCatalogs;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog server with its warehouse in (loopback) S3 and a vending role: Iceberg's REST client
 * loads a table and reads its metadata with nothing but what the load answered, the server's own S3
 * keys staying with the server; when STS refuses, the load is a 503 saying so.
 */
class VendedCredentialsThroughServerTest {
  private static final String SALES = "222233334444";
  private static final String ROLE = "arn:aws:iam::" + SALES + ":role/lakemesh-iceberg-vending";
  private static final Schema EVENTS =
      new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));

  @TempDir Path dir;

  @Test
  void aLoadedTableIsReadWithTheVendedCredentialsAndNothingBesideIt() throws Exception {
    String uri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    try (LoopbackAws aws = new LoopbackAws()) {
      aws.account("LOOPBACK-sales", SALES).account(SERVER_KEY, "999900001111");
      aws.s3().ownedBy("sales-lake", SALES);
      aws.s3().overwrite("sales-lake", "warehouse/hr/salaries/metadata/v1.metadata.json", "{}");
      // The producers' warehouse, written with the producer's own keys.
      Warehouse warehouse =
          new Warehouse(
              uri,
              "s3://sales-lake/warehouse",
              Map.of(
                  "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
                  "http-client.type", "urlconnection",
                  "client.region", "eu-west-1",
                  "s3.endpoint", aws.endpoint("s3"),
                  "s3.path-style-access", "true",
                  "s3.access-key-id", "LOOPBACK-sales",
                  "s3.secret-access-key", "not-a-secret"));
      try (GovernanceCatalog catalog = CatalogLoader.load("jdbc", "test", Map.of("uri", uri));
          WarehouseCatalogs warehouses =
              new WarehouseCatalogs(warehouse, MeshFixtures.demo(Topology.CENTRAL));
          StsTableCredentials vending =
              new StsTableCredentials(
                  serverSts(aws.endpoint("sts")),
                  ROLE,
                  900,
                  StsTableCredentials.storageOf(warehouse.properties()))) {
        Governance governance = Governance.over(MeshFixtures.demo(Topology.CENTRAL), catalog);
        String token =
            new AccessTokens(catalog, governance)
                .issue(MeshFixtures.SALES, Duration.ofHours(1), "test")
                .text();
        try (CatalogServer server =
                CatalogServer.start(
                    governance,
                    catalog,
                    CatalogServerOptions.defaults().port(0).requestLog(line -> {}),
                    warehouses,
                    vending);
            RESTCatalog client = new RESTCatalog()) {
          client.setConf(new Configuration());
          client.initialize(
              "mesh",
              Map.of(
                  "uri",
                  server.uri() + "/iceberg",
                  "token",
                  token,
                  "http-client.type",
                  "urlconnection"));
          TableIdentifier events = TableIdentifier.of("staging", "events");
          client.createNamespace(Namespace.of("staging"));
          client.createTable(events, EVENTS);

          Table loaded = client.loadTable(events);
          String metadata =
              ((HasTableOperations) loaded).operations().current().metadataFileLocation();

          assertThat(metadata)
              .startsWith("s3://sales-lake/warehouse/sales/staging/events/metadata/");
          assertThat(read(loaded.io(), metadata)).contains("\"format-version\"");
          assertThat(aws.calls("s3", "GetObject"))
              .last()
              .satisfies(call -> assertThat(call.accessKey()).startsWith("LOOPBACK-SESSION-"));
          assertThat(
                  refusal(
                      () ->
                          read(
                              loaded.io(),
                              "s3://sales-lake/warehouse/hr/salaries/metadata/v1.metadata.json")))
              .isEqualTo("403 AccessDenied");

          // The role no longer lets the server set the reader as source identity: STS refuses.
          aws.sts()
              .trustPolicy(
                  ROLE, "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}");
          // Asked directly: Iceberg's client would retry a 503 for half a minute first.
          HttpResponse<String> refused =
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  server.uri() + "/iceberg/v1/namespaces/staging/tables/events"))
                          .header("Authorization", "Bearer " + token)
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
          assertThat(refused.statusCode()).isEqualTo(503);
          assertThat(refused.body())
              .contains("ServiceUnavailableException")
              .contains("STS AssumeRole of " + ROLE + " failed (HTTP 403 AccessDenied)")
              .doesNotContain("999900001111", SERVER_KEY);
        }
      }
    }
  }
}
