package io.lakemesh.governance.rules;

import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.LineageGraph.Edge;
import io.lakemesh.governance.rules.LineageGraph.Kind;
import io.lakemesh.governance.rules.LineageGraph.Node;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Draws a product's {@link LineageGraph} for a reader. The lineage shape is part of what decides
 * whether to ask for a product, so whoever may discover the product reads it, without DESCRIBE and
 * without a refusal on record; a product outside the reader's discovery is checked as DESCRIBE is
 * (refused and audited unless the reader may describe it). Each event passes through {@link
 * RecordRedaction#lineageShape}, which names only what the reader may describe; the walk goes on
 * through the named products and stops at a hidden one.
 */
final class LineageWalk {
  private static final int DEPTH = 4;
  private static final int EVENTS_PER_DATASET = 20;

  private final Context ctx;
  private final Discovery discovery;
  private final AccessChecks access;

  LineageWalk(Context ctx, Discovery discovery, AccessChecks access) {
    this.ctx = ctx;
    this.discovery = discovery;
    this.access = access;
  }

  LineageGraph of(Principal reader, TableId product) {
    access.requireKnown(reader);
    Set<String> scope = discovery.scope(reader);
    // Each dataset comes up in many events; its table is looked up once.
    Map<TableId, Boolean> known = new HashMap<>();
    Predicate<TableId> discoverable =
        t ->
            scope.contains(t.catalog())
                && known.computeIfAbsent(t, id -> ctx.store().catalog().findTable(id).isPresent());
    if (!discoverable.test(product)) {
      access.describe(reader, product);
    }
    String start = LineageEvent.dataset(product);
    Map<String, Node> nodes = new LinkedHashMap<>();
    Map<String, Edge> edges = new LinkedHashMap<>();
    Map<String, String> hidden = new LinkedHashMap<>();
    nodes.put(start, new Node(start, start, product, Kind.SELF));
    Map<String, Integer> depth = new LinkedHashMap<>(Map.of(start, 0));
    Deque<String> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      String at = todo.poll();
      if (depth.get(at) >= DEPTH) {
        continue;
      }
      for (LineageEvent raw : ctx.store().catalog().lineage(at, EVENTS_PER_DATASET)) {
        LineageEvent e = access.redaction().lineageShape(reader, raw, product);
        for (int o = 0; o < e.outputs().size(); o++) {
          for (int i = 0; i < e.inputs().size(); i++) {
            String from = node(nodes, hidden, raw, e.inputs(), i, e.outputs().get(o), "input");
            String to = node(nodes, hidden, raw, e.outputs(), o, e.inputs().get(i), "output");
            if (from == null || to == null) {
              continue;
            }
            edges.putIfAbsent(from + " -> " + to, new Edge(from, to, e.job()));
            for (String n : List.of(from, to)) {
              if (nodes.get(n).table() != null && !depth.containsKey(n)) {
                depth.put(n, depth.get(at) + 1);
                todo.add(n);
              }
            }
          }
        }
      }
    }
    return new LineageGraph(start, List.copyOf(nodes.values()), List.copyOf(edges.values()));
  }

  /**
   * The id of the dataset at {@code index} of {@code datasets} ({@code role} "input" or "output"),
   * its node added when new. Hidden datasets are numbered ("hidden dataset 2") by the job that
   * reads or writes them and their place among its inputs or outputs: runs of one job show one
   * node, and the hidden inputs of two jobs stay two nodes. Null for a hidden end of an edge whose
   * other end is hidden too: it would tell nothing.
   */
  private static String node(
      Map<String, Node> nodes,
      Map<String, String> hidden,
      LineageEvent raw,
      List<String> datasets,
      int index,
      String other,
      String role) {
    String name = datasets.get(index);
    if (!name.equals(RecordRedaction.HIDDEN_DATASET)) {
      Optional<TableId> table = LineageEvent.tableOf(name);
      nodes.putIfAbsent(
          name,
          new Node(name, name, table.orElse(null), table.isPresent() ? Kind.PRODUCT : Kind.SOURCE));
      return name;
    }
    if (other.equals(RecordRedaction.HIDDEN_DATASET)) {
      return null;
    }
    String place = raw.job() + "\n" + role + "\n" + index;
    String id = hidden.computeIfAbsent(place, k -> name + " " + (hidden.size() + 1));
    nodes.putIfAbsent(id, new Node(id, name, null, Kind.HIDDEN));
    return id;
  }
}
