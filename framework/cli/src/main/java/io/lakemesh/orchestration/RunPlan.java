package io.lakemesh.orchestration;

import java.util.List;

/**
 * How a scheduler without a dependency graph of its own (Step Functions has only sequences and
 * parallel branches) runs products so that each waits for the products it reads and, as far as that
 * shape allows, for nothing else: products that share no lineage run side by side, and a connected
 * group is split where every later product reads (directly or through others) every earlier one.
 * That is exact for series-parallel lineage; where no such split exists (A and B feed C, B alone
 * feeds D) the group is split after its sources, so D also waits for A.
 */
public sealed interface RunPlan {

  /** One product's job. */
  record Run(String product) implements RunPlan {}

  /** Steps one after another. */
  record Sequence(List<RunPlan> steps) implements RunPlan {
    public Sequence {
      steps = List.copyOf(steps);
    }
  }

  /** Branches side by side, all finished before what follows. */
  record Together(List<RunPlan> branches) implements RunPlan {
    public Together {
      branches = List.copyOf(branches);
    }
  }

  static RunPlan of(ProductGraph graph) {
    if (graph.products().isEmpty()) {
      throw new IllegalArgumentException("nothing to schedule: no products were selected");
    }
    return new RunPlanner(graph).plan(graph.products());
  }
}
