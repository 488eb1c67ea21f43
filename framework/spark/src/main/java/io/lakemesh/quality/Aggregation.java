package io.lakemesh.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import scala.runtime.AbstractPartialFunction;

/**
 * A list of aggregate columns as they are cheapest to compute while rows flow past: each aggregate
 * is computed once however often it is listed (Deequ asks for the row count once per analyzer), and
 * derived columns are read as the expressions they stand for, so the rows need no projection in
 * front of the aggregation or behind it (each would copy every row of the write once more). Every
 * aggregate function and every value it reads stays what it was, so the results are the same;
 * {@link #layout} puts them back in the order they were asked for.
 */
final class Aggregation {
  private final List<Column> distinct;
  private final int[] positions;

  private Aggregation(List<Column> distinct, int[] positions) {
    this.distinct = distinct;
    this.positions = positions;
  }

  /**
   * @param derived columns the aggregates read by name, which the rows do not have
   */
  static Aggregation of(List<Column> aggregates, Map<String, Column> derived) {
    List<Column> distinct = new ArrayList<>();
    Map<Expression, Integer> seen = new HashMap<>();
    int[] positions = new int[aggregates.size()];
    for (int i = 0; i < aggregates.size(); i++) {
      Expression inlined = aggregates.get(i).expr().transformDown(new Inline(derived));
      positions[i] =
          seen.computeIfAbsent(
              unnamed(inlined),
              key -> {
                distinct.add(new Column(inlined));
                return distinct.size() - 1;
              });
    }
    return new Aggregation(List.copyOf(distinct), positions);
  }

  /** The aggregates to compute, each once, over the rows as they are. */
  List<Column> aggregates() {
    return distinct;
  }

  /** {@link #aggregates()} run over {@code rows} in a job of their own. */
  Row over(Dataset<Row> rows) {
    Column first = distinct.get(0);
    return rows.agg(first, distinct.subList(1, distinct.size()).toArray(Column[]::new)).first();
  }

  /** The result of {@link #aggregates()} laid out as the aggregates were asked for. */
  Row layout(Row result) {
    Object[] values = new Object[positions.length];
    for (int i = 0; i < positions.length; i++) {
      values[i] = result.get(positions[i]);
    }
    return RowFactory.create(values);
  }

  /**
   * {@code e} with every aggregate's result id set to 0: each aggregate made by a function gets an
   * id of its own, so the row counts Deequ's analyzers ask for, one each, would never compare
   * equal.
   */
  private static Expression unnamed(Expression e) {
    return e.transformUp(new Unnamed());
  }

  private static final class Unnamed extends AbstractPartialFunction<Expression, Expression> {
    private static final ExprId NONE = ExprId.apply(0L);

    @Override
    public boolean isDefinedAt(Expression e) {
      return e instanceof AggregateExpression;
    }

    @Override
    public Expression apply(Expression e) {
      AggregateExpression a = (AggregateExpression) e;
      return new AggregateExpression(
          a.aggregateFunction(), a.mode(), a.isDistinct(), a.filter(), NONE);
    }
  }

  /** Replaces a reference to a derived column with the column's expression. */
  private static final class Inline extends AbstractPartialFunction<Expression, Expression> {
    private final Map<String, Column> derived;

    Inline(Map<String, Column> derived) {
      this.derived = derived;
    }

    @Override
    public boolean isDefinedAt(Expression e) {
      return e instanceof UnresolvedAttribute a
          && a.nameParts().size() == 1
          && derived.containsKey(a.nameParts().head());
    }

    @Override
    public Expression apply(Expression e) {
      return derived.get(((UnresolvedAttribute) e).nameParts().head()).expr();
    }
  }
}
