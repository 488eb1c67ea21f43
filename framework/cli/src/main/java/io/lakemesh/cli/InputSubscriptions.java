package io.lakemesh.cli;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.SourceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * In the demo, a producer that reads other products is a consumer first: it asks for SELECT on each
 * input, as {@code request-access} does, and each input's owner approves, which creates the link
 * the job reads through. Inputs it can already read are left as they are.
 */
final class InputSubscriptions {
  private final GovernanceService governance;

  InputSubscriptions(GovernanceService governance) {
    this.governance = governance;
  }

  /** One demo line per input subscription made (or that failed). */
  List<String> ensure(ProductSpec spec) {
    List<String> lines = new ArrayList<>();
    Principal reader = Principal.administrator(spec.account());
    for (SourceSpec source : spec.sources().values()) {
      if (!(source instanceof SourceSpec.Product p)
          || p.product().startsWith(spec.account() + ".")) {
        continue;
      }
      String[] parts = p.product().split("\\.");
      TableId input = TableId.of(parts[0], parts[0], parts[1]);
      if (readable(reader, input)) {
        continue;
      }
      String what =
          reader.account()
              + " asks SELECT on "
              + p.product()
              + ", "
              + input.catalog()
              + " approves";
      try {
        AccessRequest request = pending(reader, input, "an input of " + spec.id());
        AccessRequest approved =
            governance.approve(Principal.administrator(input.catalog()), request.id());
        boolean ok = approved.state() == AccessRequest.State.ACTIVE && readable(reader, input);
        lines.add(line(ok, spec, what, "request " + approved.id() + " " + approved.state()));
      } catch (LakemeshException e) {
        lines.add(line(false, spec, what, e.getMessage()));
      }
    }
    return lines;
  }

  private boolean readable(Principal reader, TableId input) {
    try {
      governance.checkSelect(reader, ResourceLink.defaultTableLink(reader.account(), input).link());
      return true;
    } catch (LakemeshException e) {
      return false;
    }
  }

  /** The reader's open request on the input, or a new one. */
  private AccessRequest pending(Principal reader, TableId input, String why) {
    return governance.requests(reader).stream()
        .filter(
            r ->
                r.state() == AccessRequest.State.PENDING
                    && r.resource().tableId().filter(input::equals).isPresent())
        .findFirst()
        .orElseGet(
            () ->
                governance.requestAccess(
                    reader, Resource.table(input), Set.of(Permission.SELECT), why));
  }

  private static String line(boolean ok, ProductSpec spec, String what, String outcome) {
    return String.format(
        "%-4s %-18s %-12s %-10s %s",
        ok ? "ok" : "FAIL", spec.id(), "subscribe", ok ? "ACTIVE" : "ERROR", what + ": " + outcome);
  }
}
