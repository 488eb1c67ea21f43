package io.lakemesh.governance.service;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.client.HttpCatalog;
import io.lakemesh.client.HttpGovernance;
import io.lakemesh.client.ServerEndpoint;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.governance.rules.GovernanceService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a config's governance rules run: on the catalog server when {@code lakemesh.catalog.url} is
 * set (the server enforces them, acting as the token's principal), else in process over the
 * configured catalog. The CLI and the governed Spark catalog both take it from here, and the CLI
 * its catalog's server properties.
 */
public final class GovernanceServices {
  private GovernanceServices() {}

  public static GovernanceService of(
      LakemeshConfig config, Mesh mesh, Supplier<GovernanceCatalog> catalog) {
    String url = serverUrl(config);
    return url.isBlank()
        ? Governance.over(mesh, catalog.get())
        : HttpGovernance.withToken(
            ServerEndpoint.of(serverProperties(config)), mesh, token(config));
  }

  /** The catalog server's URL ({@code lakemesh.catalog.url}); blank when the catalog is local. */
  public static String serverUrl(LakemeshConfig config) {
    return config.catalogProperties().getOrDefault("url", "");
  }

  /**
   * The properties of the {@code http} catalog that reaches the config's server with its token, and
   * what it trusts ({@link ServerEndpoint}).
   */
  public static Map<String, String> serverProperties(LakemeshConfig config) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(HttpCatalog.URL, serverUrl(config));
    properties.put(HttpCatalog.TOKEN, token(config));
    for (String key : List.of(ServerEndpoint.TLS_CA, ServerEndpoint.ALLOW_INSECURE_HTTP)) {
      String value = config.catalogProperties().getOrDefault(key, "");
      if (!value.isBlank()) {
        properties.put(key, value);
      }
    }
    return properties;
  }

  private static String token(LakemeshConfig config) {
    String token = config.catalogProperties().getOrDefault("token", "");
    if (token.isBlank()) {
      token = System.getenv().getOrDefault("LAKEMESH_TOKEN", "");
    }
    if (token.isBlank()) {
      throw new InvalidConfigException(
          "lakemesh.catalog.token",
          "lakemesh.catalog.url is set but no token is: set LAKEMESH_TOKEN (lakemesh token create --as WHO)");
    }
    return token;
  }
}
