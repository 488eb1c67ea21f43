package io.lakemesh.governance.rules;

import io.lakemesh.catalog.TableId;
import java.util.List;

/**
 * The lineage around a product as a reader is shown it: datasets as nodes and run edges from an
 * input to the output the run wrote, a few hops upstream and downstream. Every principal who may
 * discover the product reads it; what it may not discover reads "hidden dataset", as a node of its
 * own per job and place, so that the hidden inputs of two products are never drawn as one.
 *
 * @param dataset the id of the product's own node
 */
public record LineageGraph(String dataset, List<Node> nodes, List<Edge> edges) {

  public LineageGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** What a node stands for, so that a reader can follow it. */
  public enum Kind {
    /** The product the graph is drawn around. */
    SELF,
    /** Another product table, which has a page of its own. */
    PRODUCT,
    /** A source outside the catalog (a file, a JDBC query), named to its owner. */
    SOURCE,
    /** A dataset the reader may not discover. */
    HIDDEN
  }

  /**
   * One dataset.
   *
   * @param id unique in the graph: the dataset's name, or "hidden dataset N"
   * @param name the dataset's name as the reader may read it (whole, never shortened)
   * @param table the product table it is, for {@link Kind#SELF} and {@link Kind#PRODUCT}; else null
   */
  public record Node(String id, String name, TableId table, Kind kind) {}

  /** A run of {@code job} read {@code from} and wrote {@code to} (node ids). */
  public record Edge(String from, String to, String job) {}
}
