package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where product entries, grants and audit logs live. The job code is the same in every topology;
 * only the catalog that holds a producer's entries changes (see {@link Mesh#holderOf}).
 */
public enum Topology {
  /** One governance account holds every producer's entries, grants and the audit log. */
  CENTRAL,
  /** One governance account per line of business holds that LOB's producers' entries. */
  LOB_FEDERATED,
  /** No governance account: each producer's own catalog is the source of truth. */
  FEDERATED;

  /**
   * The name used in the mesh config: {@code central}, {@code lob-federated}, {@code federated}.
   */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Topology parse(String text) {
    String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Topology topology : values()) {
      if (topology.configName().equals(wanted)) {
        return topology;
      }
    }
    throw new InvalidConfigException(
        Mesh.CONFIG_KEY + ".topology",
        "unknown topology '"
            + text
            + "': expected one of "
            + Arrays.stream(values()).map(Topology::configName).collect(Collectors.joining(", ")));
  }
}
