package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code sales.orders} as an append product in a mesh of its own, and a batch of the sample's first
 * 100 orders: a run small enough to start fast, of a size the compiler limit is set around.
 */
record HundredOrders(MeshCli cli, Path products, Path batch) {
  /** The batch's size in bytes. */
  static final long BYTES = 7_160;

  static HundredOrders in(Path dir) throws IOException {
    Path products = dir.resolve("products");
    TestMesh.deriveSpec(products, "sales.orders", "sales", "orders", "table.mode = append");
    Path batch =
        Files.write(
            dir.resolve("batch.csv"), Files.readAllLines(TestMesh.SAMPLE_ORDERS).subList(0, 101));
    assertThat(Files.size(batch)).isEqualTo(BYTES);
    return new HundredOrders(new MeshCli(dir, products, "central"), products, batch);
  }
}
