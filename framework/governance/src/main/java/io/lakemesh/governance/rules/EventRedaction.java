package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.ColumnMentions;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidIdentifierException;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Principal;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Audit events as an auditor may read them, by the rule of {@link RecordRedaction}. Auditors are
 * the administrators of governance and producer accounts; a producer reading the events of another
 * producer's table sees the table only if it may describe it (else {@value
 * RecordRedaction#HIDDEN_DATASET}), and its columns only if it may see them (else {@value
 * RecordRedaction#HIDDEN_COLUMN}). Events carry metadata only, so there is no value to take out.
 */
final class EventRedaction {
  // A table as events name it: ACCOUNT:DATABASE.TABLE.
  private static final Pattern TABLE =
      Pattern.compile("([A-Za-z0-9_-]+):([A-Za-z0-9_]+)\\.([A-Za-z0-9_]+)");

  private final Context ctx;
  private final RecordRedaction redaction;

  EventRedaction(Context ctx, RecordRedaction redaction) {
    this.ctx = ctx;
    this.redaction = redaction;
  }

  AuditEvent event(Principal reader, AuditEvent e) {
    Set<CatalogTable> named = new LinkedHashSet<>();
    for (String text : new String[] {e.resource(), e.before(), e.after(), e.reason()}) {
      Matcher m = TABLE.matcher(text);
      while (m.find()) {
        table(m.group(1), m.group(2), m.group(3))
            .filter(t -> !redaction.ownerOrGovernor(reader, t.id().catalog()))
            .ifPresent(named::add);
      }
    }
    if (named.isEmpty()) {
      return e;
    }
    return e.withTexts(
        hide(reader, named, e.resource()),
        hide(reader, named, e.before()),
        hide(reader, named, e.after()),
        hide(reader, named, e.reason()));
  }

  private String hide(Principal reader, Set<CatalogTable> tables, String text) {
    String shown = text;
    for (CatalogTable t : tables) {
      Set<String> visible = new LinkedHashSet<>();
      ctx.entitlements().describable(reader, t).forEach(c -> visible.add(c.name()));
      if (visible.isEmpty()) {
        shown = shown.replace(t.id().toString(), RecordRedaction.HIDDEN_DATASET);
      }
      for (Column c : t.columns()) {
        if (!visible.contains(c.name())) {
          shown = ColumnMentions.replace(shown, c.name(), RecordRedaction.HIDDEN_COLUMN);
        }
      }
    }
    return shown;
  }

  private Optional<CatalogTable> table(String catalog, String database, String table) {
    try {
      return ctx.store().catalog().findTable(TableId.of(catalog, database, table));
    } catch (InvalidIdentifierException notATable) {
      return Optional.empty();
    }
  }
}
