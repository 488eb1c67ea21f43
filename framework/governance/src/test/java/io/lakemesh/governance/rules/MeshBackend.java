package io.lakemesh.governance.rules;

import io.lakemesh.governance.Topology;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Where the worlds of a rule suite keep their governance state. Each world gets a store of its own,
 * empty, for the demo mesh in one topology. SQLite unless a suite's subclass names another backend
 * (see {@link MeshWorld} for the recipe).
 */
interface MeshBackend {
  /** The embedded default: a fresh SQLite file in the test's temporary folder for every world. */
  MeshBackend SQLITE =
      (topology, dir) ->
          JdbcMeshStore.sqlite(
              dir.resolve("catalog-" + topology.configName() + "-" + System.nanoTime() + ".db"));

  /** A new, empty store for the demo mesh in this topology; {@code dir} is the test's own. */
  MeshStore open(Topology topology, Path dir);

  /** The most values the service beneath keeps for one LF-tag; none when it keeps any number. */
  default OptionalInt tagValueLimit() {
    return OptionalInt.empty();
  }
}
