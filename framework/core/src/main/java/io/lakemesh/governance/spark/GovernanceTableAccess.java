package io.lakemesh.governance.spark;

import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.AccessDecision;
import io.lakemesh.governance.rules.GovernanceService;
import java.util.List;

/** The governed catalog's questions answered by the governance rules, afresh on every call. */
public final class GovernanceTableAccess implements TableAccess {
  private final GovernanceService governance;

  public GovernanceTableAccess(GovernanceService governance) {
    this.governance = governance;
  }

  @Override
  public Resolved resolveForRead(String principal, String database, String table) {
    Principal p = Principal.parse(principal);
    AccessDecision decision = governance.checkSelect(p, TableId.of(p.account(), database, table));
    return new Resolved(decision.target(), decision.visibleColumnNames());
  }

  @Override
  public List<String> databases(String principal) {
    return governance.databases(Principal.parse(principal));
  }

  @Override
  public List<String> tables(String principal, String database) {
    return governance.tables(Principal.parse(principal), database);
  }
}
