package io.lakemesh.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * Metrics computed while a query runs ({@link Dataset#observe}), collected by a listener instead
 * of {@code Observation.get}, which would block forever if the plan never ran the observed node.
 */
public final class ObservedMetrics implements QueryExecutionListener, AutoCloseable {
  private final SparkSession session;
  private final Map<String, Row> collected = new ConcurrentHashMap<>();

  public ObservedMetrics(SparkSession session) {
    this.session = session;
    session.listenerManager().register(this);
  }

  public Dataset<Row> observe(Dataset<Row> data, String name, Column first, Column... rest) {
    return data.observe(name, first, rest);
  }

  /**
   * The metrics of {@code name} from the first query that computed them. Listeners hear of a
   * query after the action returns, so this first drains the listener bus.
   */
  public Optional<Row> get(String name) {
    if (!collected.containsKey(name)) {
      try {
        session.sparkContext().listenerBus().waitUntilEmpty(30_000);
      } catch (java.util.concurrent.TimeoutException e) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(collected.get(name));
  }

  @Override
  public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    scala.collection.Iterator<scala.Tuple2<String, Row>> it = qe.observedMetrics().iterator();
    while (it.hasNext()) {
      scala.Tuple2<String, Row> entry = it.next();
      collected.putIfAbsent(entry._1(), entry._2());
    }
  }

  @Override
  public void onFailure(String funcName, QueryExecution qe, Exception exception) {}

  @Override
  public void close() {
    session.listenerManager().unregister(this);
  }
}
