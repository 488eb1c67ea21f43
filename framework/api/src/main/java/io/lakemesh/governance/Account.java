package io.lakemesh.governance;

import io.lakemesh.catalog.Names;
import io.lakemesh.exceptions.InvalidConfigException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An isolated unit of storage and governance, like an AWS account: its own catalog and storage
 * root, one or more roles, and a line of business.
 *
 * @param id the account id, also the name of its catalog
 * @param roles what it does; not exclusive (a batch-serving account produces and consumes)
 * @param lob its line of business
 * @param storageRoot where its data lives (a folder or an {@code s3://} URI)
 * @param principals the names of the principals declared inside it ({@code analyst} for {@code
 *     marketing:analyst}); the administrator is always there
 * @param topologies the topologies it takes part in; empty means every one (a governance account of
 *     the central topology is left out of the federated ones this way)
 */
public record Account(
    String id,
    Set<AccountRole> roles,
    String lob,
    String storageRoot,
    SortedSet<String> principals,
    Set<Topology> topologies) {

  public Account {
    Names.account(id);
    String where = Mesh.CONFIG_KEY + ".accounts." + id;
    if (roles == null || roles.isEmpty()) {
      throw new InvalidConfigException(
          where + ".roles",
          "account " + id + " needs at least one role (producer, consumer, governance)");
    }
    roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    if (lob == null || lob.isBlank()) {
      throw new InvalidConfigException(
          where + ".lob", "account " + id + " needs a line of business (lob)");
    }
    Names.account(lob);
    if (storageRoot == null || storageRoot.isBlank()) {
      throw new InvalidConfigException(
          where + ".storage-root", "account " + id + " needs a storage root (storage-root)");
    }
    TreeSet<String> names = new TreeSet<>();
    for (String principal : principals == null ? Set.<String>of() : principals) {
      names.add(Principal.of(id, principal).name());
    }
    principals = Collections.unmodifiableSortedSet(names);
    topologies = topologies == null || topologies.isEmpty() ? Set.of() : Set.copyOf(topologies);
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  public boolean has(AccountRole role) {
    return roles.contains(role);
  }

  public boolean activeIn(Topology topology) {
    return topologies.isEmpty() || topologies.contains(topology);
  }

  public Principal administrator() {
    return Principal.administrator(id);
  }

  /** True when the principal belongs to this account and is declared (or is the administrator). */
  public boolean declares(Principal principal) {
    return principal.account().equals(id)
        && (principal.isAdministrator() || principals.contains(principal.name()));
  }

  /** Builds an account step by step, the way the mesh config declares it. */
  public static final class Builder {
    private final String id;
    private final Set<AccountRole> roles = EnumSet.noneOf(AccountRole.class);
    private final Set<String> principals = new TreeSet<>();
    private final Set<Topology> topologies = EnumSet.noneOf(Topology.class);
    private String lob;
    private String storageRoot;

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    public Builder roles(AccountRole... values) {
      roles.addAll(Arrays.asList(values));
      return this;
    }

    public Builder roles(Collection<AccountRole> values) {
      roles.addAll(values);
      return this;
    }

    public Builder lob(String value) {
      lob = value;
      return this;
    }

    public Builder storageRoot(String value) {
      storageRoot = value;
      return this;
    }

    public Builder principals(String... names) {
      principals.addAll(Arrays.asList(names));
      return this;
    }

    public Builder principals(Collection<String> names) {
      principals.addAll(names);
      return this;
    }

    /** Limits the account to these topologies; by default it takes part in all. */
    public Builder onlyIn(Topology... values) {
      topologies.addAll(Arrays.asList(values));
      return this;
    }

    public Builder onlyIn(Collection<Topology> values) {
      topologies.addAll(values);
      return this;
    }

    public Account build() {
      return new Account(id, roles, lob, storageRoot, new TreeSet<>(principals), topologies);
    }
  }
}
