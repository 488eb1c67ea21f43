package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.config.MeshHome;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.governance.spark.GovernedPublisher;
import io.lakemesh.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mesh home made with {@code init} remembers its config and topology: commands in it need
 * neither, a contradicting one is refused naming both, and {@code account add} adds a domain.
 */
class MeshHomeCommandsTest {
  @TempDir Path dir;

  private Path home() {
    return dir.resolve("home");
  }

  /** The demo mesh with the catalog database outside the home, so only this config finds it. */
  private Path config(String name) throws Exception {
    return Files.writeString(
        dir.resolve(name),
        "include file(\""
            + CliRun.ROOT.resolve("conf/mesh.conf")
            + "\")\n"
            + "lakemesh.catalog.uri = \"jdbc:sqlite:"
            + dir.resolve(name + ".db")
            + "\"\n");
  }

  private CliRun inHome(String command) {
    String[] words = command.split(" ");
    String[] args = Arrays.copyOf(words, words.length + 2);
    args[words.length] = "--home";
    args[words.length + 1] = home().toString();
    return CliRun.of(args);
  }

  private void publishOrdersInTheHome() {
    LakemeshConfig c = LakemeshConfig.load(home().resolve("lakemesh.conf"), home());
    try (GovernanceCatalog catalog = CatalogLoader.load("jdbc", "test", c.catalogProperties())) {
      Governance.over(c.mesh(null), catalog)
          .publish(
              Principal.administrator("sales"),
              PublishedOrders.with(List.of(new Column("order_id", "bigint", false, "", false))));
    }
  }

  @Test
  void commandsInAnInitialisedHomeReadItsConfigAndTopologyWithoutBeingTold() throws Exception {
    Path config = config("lob.conf");
    CliRun init = inHome("init --config " + config + " --topology lob-federated");
    assertThat(init.code()).as(init.all()).isZero();
    assertThat(init.out())
        .contains(
            "initialised mesh home " + home(), "config    " + config, "topology  lob-federated");
    publishOrdersInTheHome();

    CliRun search = inHome("search orders --as marketing");
    assertThat(search.code()).as(search.all()).isZero();
    assertThat(search.out()).contains("sales.orders").doesNotContain("0 product(s)");
    // lob-federated keeps sales' events in the retail LOB's log, which central does not have.
    CliRun audit = inHome("audit --log retail-gov --as retail-gov");
    assertThat(audit.code()).as(audit.all()).isZero();
    assertThat(audit.out()).contains("PUBLISH", "sales.orders");

    CliRun again = inHome("init --config " + config);
    assertThat(again.code()).as(again.all()).isZero();
    assertThat(again.out()).contains("is initialised already", "topology  lob-federated");
  }

  @Test
  void aConfigOrTopologyThatContradictsTheHomesIsRefusedNamingBothAndTheFix() throws Exception {
    Path config = config("lob.conf");
    Path other = config("other.conf");
    assertThat(inHome("init --config " + config + " --topology lob-federated").code()).isZero();

    CliRun otherConfig = inHome("search orders --as marketing --config " + other);
    assertThat(otherConfig.code()).isEqualTo(2);
    assertThat(otherConfig.err())
        .contains(
            "mesh home " + home() + " was made with config " + config,
            "(recorded in " + home().resolve("lakemesh.conf") + ")",
            "but this command was given config " + other,
            "drop --config (and LAKEMESH_CONFIG) to use the home's mesh",
            "bin/lakemesh init --home DIR --config " + other);

    CliRun otherTopology = inHome("search orders --as marketing --topology central");
    assertThat(otherTopology.code()).isEqualTo(2);
    assertThat(otherTopology.err())
        .contains(
            "records topology lob-federated",
            "but this command was given topology central",
            "drop --topology");

    CliRun same =
        inHome("search orders --as marketing --config " + config + " --topology lob-federated");
    assertThat(same.code()).as(same.all()).isZero();
  }

