package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.catalog.aws.loopback.RecordingInterceptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
