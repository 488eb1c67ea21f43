package io.lakemesh.governance.spark;

import io.lakemesh.catalog.Publication;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.AccountRole;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.governance.rules.SubscriberLinks;
import io.lakemesh.runtime.Publisher;
import io.lakemesh.spec.ProductSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes as the producer account through the governance rules (audited, granting nothing), and
 * makes sure its subscribers' links exist: those with an active subscription and those its spec
 * lists.
 */
public final class GovernedPublisher implements Publisher {
  private final GovernanceService governance;
  private final String accountsFile;

  /**
   * {@code accountsFile} names where the mesh's accounts are declared, for the errors that say how
   * to add one.
   */
  public GovernedPublisher(GovernanceService governance, String accountsFile) {
    this.governance = governance;
    this.accountsFile = accountsFile;
  }

  @Override
  public void check(ProductSpec spec) {
    if (!governance.mesh().isProducer(spec.account())) {
      String why =
          spec.file()
              + ": account "
              + spec.account()
              + " is not a producer in the mesh, so it cannot publish "
              + spec.id();
      throw new InvalidConfigException(
          "domain",
          governance
              .mesh()
              .findAccount(spec.account())
              .map(
                  a ->
                      why
                          + "; it is declared in "
                          + accountsFile
                          + " with roles "
                          + a.roles().stream().map(AccountRole::configName).toList()
                          + ": add producer to its roles there")
              .orElseGet(
                  () ->
                      why
                          + "; the mesh's accounts are declared under lakemesh.mesh.accounts in "
                          + accountsFile
                          + ": add it with bin/lakemesh account add "
                          + spec.account()
                          + " --role producer --lob LOB"));
    }
    for (String subscriber : spec.subscribers()) {
      if (governance.mesh().findAccount(subscriber).isEmpty()) {
        throw new InvalidConfigException(
            "subscribers",
            spec.file()
                + ": subscriber '"
                + subscriber
                + "' is not an account of the mesh (accounts: "
                + String.join(", ", governance.mesh().accounts().stream().map(a -> a.id()).toList())
                + ")");
      }
    }
  }

  @Override
  public List<String> publish(ProductSpec spec, Publication publication) {
    governance.publish(Principal.administrator(spec.account()), publication);
    return List.of();
  }

  @Override
  public List<String> ensureLinks(ProductSpec spec) {
    Principal producer = Principal.administrator(spec.account());
    SubscriberLinks links =
        governance.ensureSubscriberLinks(producer, spec.tableId(), spec.subscribers());
    List<String> notes = new ArrayList<>();
    links
        .created()
        .forEach(l -> notes.add("link " + l.name() + " created for subscriber " + l.catalog()));
    links
        .waiting()
        .forEach(
            c ->
                notes.add(
                    "subscriber "
                        + c
                        + " holds no permission on "
                        + spec.tableId()
                        + " yet, so it has no link; it gets one on the first run after "
                        + spec.account()
                        + " grants access"));
    return notes;
  }
}
