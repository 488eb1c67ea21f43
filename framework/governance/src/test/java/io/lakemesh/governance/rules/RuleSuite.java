package io.lakemesh.governance.rules;

import io.lakemesh.governance.Topology;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule suite: its worlds open on the backend {@link #backend()} names, SQLite here. The suite's
 * subclass for another backend overrides that one method (see {@link MeshWorld}).
 */
abstract class RuleSuite {
  @TempDir Path dir;

  /** Where this suite's worlds keep their governance state. */
  MeshBackend backend() {
    return MeshBackend.SQLITE;
  }

  /** A new world of the demo mesh in this topology, on the suite's backend. */
  MeshWorld open(Topology topology) {
    return new MeshWorld(topology, backend().open(topology, dir));
  }

  /** The same, its rules reading the time from {@code clock}. */
  MeshWorld open(Topology topology, Clock clock) {
    return new MeshWorld(topology, backend().open(topology, dir), clock);
  }
}
