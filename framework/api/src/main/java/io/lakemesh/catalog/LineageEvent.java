package io.lakemesh.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A stored OpenLineage run event. {@code document} is the event as the OpenLineage JSON schema
 * defines it; inputs and outputs are kept beside it as dataset names so lineage can be walked
 * without parsing.
 */
public record LineageEvent(
    String runId,
    String job,
    Instant eventTime,
    List<String> inputs,
    List<String> outputs,
    String document) {

  public LineageEvent {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
