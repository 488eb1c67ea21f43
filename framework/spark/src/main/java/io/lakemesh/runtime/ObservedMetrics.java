package io.lakemesh.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * Metrics computed while a query runs ({@link Dataset#observe}), collected by a listener instead of
 * {@code Observation.get}, which would block forever if the plan never ran the observed node.
 */
public final class ObservedMetrics implements QueryExecutionListener, AutoCloseable {
  private final SparkSession session;
  private final Map<String, List<Row>> collected = new ConcurrentHashMap<>();

  public ObservedMetrics(SparkSession session) {
    this.session = session;
    session.listenerManager().register(this);
  }

  public Dataset<Row> observe(Dataset<Row> data, String name, Column first, Column... rest) {
    return data.observe(name, first, rest);
  }

  /**
   * Every value of {@code name} the session's queries computed. A plan may run an observed node
   * more than once (a MERGE also scans its source to prune target files, with fewer columns), so
   * callers pick the value that saw the most. Listeners hear of a query after the action returns,
   * so this first drains the listener bus.
   */
  public List<Row> get(String name) {
    try {
      session.sparkContext().listenerBus().waitUntilEmpty(30_000);
    } catch (TimeoutException e) {
      // Report what has arrived; a missing value means "not verified", never "fine".
    }
    return List.copyOf(collected.getOrDefault(name, List.of()));
  }

  @Override
  public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    Iterator<Tuple2<String, Row>> it = qe.observedMetrics().iterator();
    while (it.hasNext()) {
      Tuple2<String, Row> entry = it.next();
      collected.computeIfAbsent(entry._1(), k -> new CopyOnWriteArrayList<>()).add(entry._2());
    }
  }

  @Override
  public void onFailure(String funcName, QueryExecution qe, Exception exception) {}

  @Override
  public void close() {
    session.listenerManager().unregister(this);
  }
}
