package io.lakemesh.config;

import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.governance.Account;
import io.lakemesh.governance.AccountRole;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Topology;
import io.lakemesh.runtime.Warehouse;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads the mesh (accounts and topology) from {@code lakemesh.mesh}; {@code conf/mesh.conf}
 * documents the keys:
 *
 * <pre>
 * lakemesh.mesh {
 *   topology = central                    # central | lob-federated | federated
 *   accounts = [
 *     { id = governance, roles = [governance], lob = corporate, topologies = [central] }
 *     { id = sales,      roles = [producer],   lob = retail }
 *     { id = marketing,  roles = [consumer],   lob = retail, principals = [analyst] }
 *   ]
 * }
 * </pre>
 *
 * A relative storage root is under the mesh home; without one, the account's folder in the
 * warehouse.
 */
public final class MeshConfig {
  private static final Set<String> KEYS = Set.of("topology", "accounts");
  private static final Set<String> ACCOUNT_KEYS =
      Set.of("id", "roles", "lob", "storage-root", "principals", "topologies");

  private MeshConfig() {}

  /**
   * The mesh of {@code section}, in {@code topology} when that is not null (a command-line switch).
   */
  static Mesh parse(Section section, Path home, Warehouse warehouse, Topology override) {
    section.allowOnly(KEYS);
    Mesh.Builder mesh =
        Mesh.builder()
            .topology(
                override != null
                    ? override
                    : Topology.parse(section.optString("topology").orElse("central")));
    for (Section a : section.sectionList("accounts", ACCOUNT_KEYS)) {
      String id = a.string("id");
      try {
        mesh.account(
            Account.builder(id)
                .roles(a.stringList("roles").stream().map(AccountRole::parse).toList())
                .lob(a.optString("lob").orElse(null))
                .storageRoot(
                    a.optString("storage-root")
                        .map(r -> storageRoot(home, r))
                        .orElse(warehouse.location(id)))
                .principals(a.stringList("principals"))
                .onlyIn(a.stringList("topologies").stream().map(Topology::parse).toList())
                .build());
      } catch (LakemeshException e) {
        throw a.invalid("id", "account " + id + ": " + e.getMessage());
      }
    }
    try {
      return mesh.build();
    } catch (LakemeshException e) {
      throw section.invalid("accounts", e.getMessage());
    }
  }

  private static String storageRoot(Path home, String root) {
    return root.contains("://") || root.startsWith("/") ? root : home.resolve(root).toString();
  }
}
