package io.lakemesh.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.InvalidIdentifierException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcCatalogConfigTest {

  @Test
  void aUriIsRequired() {
    assertThatThrownBy(() -> new JdbcGovernanceCatalog().initialize("main", Map.of()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> assertThat(e.key()).isEqualTo(JdbcCatalogConfig.URI));
  }

  @Test
  void onlySqliteAndPostgresqlAreSupported() {
    Map<String, String> mysql = Map.of(JdbcCatalogConfig.URI, "jdbc:mysql://db/x?password=hunter2");

    assertThatThrownBy(() -> new JdbcGovernanceCatalog().initialize("main", mysql))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("jdbc:mysql://db/x")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aSchemaIsRefusedOnSqliteAndCheckedOnPostgresql(@TempDir Path dir) {
    Map<String, String> sqlite =
        Map.of(
            JdbcCatalogConfig.URI,
            "jdbc:sqlite:" + dir.resolve("c.db"),
            JdbcCatalogConfig.SCHEMA,
            "gov");
    Map<String, String> injected =
        Map.of(
            JdbcCatalogConfig.URI,
            "jdbc:postgresql://127.0.0.1:1/x",
            JdbcCatalogConfig.SCHEMA,
            "gov; drop");

    assertThatThrownBy(() -> new JdbcGovernanceCatalog().initialize("main", sqlite))
        .isInstanceOf(InvalidConfigException.class);
    assertThatThrownBy(() -> new JdbcGovernanceCatalog().initialize("main", injected))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void anUnreachableDatabaseFailsWithoutShowingThePassword() {
    Map<String, String> unreachable =
        Map.of(
            JdbcCatalogConfig.URI,
                "jdbc:postgresql://127.0.0.1:1/lakemesh?user=lm&password=hunter2&connectTimeout=2",
            JdbcCatalogConfig.PASSWORD, "swordfish");

    assertThatThrownBy(() -> new JdbcGovernanceCatalog().initialize("main", unreachable))
        .isInstanceOf(ExternalServiceException.class)
        .hasMessageContaining("jdbc catalog 'main': open jdbc:postgresql://127.0.0.1:1/lakemesh")
        .satisfies(e -> assertThat(causeChainText(e)).doesNotContain("hunter2", "swordfish"));
  }

  @Test
  void theBusyTimeoutMustBeANumber(@TempDir Path dir) {
    Map<String, String> properties =
        Map.of(
            JdbcCatalogConfig.URI,
            "jdbc:sqlite:" + dir.resolve("c.db"),
            JdbcCatalogConfig.SQLITE_BUSY_TIMEOUT_MS,
            "30s");

    assertThatThrownBy(() -> new JdbcGovernanceCatalog().initialize("main", properties))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> assertThat(e.key()).isEqualTo(JdbcCatalogConfig.SQLITE_BUSY_TIMEOUT_MS));
  }

  @Test
  void configTextNeverShowsThePassword() {
    JdbcCatalogConfig config =
        JdbcCatalogConfig.from(
            Map.of(
                JdbcCatalogConfig.URI, "jdbc:postgresql://lm:hunter2@db/x?password=hunter2",
                JdbcCatalogConfig.PASSWORD, "swordfish"));

    assertThat(config.toString())
        .doesNotContain("hunter2", "swordfish")
        .contains("jdbc:postgresql://lm:***@db/x");
  }

  @Test
  void sqliteFilesAreFoundInEveryUrlForm() {
    assertThat(SqliteAccess.databaseFile("jdbc:sqlite:/data/c.db")).contains(Path.of("/data/c.db"));
    assertThat(SqliteAccess.databaseFile("jdbc:sqlite:file:/data/c.db?cache=shared"))
        .contains(Path.of("/data/c.db"));
    assertThat(SqliteAccess.databaseFile("jdbc:sqlite:file:///data/c.db"))
        .contains(Path.of("/data/c.db"));
    assertThat(SqliteAccess.databaseFile("jdbc:sqlite::memory:")).isEmpty();
    assertThat(SqliteAccess.databaseFile("jdbc:sqlite:file:lm?mode=memory&cache=shared")).isEmpty();
    assertThat(SqliteAccess.databaseFile("jdbc:sqlite:")).isEmpty();
  }

  private static String causeChainText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
