package io.lakemesh.governance.rules;

import io.lakemesh.catalog.aws.loopback.FakeEventBridge;
import io.lakemesh.catalog.aws.loopback.FakeGlue;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.governance.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The rule suites on the AWS backend, through the real SDK clients, against Glue, Lake Formation,
 * RAM, STS and S3 served on loopback. One set of services serves a whole test class (started before
 * its first test, stopped after its last); each world is a mesh of its own on them, kept apart the
 * way several meshes share AWS accounts: its own {@code name-prefix} for Glue databases and LF-tag
 * keys, and its own records folder. The accounts hold entries as the world's topology says ({@link
 * LoopbackMesh#properties(Topology)}).
 */
final class LoopbackBackend implements MeshBackend, BeforeAllCallback, AfterAllCallback {
  private Path profiles;
  private LoopbackMesh mesh;
  private int worlds;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    profiles = Files.createTempDirectory("lakemesh-loopback");
    mesh = new LoopbackMesh(profiles);
    // Governance grants only on what it published or linked: Lake Formation's own strictness holds.
    mesh.aws().lakeFormation().requireExistingResources();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    mesh.close();
    Files.deleteIfExists(mesh.profileFile());
    Files.deleteIfExists(profiles);
  }

  /** The loopback Glue, to see where entries landed. */
  FakeGlue glue() {
    return mesh.aws().glue();
  }

  /** The loopback EventBridge, to see what was put on each bus. */
  FakeEventBridge eventBridge() {
    return mesh.aws().eventBridge();
  }

  /**
   * "LFTag" (API reference): "The maximum number of values that can be defined for a LF-Tag is
   * 1000".
   */
  @Override
  public OptionalInt tagValueLimit() {
    return OptionalInt.of(1000);
  }

  @Override
  public MeshStore open(Topology topology, Path dir) {
    String prefix = "w" + ++worlds + "_";
    Map<String, String> properties = mesh.properties(topology);
    properties.put("name-prefix", prefix);
    properties.put("records.root", "s3://" + LoopbackMesh.RECORDS_BUCKET + "/" + prefix + "/");
    return new LoopbackStore(mesh, mesh.catalog(properties, List.of()));
  }
}
