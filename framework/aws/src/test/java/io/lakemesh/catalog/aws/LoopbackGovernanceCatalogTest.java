package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.GovernanceCatalogTests;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog contract on the AWS backend, through the real SDK clients, against Glue, Lake
 * Formation, RAM, STS and S3 served on loopback.
 */
class LoopbackGovernanceCatalogTest extends GovernanceCatalogTests {
  @TempDir Path dir;
  private LoopbackMesh mesh;

  @Override
  protected GovernanceCatalog newCatalog() {
    mesh = new LoopbackMesh(dir);
    return mesh.catalog();
  }

  @AfterEach
  void stopLoopback() {
    mesh.close();
  }
}
