package io.lakemesh.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.InvalidIdentifierException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeshTest {

  @Test
  void oneDeclarationServesEveryTopology() {
    assertThat(MeshFixtures.demo(Topology.CENTRAL).governanceAccounts())
        .extracting(Account::id)
        .containsExactly("governance");
    assertThat(MeshFixtures.demo(Topology.LOB_FEDERATED).governanceAccounts())
        .extracting(Account::id)
        .containsExactly("retail-gov", "finance-gov");
    assertThat(MeshFixtures.demo(Topology.FEDERATED).governanceAccounts()).isEmpty();
    assertThat(MeshFixtures.demo(Topology.FEDERATED).findAccount("governance")).isEmpty();
  }

  @Test
  void theHolderOfAProducersEntriesFollowsTheTopology() {
    Mesh central = MeshFixtures.demo(Topology.CENTRAL);
    Mesh lob = MeshFixtures.demo(Topology.LOB_FEDERATED);
    Mesh federated = MeshFixtures.demo(Topology.FEDERATED);

    assertThat(List.of("sales", "product", "finance"))
        .allSatisfy(p -> assertThat(central.holderOf(p)).isEqualTo("governance"));
    assertThat(lob.holderOf("sales")).isEqualTo("retail-gov");
    assertThat(lob.holderOf("product")).isEqualTo("retail-gov");
    assertThat(lob.holderOf("finance")).isEqualTo("finance-gov");
    assertThat(federated.holderOf("sales")).isEqualTo("sales");
    assertThat(federated.auditLogOf("finance")).isEqualTo("finance");
    assertThat(central.auditLogs()).containsExactly("governance");
    assertThat(lob.auditLogs()).containsExactly("retail-gov", "finance-gov");
    assertThat(federated.auditLogs()).containsExactly("sales", "product", "finance");
    assertThatThrownBy(() -> central.holderOf("marketing"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not a producer");
  }

  @Test
  void governanceAndTagCatalogsAreTheHoldersCatalogs() {
    Mesh lob = MeshFixtures.demo(Topology.LOB_FEDERATED);
    assertThat(lob.governs("retail-gov", "sales")).isTrue();
    assertThat(lob.governs("finance-gov", "sales")).isFalse();
    assertThat(lob.keepsTags("retail-gov")).isTrue();
    assertThat(lob.keepsTags("sales")).isFalse();
    Mesh federated = MeshFixtures.demo(Topology.FEDERATED);
    assertThat(federated.governs("sales", "sales")).isFalse();
    assertThat(federated.keepsTags("sales")).isTrue();
    assertThat(federated.keepsTags("marketing")).isFalse();
    assertThat(lob.auditLogFor("marketing")).contains("retail-gov");
    assertThat(federated.auditLogFor("marketing")).isEmpty();
  }

  @Test
  void centralNeedsExactlyOneGovernanceAccount() {
    List<Account> none = without("governance");
    assertThatThrownBy(() -> Mesh.of(Topology.CENTRAL, none))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("topology central needs exactly one governance account, found none");

    List<Account> two = new ArrayList<>(MeshFixtures.demoAccounts());
    two.add(
        Account.builder("audit")
            .roles(AccountRole.GOVERNANCE)
            .lob("corporate")
            .storageRoot("x")
            .build());
    assertThatThrownBy(() -> Mesh.of(Topology.CENTRAL, two))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("found 2 (governance, audit)");
  }

  @Test
  void lobFederatedNeedsOneGovernanceAccountPerLobWithProducers() {
    assertThatThrownBy(() -> Mesh.of(Topology.LOB_FEDERATED, without("finance-gov")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("LOB finance has none");
    // A line of business without producers needs none.
    assertThat(Mesh.of(Topology.LOB_FEDERATED, without("finance-gov", "finance")).accounts())
        .extracting(Account::id)
        .doesNotContain("finance-gov");
  }

  @Test
  void federatedHasNoGovernanceAccount() {
    List<Account> accounts = new ArrayList<>(MeshFixtures.demoAccounts());
    accounts.add(
        Account.builder("auditor")
            .roles(AccountRole.GOVERNANCE)
            .lob("corporate")
            .storageRoot("x")
            .build());
    assertThatThrownBy(() -> Mesh.of(Topology.FEDERATED, accounts))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("topology federated has no governance account, found 1 (auditor)");
  }

  @Test
  void accountsArePrincipalsAreLookedUpWithClearErrors() {
    Mesh mesh = MeshFixtures.demo(Topology.CENTRAL);
    assertThat(mesh.knows(MeshFixtures.ANALYST)).isTrue();
    assertThat(mesh.knows(Principal.of("marketing", "ghost"))).isFalse();
    assertThat(mesh.knows(Principal.administrator("nobody"))).isFalse();
    assertThatThrownBy(() -> mesh.account("nobody"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("unknown account 'nobody'")
        .hasMessageContaining("sales");
    assertThatThrownBy(() -> mesh.principal(Principal.of("marketing", "ghost")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("unknown principal 'marketing:ghost': account marketing declares only analyst");
  }

  @Test
  void accountsAreValidatedOnConstruction() {
    assertThatThrownBy(() -> Account.builder("sales").lob("retail").storageRoot("x").build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("at least one role");
    assertThatThrownBy(
            () -> Account.builder("sales").roles(AccountRole.PRODUCER).storageRoot("x").build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("lob");
    assertThatThrownBy(
            () ->
                Account.builder("Sales; drop")
                    .roles(AccountRole.PRODUCER)
                    .lob("r")
                    .storageRoot("x")
                    .build())
        .isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(
            () ->
                Account.builder("sales")
                    .roles(AccountRole.PRODUCER)
                    .lob("r")
                    .storageRoot("x")
                    .principals("a.b")
                    .build())
        .isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(
            () ->
                Mesh.of(
                    Topology.FEDERATED,
                    List.of(
                        Account.builder("a")
                            .roles(AccountRole.PRODUCER)
                            .lob("r")
                            .storageRoot("x")
                            .build(),
                        Account.builder("a")
                            .roles(AccountRole.CONSUMER)
                            .lob("r")
                            .storageRoot("y")
                            .build())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("declared twice");
    assertThat(Topology.parse("lob-federated")).isEqualTo(Topology.LOB_FEDERATED);
    assertThatThrownBy(() -> Topology.parse("mesh"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("central, lob-federated, federated");
    assertThat(AccountRole.parse("Producer")).isEqualTo(AccountRole.PRODUCER);
    assertThat(Optional.of(MeshFixtures.demo(Topology.CENTRAL).account("finance").roles()))
        .contains(Set.of(AccountRole.PRODUCER, AccountRole.CONSUMER));
  }

  private static List<Account> without(String... ids) {
    List<String> drop = List.of(ids);
    return MeshFixtures.demoAccounts().stream().filter(a -> !drop.contains(a.id())).toList();
  }
}
