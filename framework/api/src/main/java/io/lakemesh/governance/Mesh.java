package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The accounts of a mesh and its topology, and the answers that depend on the topology: which
 * catalog holds a producer's product entries and grants, and which audit log records what.
 *
 * <p>Declared accounts that do not take part in the topology ({@link Account#activeIn}) are left
 * out, so one declaration serves every topology.
 */
public record Mesh(Topology topology, List<Account> accounts) {
  /** Where the mesh is declared in the HOCON config. */
  public static final String CONFIG_KEY = "lakemesh.mesh";

  public Mesh {
    if (topology == null) {
      throw new InvalidConfigException(CONFIG_KEY + ".topology", "the mesh needs a topology");
    }
    Topology active = topology;
    accounts = accounts.stream().filter(a -> a.activeIn(active)).toList();
    checkUnique(accounts);
    MeshRules.check(topology, accounts);
  }

  public static Mesh of(Topology topology, Collection<Account> declared) {
    return new Mesh(topology, List.copyOf(declared));
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Account> findAccount(String id) {
    return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  /** The account, or a not-found error listing the accounts of the mesh. */
  public Account account(String id) {
    return findAccount(id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "unknown account '"
                        + id
                        + "' in the "
                        + topology.configName()
                        + " mesh (accounts: "
                        + accounts.stream().map(Account::id).collect(Collectors.joining(", "))
                        + ")"));
  }

  /** True when the principal's account is in the mesh and declares the principal. */
  public boolean knows(Principal principal) {
    return findAccount(principal.account()).map(a -> a.declares(principal)).orElse(false);
  }

  /** The principal, or a not-found error naming what is missing. */
  public Principal principal(Principal principal) {
    Account account = account(principal.account());
    if (!account.declares(principal)) {
      throw new NotFoundException(
          "unknown principal '"
              + principal
              + "': account "
              + account.id()
              + " declares "
              + (account.principals().isEmpty()
                  ? "no principals besides its administrator"
                  : "only " + String.join(", ", account.principals())));
    }
    return principal;
  }

  public boolean isProducer(String accountId) {
    return findAccount(accountId).map(a -> a.has(AccountRole.PRODUCER)).orElse(false);
  }

  public List<Account> producers() {
    return withRole(AccountRole.PRODUCER);
  }

  public List<Account> governanceAccounts() {
    return withRole(AccountRole.GOVERNANCE);
  }

  /**
   * The account whose catalog holds the producer's product entries, grants and LF-tags: in {@code
   * central} the governance account, in {@code lob-federated} the governance account of the
   * producer's line of business, in {@code federated} the producer itself.
   */
  public String holderOf(String producer) {
    Account account = account(producer);
    if (!account.has(AccountRole.PRODUCER)) {
      throw new InvalidRequestException(
          "account " + producer + " is not a producer, so it has no product entries");
    }
    return switch (topology) {
      case CENTRAL -> governanceAccounts().get(0).id();
      case LOB_FEDERATED -> governanceOfLob(account.lob()).orElseThrow().id();
      case FEDERATED -> producer;
    };
  }

  /** The audit log that records actions on the producer's products: the holder's. */
  public String auditLogOf(String producer) {
    return holderOf(producer);
  }

  /**
   * The log for actions about an account's own catalog when no producer's data is involved (a
   * consumer's links, a refused search): the governance account responsible for the account, or in
   * {@code federated} the account itself if it keeps a log. Empty when no log is responsible.
   */
  public Optional<String> auditLogFor(String accountId) {
    Optional<Account> account = findAccount(accountId);
    return switch (topology) {
      case CENTRAL -> Optional.of(governanceAccounts().get(0).id());
      case LOB_FEDERATED -> account.flatMap(a -> governanceOfLob(a.lob())).map(Account::id);
      case FEDERATED -> account.filter(a -> a.has(AccountRole.PRODUCER)).map(Account::id);
    };
  }

  /** Every audit log of the mesh: the governance accounts', or each producer's in federated. */
  public List<String> auditLogs() {
    List<Account> owners = topology == Topology.FEDERATED ? producers() : governanceAccounts();
    return owners.stream().map(Account::id).toList();
  }

  /**
   * True when the account's catalog keeps LF-tag definitions: the governance accounts, or the
   * producers in {@code federated}.
   */
  public boolean keepsTags(String accountId) {
    AccountRole role =
        topology == Topology.FEDERATED ? AccountRole.PRODUCER : AccountRole.GOVERNANCE;
    return findAccount(accountId).map(a -> a.has(role)).orElse(false);
  }

  /** True when {@code accountId} is the governance account that holds the producer's entries. */
  public boolean governs(String accountId, String producer) {
    return topology != Topology.FEDERATED
        && isProducer(producer)
        && holderOf(producer).equals(accountId);
  }

  /** The producers whose products sit in the catalog of a governance account (or a producer). */
  public List<Account> producersHeldBy(String holder) {
    return producers().stream().filter(p -> holderOf(p.id()).equals(holder)).toList();
  }

  public Optional<Account> governanceOfLob(String lob) {
    return governanceAccounts().stream().filter(g -> g.lob().equals(lob)).findFirst();
  }

  private List<Account> withRole(AccountRole role) {
    return accounts.stream().filter(a -> a.has(role)).toList();
  }

  private static void checkUnique(List<Account> accounts) {
    Map<String, Account> seen = new LinkedHashMap<>();
    for (Account account : accounts) {
      if (seen.put(account.id(), account) != null) {
        throw new InvalidConfigException(
            CONFIG_KEY + ".accounts", "account " + account.id() + " is declared twice");
      }
    }
  }

  /** What each topology asks of the governance accounts. */
  private static final class MeshRules {
    private MeshRules() {}

    static void check(Topology topology, List<Account> accounts) {
      List<String> governance = ids(accounts, AccountRole.GOVERNANCE);
      switch (topology) {
        case CENTRAL -> {
          if (governance.size() != 1) {
            throw invalid(
                "topology central needs exactly one governance account, found "
                    + describe(governance)
                    + (governance.isEmpty()
                        ? " (declare an account with roles = [governance])"
                        : " (limit the others with topologies = [lob-federated])"));
          }
        }
        case LOB_FEDERATED -> checkOnePerLob(accounts);
        case FEDERATED -> {
          if (!governance.isEmpty()) {
            throw invalid(
                "topology federated has no governance account, found "
                    + describe(governance)
                    + " (limit them with topologies = [central] or [lob-federated])");
          }
        }
      }
    }

    private static void checkOnePerLob(List<Account> accounts) {
      Map<String, List<String>> governanceByLob = new TreeMap<>();
      for (Account account : accounts) {
        if (account.has(AccountRole.PRODUCER)) {
          governanceByLob.putIfAbsent(account.lob(), new ArrayList<>());
        }
      }
      for (Account account : accounts) {
        if (account.has(AccountRole.GOVERNANCE)) {
          governanceByLob
              .computeIfAbsent(account.lob(), lob -> new ArrayList<>())
              .add(account.id());
        }
      }
      governanceByLob.forEach(
          (lob, governance) -> {
            if (governance.size() != 1) {
              throw invalid(
                  "topology lob-federated needs exactly one governance account per line of"
                      + " business with producers; LOB "
                      + lob
                      + " has "
                      + describe(governance));
            }
          });
    }

    private static List<String> ids(List<Account> accounts, AccountRole role) {
      return accounts.stream().filter(a -> a.has(role)).map(Account::id).toList();
    }

    private static String describe(List<String> ids) {
      return ids.isEmpty() ? "none" : ids.size() + " (" + String.join(", ", ids) + ")";
    }

    private static InvalidConfigException invalid(String message) {
      return new InvalidConfigException(CONFIG_KEY + ".accounts", message);
    }
  }

  /** Builds a mesh in plain Java, as the mesh config declares it. */
  public static final class Builder {
    private final List<Account> accounts = new ArrayList<>();
    private Topology topology = Topology.CENTRAL;

    private Builder() {}

    public Builder topology(Topology value) {
      topology = value;
      return this;
    }

    public Builder account(Account account) {
      accounts.add(account);
      return this;
    }

    public Builder accounts(Collection<Account> values) {
      accounts.addAll(values);
      return this;
    }

    public Mesh build() {
      return new Mesh(topology, List.copyOf(accounts));
    }
  }
}
