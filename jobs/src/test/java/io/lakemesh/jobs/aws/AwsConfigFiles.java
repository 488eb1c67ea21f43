package io.lakemesh.jobs.aws;

import com.typesafe.config.ConfigUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A lakemesh config file with the aws catalog of the given (flattened) properties, as users write
 * it.
 */
final class AwsConfigFiles {
  static final Path REPO = Path.of("").toAbsolutePath().getParent();

  private AwsConfigFiles() {}

  static Path write(Path file, Map<String, String> catalog, String more) throws IOException {
    StringBuilder text = new StringBuilder("lakemesh.catalog.type = aws\n");
    catalog.forEach(
        (k, v) ->
            text.append("lakemesh.catalog.")
                .append(k)
                .append(" = ")
                .append(ConfigUtil.quoteString(v))
                .append('\n'));
    text.append("lakemesh.products = ")
        .append(ConfigUtil.quoteString(REPO.resolve("jobs/products").toString()))
        .append('\n');
    text.append(more).append('\n');
    return Files.writeString(file, text.toString());
  }
}
