package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI prints never carries a password embedded in a URL, and a catalog server URL that
 * would send the token in clear text to another host is refused with the way out.
 */
class SecretsInOutputTest {
  @TempDir Path dir;

  @Test
  void configMasksPasswordsEmbeddedInTheCatalogsUrls() {
    Path config =
        CliRun.config(
            dir,
            "jdbc:postgresql://lm:s3cret-in-authority@db.example.com:5432/lakemesh?user=lm&password=hunter2&ssl=true",
            "https://ops:t0ken-in-url@catalog.example.com:8181",
            "lmt_abc_def");

    CliRun run = CliRun.of("config", "--config", config.toString());

    assertThat(run.code()).isZero();
    assertThat(run.all())
        .doesNotContain("hunter2", "s3cret-in-authority", "t0ken-in-url", "lmt_abc_def");
    assertThat(run.out())
        .contains(
            "jdbc:postgresql://lm:***@db.example.com:5432/lakemesh?user=lm&password=***&ssl=true")
        .contains("https://ops:***@catalog.example.com:8181");
  }

  @Test
  void aPlainHttpServerOnAnotherHostIsRefusedWithTheWayOut() {
    Path config =
        CliRun.config(
            dir,
            "jdbc:sqlite:" + dir.resolve("local.db"),
            "http://catalog.example.com:8181",
            "lmt_abc_def");

    CliRun run = CliRun.of("catalog", "list", "--config", config.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "refusing to send an access token in clear text to http://catalog.example.com:8181")
        .contains("lakemesh serve --tls-cert FILE --tls-key FILE")
        .contains("lakemesh.catalog.allow-insecure-http = true");
  }
}
