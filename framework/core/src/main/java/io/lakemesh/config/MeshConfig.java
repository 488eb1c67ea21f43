package io.lakemesh.config;

import io.lakemesh.governance.Account;
import io.lakemesh.governance.AccountRole;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Topology;
import io.lakemesh.runtime.Warehouse;
import java.util.Set;

/**
 * Reads the mesh (accounts and topology) from {@code lakemesh.mesh}:
 *
 * <pre>
 * lakemesh.mesh {
 *   topology = central                    # central | lob-federated | federated
 *   accounts {
 *     governance { roles = [governance], lob = corporate, only-in = [central] }
 *     sales      { roles = [producer], lob = retail }
 *     marketing  { roles = [consumer], lob = retail, principals = [analyst] }
 *   }
 * }
 * </pre>
 *
 * An account's storage root defaults to its folder in the warehouse.
 */
public final class MeshConfig {
  private static final Set<String> KEYS = Set.of("topology", "accounts");
  private static final Set<String> ACCOUNT_KEYS = Set.of("roles", "lob", "storage-root", "principals", "only-in");

  private MeshConfig() {}

  /** The mesh of {@code section}, in {@code topology} when that is not null (a command-line switch). */
  static Mesh parse(Section section, Warehouse warehouse, Topology override) {
    section.allowOnly(KEYS);
    Mesh.Builder mesh = Mesh.builder()
        .topology(override != null ? override : Topology.parse(section.optString("topology").orElse("central")));
    for (String id : section.keys("accounts")) {
      Section a = section.named("accounts", id, ACCOUNT_KEYS);
      try {
        Account.Builder account = Account.builder(id)
            .roles(a.stringList("roles").stream().map(AccountRole::parse).toList())
            .lob(a.optString("lob").orElse(null))
            .storageRoot(a.optString("storage-root").orElse(warehouse.location(id)))
            .principals(a.stringList("principals"))
            .onlyIn(a.stringList("only-in").stream().map(Topology::parse).toList());
        mesh.account(account.build());
      } catch (io.lakemesh.exceptions.LakemeshException e) {
        throw a.invalid("roles", "account " + id + ": " + e.getMessage());
      }
    }
    try {
      return mesh.build();
    } catch (io.lakemesh.exceptions.LakemeshException e) {
      throw section.invalid("accounts", e.getMessage());
    }
  }
}
