package io.lakemesh.cli;

import io.lakemesh.runtime.Plural;
import io.lakemesh.samples.Generators;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write deterministic sample data for a product's source (for benchmarks and big tests).")
public final class GenerateCommand implements PluggedCommand {
  @Mixin Environment env;

  @Parameters(
      paramLabel = "PRODUCT",
      description = "Product whose source to generate: ${COMPLETION-CANDIDATES}.",
      completionCandidates = Generators.Names.class)
  String product;

  @Option(
      names = "--rows",
      defaultValue = "1000000",
      description = "Rows to write (default ${DEFAULT-VALUE}).")
  long rows;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output folder (CSV files with a header).")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed; the same seed gives the same rows (default ${DEFAULT-VALUE}).")
  int seed;

  @Option(
      names = "--first-id",
      defaultValue = "0",
      description = "Id of the first row, to generate appends (default ${DEFAULT-VALUE}).")
  long firstId;

  @Option(names = "--json", description = "Print JSON: {product, rows, out, seconds}.")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      long start = System.nanoTime();
      Generators.write(
          LocalSpark.of(env), product, firstId, rows, seed, out.toAbsolutePath().toString());
      double seconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
      if (json) {
        JsonOutput.print(
            JsonOutput.object(
                "product",
                product,
                "rows",
                rows,
                "out",
                out.toAbsolutePath().toString(),
                "seconds",
                seconds));
      } else {
        System.err.printf(
            "wrote %s of %s to %s in %.1f s%n", Plural.of(rows, "row"), product, out, seconds);
      }
      return 0;
    }
  }
}
