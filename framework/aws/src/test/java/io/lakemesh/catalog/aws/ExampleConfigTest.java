package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The example {@code conf/aws.conf}, flattened as the catalog receives it, is a valid config. */
class ExampleConfigTest {
  private static final Path EXAMPLE = Path.of("../../conf/aws.conf");

  @Test
  void theExampleConfigDeclaresEveryAccountOfTheMesh() throws Exception {
    Config catalog =
        ConfigFactory.parseFile(EXAMPLE.toFile()).resolve().getConfig("lakemesh.catalog");
    Map<String, String> properties = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : catalog.entrySet()) {
      properties.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
    }

    AwsCatalogConfig config = AwsCatalogConfig.from(properties);

    assertThat(properties).containsEntry("type", AwsCatalogFactory.TYPE);
    assertThat(config.accounts().keySet())
        .containsExactlyInAnyOrder(
            "governance", "retail-gov", "finance-gov", "sales", "product", "finance", "marketing");
    assertThat(config.account("sales").holder()).isEqualTo("governance");
    // sales's bucket is in its own AWS account: governance registers it with a role of its own.
    assertThat(config.registrationRole(config.account("sales")))
        .contains("arn:aws:iam::111122223333:role/lakemesh-lf-locations");
    assertThat(config.recordsRoot().bucket()).isEqualTo("example-governance-records");
    assertThat(config.accounts().values())
        .allSatisfy(a -> assertThat(a.profile().isPresent() || a.roleArn().isPresent()).isTrue());
    assertThat(Files.readString(EXAMPLE)).doesNotContainIgnoringCase("secret");
  }
}
