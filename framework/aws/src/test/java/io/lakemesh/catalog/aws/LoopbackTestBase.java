package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.catalog.aws.loopback.RecordingInterceptor;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A catalog on the loopback mesh whose SDK calls are recorded by an interceptor. */
abstract class LoopbackTestBase {
  @TempDir Path dir;
  LoopbackMesh mesh;
  LoopbackAws aws;
  RecordingInterceptor recorded;
  GlueGovernanceCatalog catalog;

  @BeforeEach
  void startLoopback() {
    mesh = new LoopbackMesh(dir);
    aws = mesh.aws();
    recorded = new RecordingInterceptor();
    catalog = open(Map.of());
  }

  /** A grant carried out by the governance account on the producer's behalf. */
  static Grant byGovernance(
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable) {
    return new Grant(
        0,
        "governance",
        grantee,
        resource,
        permissions,
        grantable,
        Principal.administrator("governance"),
        null,
        CatalogFixtures.T0);
  }

  /** The same publication with its table at another location (on S3, where it is registered). */
  static io.lakemesh.catalog.Publication at(io.lakemesh.catalog.Publication p, String location) {
    io.lakemesh.catalog.CatalogTable t = p.table();
    io.lakemesh.catalog.CatalogTable moved =
        new io.lakemesh.catalog.CatalogTable(
            t.id(),
            t.columns(),
            location,
            t.format(),
            t.partitioning(),
            t.parameters(),
            0,
            t.updatedAt());
    return new io.lakemesh.catalog.Publication(moved, p.quality(), p.lineage(), p.run());
  }

  /** Another catalog on the same loopback mesh, with some properties changed. */
  GlueGovernanceCatalog open(Map<String, String> overrides) {
    Map<String, String> properties = new java.util.LinkedHashMap<>(mesh.properties());
    properties.putAll(overrides);
    return mesh.catalog(properties, List.of(recorded));
  }

  @AfterEach
  void stopLoopback() {
    if (catalog != null) {
      catalog.close();
    }
    mesh.close();
  }
}
