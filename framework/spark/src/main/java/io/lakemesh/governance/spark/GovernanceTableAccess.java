package io.lakemesh.governance.spark;

import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.AccessDecision;
import io.lakemesh.governance.rules.GovernanceService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The governed catalog's questions answered by the governance rules, afresh on every call. */
public final class GovernanceTableAccess implements TableAccess {
  private final GovernanceService governance;

  public GovernanceTableAccess(GovernanceService governance) {
    this.governance = governance;
  }

  @Override
  public Resolved resolveForRead(String principal, String database, String table) {
    Principal p = Principal.parse(principal);
    return resolved(governance.checkSelect(p, TableId.of(p.account(), database, table)));
  }

  /** A decision as the governed catalog reads it: columns, and the cells data filters hide. */
  static Resolved resolved(AccessDecision decision) {
    Map<String, String> cells = new LinkedHashMap<>();
    for (String column : decision.visibleColumnNames()) {
      decision.cellFilter(column).ifPresent(predicate -> cells.put(column, predicate));
    }
    return new Resolved(
        decision.target(),
        decision.visibleColumnNames(),
        decision.rowFilter(),
        cells,
        decision.filters());
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