  @Test
  void accountAddAppendsADomainsProducerThatTheMeshThenKnows() throws Exception {
    assertThat(inHome("init --config " + config("central.conf")).code()).isZero();

    CliRun added = inHome("account add weather --role producer --lob retail");
    assertThat(added.code()).as(added.all()).isZero();
    String line =
        "lakemesh.mesh.accounts += { id = \"weather\", roles = [producer], lob = \"retail\" }";
    assertThat(Files.readString(home().resolve("lakemesh.conf"))).endsWith(line + "\n");
    assertThat(added.out()).contains("added account weather (producer, lob retail)", line);
    Mesh mesh = LakemeshConfig.load(home().resolve("lakemesh.conf"), home()).mesh(null);
    assertThat(mesh.isProducer("weather")).isTrue();
    assertThat(mesh.account("weather").lob()).isEqualTo("retail");

    CliRun twice = inHome("account add weather --role producer");
    assertThat(twice.code()).isEqualTo(2);
    assertThat(twice.err())
        .contains("account weather is in the mesh already, with roles [producer] and lob retail");
  }

  @Test
  void aLineOfBusinessWithoutItsGovernanceAccountIsRefusedAndTheFileKept() throws Exception {
    assertThat(inHome("init --config " + config("lob.conf") + " --topology lob-federated").code())
        .isZero();
    String before = Files.readString(home().resolve("lakemesh.conf"));

    CliRun refused = inHome("account add vehicles --role producer");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains(
            "account vehicles was not added to " + home().resolve("lakemesh.conf"),
            "LOB vehicles has none",
            "give --lob one of the lines of business with a governance account: finance, retail");
    assertThat(Files.readString(home().resolve("lakemesh.conf"))).isEqualTo(before);
    assertThat(home().resolve("lakemesh.conf.new")).doesNotExist();
  }

  @Test
  void accountAddInAHomeThatRecordsNoMeshSaysToInitFirst() {
    CliRun refused = inHome("account add weather --role producer");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("records no mesh yet", "run bin/lakemesh init first");
  }

  @Test
  void aDomainThatIsNoProducerIsToldWhereAccountsAreDeclaredAndHowToAddOne() throws Exception {
    Path products = dir.resolve("products");
    String base =
        "include file(\"" + CliRun.ROOT.resolve("jobs/products/product/inventory.conf") + "\")\n";
    Path vehicles =
        Files.writeString(
            Files.createDirectories(products.resolve("vehicles")).resolve("stock.conf"),
            base + "domain = vehicles\nname = stock\n");
    Path marketing =
        Files.writeString(
            Files.createDirectories(products.resolve("marketing")).resolve("stock.conf"),
            base + "domain = marketing\nname = stock\n");
    Environment env = new Environment();
    env.configFile = config("central.conf");
    env.home = home();
    // A home made before homes recorded their mesh: the accounts are where the config declares
    // them.
    assertThat(env.accountsFile()).isEqualTo(CliRun.ROOT.resolve("conf/mesh.conf").toString());
    try (env) {
      GovernedPublisher publisher =
          new GovernedPublisher(env.governance(), "/etc/lakemesh/mesh.conf");
      SpecLoader specs = new SpecLoader(products);
      assertThatThrownBy(() -> publisher.check(specs.load("vehicles.stock")))
          .hasMessage(
              vehicles
                  + ": account vehicles is not a producer in the mesh, so it cannot publish vehicles.stock; the mesh's accounts"
                  + " are declared under lakemesh.mesh.accounts in /etc/lakemesh/mesh.conf: add it with bin/lakemesh account add"
                  + " vehicles --role producer --lob LOB");
      assertThatThrownBy(() -> publisher.check(specs.load("marketing.stock")))
          .hasMessage(
              marketing
                  + ": account marketing is not a producer in the mesh, so it cannot publish marketing.stock; it is declared in"
                  + " /etc/lakemesh/mesh.conf with roles [consumer]: add producer to its roles there");
    }
    assertThat(inHome("init --config " + config("central.conf")).code()).isZero();
    Environment recorded = new Environment();
    recorded.home = home();
    assertThat(recorded.accountsFile()).isEqualTo(home().resolve("lakemesh.conf").toString());
  }

  @Test
  void demoRecordsTheHomeItRanInAsInitDoes() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("empty.conf"),
            Files.readString(config("demo.conf"))
                + "lakemesh.products = \""
                + Files.createDirectories(dir.resolve("no-products"))
                + "\"\n");
    // No products: whatever the story finds, the home is recorded before the first step.
    inHome("demo --config " + config + " --topology federated");
    MeshHome.Recorded recorded = new MeshHome(home()).recorded();
    assertThat(recorded.madeFrom()).isEqualTo(config);
    assertThat(recorded.topology()).isEqualTo("federated");
    CliRun central = inHome("search orders --as marketing --topology central");
    assertThat(central.code()).isEqualTo(2);
    assertThat(central.err()).contains("records topology federated");
  }
}
