package io.lakemesh.cli;

import io.lakemesh.orchestration.StepFunctionsDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point of the job jar as an AWS Glue Spark job. Glue passes its own arguments
 * ({@code --JOB_NAME}, {@code --TempDir}, {@code --job-bookmark-option}, ...) beside the job's;
 * the ones lakemesh does not use are ignored. A failed run throws, so Glue marks the job run
 * failed with a message that names a quality gate rejection as such.
 *
 * <pre>--product sales.orders [--run-id ID] [--home DIR] [--config FILE]</pre>
 */
public final class GlueJob {
  private static final List<String> PASSED_ON = List.of("--run-id", "--home", "--config");

  private GlueJob() {}

  public static void main(String[] args) {
    int code = LakemeshCli.execute(cliArguments(parse(args)).toArray(String[]::new));
    if (code != 0) {
      throw new IllegalStateException(failure(code));
    }
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
      throw new IllegalArgumentException("the Glue job needs --product DOMAIN.NAME among its job arguments");
    }
    List<String> cli = new ArrayList<>(List.of("run", product));
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
        ? StepFunctionsDefinition.REJECTION_MARKER + ": the quality gate rejected the batch; nothing was published"
        : "lakemesh run failed with exit code " + exitCode + " (see the job's log)";
  }
}
