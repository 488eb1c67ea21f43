package io.lakemesh.cli;

import io.lakemesh.config.Settings;
import io.lakemesh.orchestration.StepFunctionsDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The entry point of the job jar as an AWS Glue Spark job. Glue passes its own arguments ({@code
 * --JOB_NAME}, {@code --TempDir}, {@code --job-bookmark-option}, ...) beside the job's; the ones
 * lakemesh does not use are ignored. A failed run throws, so Glue marks the job run failed.
 * Schedulers tell a rejected batch from another failure by the run's record (they pass {@code
 * --run-id}), not by this message, which is for people reading the job's log.
 *
 * <pre>--product sales.orders [--run-id ID] [--home DIR] [--config FILE]</pre>
 */
public final class GlueJob {
  private static final List<String> PASSED_ON = List.of("--run-id", "--home", "--config");
  private static final String ROOT_PROPERTY = "lakemesh.root";

  /** Where the job jar keeps the product specs (jobs/pom.xml). */
  private static final String BUNDLED = "products/";

  private GlueJob() {}

  public static void main(String[] args) throws Exception {
    useBundledSpecs();
    int code = LakemeshCli.execute(cliArguments(parse(args)).toArray(String[]::new));
    if (code != 0) {
      throw new IllegalStateException(failure(code));
    }
  }

  /**
   * Glue copies single files to the driver ({@code --extra-files}), not folders, so the product
   * specs come from the job jar, which bundles {@code jobs/products}: when the working directory
   * has none, they are unpacked to a fresh install root ({@code lakemesh.root}), where the default
   * {@code lakemesh.products = "jobs/products"} finds them.
   */
  private static void useBundledSpecs() throws IOException, URISyntaxException {
    if (System.getProperty(ROOT_PROPERTY) != null
        || Files.isDirectory(Path.of(Settings.PRODUCTS.defaultValue()))) {
      return;
    }
    Path jar = Path.of(GlueJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(jar)) {
      Path root = Files.createTempDirectory("lakemesh-root");
      unpackSpecs(jar, root);
      System.setProperty(ROOT_PROPERTY, root.toString());
    }
  }

  /**
   * The jar's {@code products/DOMAIN/NAME.conf} entries, written below {@code root/jobs/products}.
   */
  static Path unpackSpecs(Path jar, Path root) throws IOException {
    Path products = root.resolve(Settings.PRODUCTS.defaultValue()).toAbsolutePath().normalize();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : Collections.list(file.entries())) {
        if (entry.isDirectory()
            || !entry.getName().startsWith(BUNDLED)
            || !entry.getName().endsWith(".conf")) {
          continue;
        }
        Path target = products.resolve(entry.getName().substring(BUNDLED.length())).normalize();
        if (!target.startsWith(products)) {
          throw new IOException(
              "the jar entry " + entry.getName() + " points outside the products folder");
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return products;
  }

  /** Glue's {@code --key value} pairs; a key without a value (a trailing flag) maps to "". */
  static Map<String, String> parse(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
        out.put(args[i], hasValue ? args[++i] : "");
      }
    }
    return out;
  }

  static List<String> cliArguments(Map<String, String> glue) {
    String product = glue.get("--product");
    if (product == null || product.isBlank()) {
      throw new IllegalArgumentException(
          "the Glue job needs --product DOMAIN.NAME among its job arguments");
    }
    // The job's log (CloudWatch) is what an operator reads afterwards: Spark's warnings stay in it.
    List<String> cli = new ArrayList<>(List.of("--verbose", "run", product));
    for (String key : PASSED_ON) {
      if (glue.containsKey(key)) {
        cli.add(key);
        cli.add(glue.get(key));
      }
    }
    return cli;
  }

  static String failure(int exitCode) {
    return exitCode == 3
        ? StepFunctionsDefinition.REJECTED
            + ": the quality gate rejected the batch; nothing was published"
        : "lakemesh run failed with exit code " + exitCode + " (see the job's log)";
  }
}
