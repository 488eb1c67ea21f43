package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} runs the shipped products whatever else a user has put in the products folder: a
 * spec of theirs that is broken is skipped and named with its error; a broken one of the demo's own
 * still stops it.
 */
class DemoTest {
  @TempDir Path dir;

  /** A copy of jobs/ (specs, data, bad batches, demo.conf) and a config that reads its specs. */
  private Path jobs() throws IOException {
    Path jobs = dir.resolve("jobs");
    for (String part : List.of("products", "data", "bad", "demo.conf")) {
      copy(TestMesh.REPO.resolve("jobs").resolve(part), jobs.resolve(part));
    }
    return jobs;
  }

  private CliRun demo(Path jobs) throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("demo.conf"), "lakemesh.products = \"" + jobs.resolve("products") + "\"\n");
    return CliRun.of(
        "demo", "--home", dir.resolve("home").toString(), "--config", config.toString());
  }

  @Test
  void aBrokenSpecOutsideTheDemosProductsIsSkippedAndNamedAndTheDemoPasses() throws IOException {
    Path jobs = jobs();
    Path travel = Files.createDirectories(jobs.resolve("products/travel"));
    Path trips =
        Files.writeString(
            travel.resolve("trips.conf"), "domain = travel\nname = trips\nversion = one\n");
    TestMesh.deriveSpec(jobs.resolve("products"), "sales.orders", "travel", "legs", "");
    Files.writeString(travel.resolve("orders.sql"), "SELECT * FROM orders WHERE )");

    CliRun run = demo(jobs);

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("ok   sales.orders       good batch   PUBLISHED")
        .contains("ok   product.inventory  good batch   PUBLISHED")
        .contains("ok   finance.revenue    good batch   PUBLISHED")
        .contains("ok   sales.orders       bad batch    REJECTED")
        .contains(
            "skip travel.trips       broken spec  SKIPPED    " + trips + ":3: key 'version': ")
        .contains(
            "skip travel.legs        good batch   ERROR      travel.legs: the SQL transform does not parse: ")
        .contains("(not one of the demo's products, so the demo goes on without it)")
        .contains("all as expected");
  }

  @Test
  void aBrokenSpecOfTheDemosOwnProductsStopsItWithExit2() throws IOException {
    Path jobs = jobs();
    Path orders = jobs.resolve("products/sales/orders.conf");
    Files.writeString(orders, Files.readString(orders).replace("mode = merge", "mode = upsert"));

    CliRun run = demo(jobs);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "error: "
                + orders
                + ":29: key 'table.mode': expected append, overwrite or merge,"
                + " got 'upsert'");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(f, target);
        }
      }
    }
  }
}
