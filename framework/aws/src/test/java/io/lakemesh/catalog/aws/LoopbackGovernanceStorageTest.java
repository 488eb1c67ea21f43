package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.GovernanceStorageTests;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The governance storage contract on the AWS backend, against AWS's APIs served on loopback. */
class LoopbackGovernanceStorageTest extends GovernanceStorageTests {
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
