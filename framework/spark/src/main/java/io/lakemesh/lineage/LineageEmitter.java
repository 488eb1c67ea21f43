package io.lakemesh.lineage;

import io.lakemesh.config.LakemeshConfig.LineageSettings;
import io.lakemesh.exceptions.InvalidConfigException;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.ConsoleTransport;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import java.net.URI;
import java.util.Optional;

/**
 * Sends stored run events to an OpenLineage consumer besides the catalog. The catalog copy is the
 * source of truth; emitting is best effort and a failure is reported, not fatal.
 */
public final class LineageEmitter {
  private final OpenLineageClient client;

  private LineageEmitter(OpenLineageClient client) {
    this.client = client;
  }

  public static Optional<LineageEmitter> from(LineageSettings settings) {
    return switch (settings.transport()) {
      case "none", "" -> Optional.empty();
      case "console" ->
          Optional.of(new LineageEmitter(new OpenLineageClient(new ConsoleTransport())));
      case "file" -> {
        if (settings.path().isBlank()) {
          throw new InvalidConfigException(
              "lakemesh.lineage.path", "lineage transport 'file' needs lakemesh.lineage.path");
        }
        yield Optional.of(
            new LineageEmitter(
                new OpenLineageClient(new FileTransport(new FileConfig(settings.path())))));
      }
      case "http" -> {
        if (settings.url().isBlank()) {
          throw new InvalidConfigException(
              "lakemesh.lineage.url", "lineage transport 'http' needs lakemesh.lineage.url");
        }
        HttpConfig http = new HttpConfig();
        http.setUrl(URI.create(settings.url()));
        yield Optional.of(new LineageEmitter(new OpenLineageClient(new HttpTransport(http))));
      }
      default ->
          throw new InvalidConfigException(
              "lakemesh.lineage.transport",
              "unknown lineage transport '"
                  + settings.transport()
                  + "' (none, console, file, http)");
    };
  }

  public void emit(String runEventJson) {
    client.emit(OpenLineageClientUtils.runEventFromJson(runEventJson));
  }
}
