package io.lakemesh.governance;

import java.util.List;

/**
 * The demo mesh of {@code conf/mesh.conf} in plain Java: one declaration that serves every
 * topology, the governance accounts limited to the topologies they take part in.
 */
public final class MeshFixtures {
  public static final Principal GOVERNANCE = Principal.administrator("governance");
  public static final Principal RETAIL_GOV = Principal.administrator("retail-gov");
  public static final Principal FINANCE_GOV = Principal.administrator("finance-gov");
  public static final Principal SALES = Principal.administrator("sales");
  public static final Principal SALES_ENGINEER = Principal.of("sales", "engineer");
  public static final Principal PRODUCT = Principal.administrator("product");
  public static final Principal FINANCE = Principal.administrator("finance");
  public static final Principal FINANCE_ANALYST = Principal.of("finance", "analyst");
  public static final Principal MARKETING = Principal.administrator("marketing");
  public static final Principal ANALYST = Principal.of("marketing", "analyst");

  private MeshFixtures() {}

  public static List<Account> demoAccounts() {
    return List.of(
        Account.builder("governance")
            .roles(AccountRole.GOVERNANCE)
            .lob("corporate")
            .storageRoot("warehouse/governance")
            .onlyIn(Topology.CENTRAL)
            .build(),
        Account.builder("retail-gov")
            .roles(AccountRole.GOVERNANCE)
            .lob("retail")
            .storageRoot("warehouse/retail-gov")
            .onlyIn(Topology.LOB_FEDERATED)
            .build(),
        Account.builder("finance-gov")
            .roles(AccountRole.GOVERNANCE)
            .lob("finance")
            .storageRoot("warehouse/finance-gov")
            .onlyIn(Topology.LOB_FEDERATED)
            .build(),
        Account.builder("sales")
            .roles(AccountRole.PRODUCER)
            .lob("retail")
            .storageRoot("warehouse/sales")
            .principals("engineer")
            .build(),
        Account.builder("product")
            .roles(AccountRole.PRODUCER)
            .lob("retail")
            .storageRoot("warehouse/product")
            .build(),
        Account.builder("finance")
            .roles(AccountRole.PRODUCER, AccountRole.CONSUMER)
            .lob("finance")
            .storageRoot("warehouse/finance")
            .principals("analyst")
            .build(),
        Account.builder("marketing")
            .roles(AccountRole.CONSUMER)
            .lob("retail")
            .storageRoot("warehouse/marketing")
            .principals("analyst")
            .build());
  }

  public static Mesh demo(Topology topology) {
    return Mesh.builder().topology(topology).accounts(demoAccounts()).build();
  }

  /** The governance account that holds sales' entries, or the producer itself in federated. */
  public static Principal holderOfSales(Topology topology) {
    return switch (topology) {
      case CENTRAL -> GOVERNANCE;
      case LOB_FEDERATED -> RETAIL_GOV;
      case FEDERATED -> SALES;
    };
  }
}
