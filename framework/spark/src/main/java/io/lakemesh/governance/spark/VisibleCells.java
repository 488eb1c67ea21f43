package io.lakemesh.governance.spark;

import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.DataFilter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BasePredicate;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.Predicate$;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.Unevaluable;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection$;
import org.apache.spark.sql.catalyst.optimizer.ReplaceExpressions$;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The cells of a filtered read as Spark expressions over the columns a scan reads: the condition a
 * row must meet, and per output column its value, or null where the column's cell predicate does
 * not hold (Lake Formation's union of cells, decided in {@code AccessDecision}). The reader applies
 * them to every row inside the scan, so whatever a query asks, it only ever receives rows and
 * values that passed them.
 *
 * <p>Predicates are resolved in a session of their own (see {@link GovernedCatalog}), so a
 * temporary function the reader registers cannot stand in for a built-in the producer used.
 */
final class VisibleCells implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Expression condition;
  private final ArrayList<Expression> outputs;
  private final ArrayList<Attribute> columns;
  private final ArrayList<Attribute> input;

  private VisibleCells(
      Expression condition,
      List<Expression> outputs,
      List<Attribute> columns,
      List<Attribute> input) {
    this.condition = condition;
    this.outputs = new ArrayList<>(outputs);
    this.columns = new ArrayList<>(columns);
    this.input = new ArrayList<>(input);
  }

  /**
   * Compiles the read's predicates over {@code table} (the target's columns) for the {@code output}
   * columns.
   *
   * @throws InvalidRequestException naming the data filter and its producer when a filter's
   *     predicate cannot be evaluated by Spark over the table
   */
  static VisibleCells compile(
      SparkSession session, StructType table, StructType output, TableAccess.Resolved read) {
    Dataset<Row> rows = session.createDataFrame(List.<Row>of(), table);
    for (DataFilter filter : read.filters()) {
      if (!filter.allRows()) {
        try {
          checked(((Filter) resolve(rows.where(parse(session, filter.rowFilter())))).condition());
        } catch (Exception e) {
          throw new InvalidRequestException(
              filter
                  + " (of producer "
                  + filter.table().catalog()
                  + ") cannot be applied by Spark: "
                  + reason(e)
                  + "; the producer replaces it with bin/lakemesh filter drop and filter create");
        }
      }
    }
    Dataset<Row> kept =
        read.rowFilter().isPresent() ? rows.where(parse(session, read.rowFilter().get())) : rows;
    List<Column> shown = new ArrayList<>();
    for (StructField field : output.fields()) {
      Column value = functions.col("`" + field.name() + "`");
      String cell = read.cellFilters().get(field.name());
      shown.add(
          cell == null ? value : functions.when(parse(session, cell), value).as(field.name()));
    }
    Project project = (Project) resolve(kept.select(shown.toArray(Column[]::new)));
    Expression condition = project.child() instanceof Filter f ? checked(f.condition()) : null;
    List<Expression> outputs = new ArrayList<>();
    for (NamedExpression e : JavaConverters.seqAsJavaList(project.projectList())) {
      outputs.add(checked((Expression) e));
    }
    List<Attribute> columns =
        JavaConverters.seqAsJavaList(rows.queryExecution().analyzed().output());
    return new VisibleCells(condition, outputs, columns, columns);
  }

  /** The columns of the table the predicates and outputs need, in table order. */
  StructType referenced(StructType table) {
    Set<String> names = new LinkedHashSet<>();
    List<Expression> all = new ArrayList<>(outputs);
    if (condition != null) {
      all.add(condition);
    }
    for (Expression e : all) {
      JavaConverters.seqAsJavaList(e.references().toSeq()).forEach(a -> names.add(a.name()));
    }
    return new StructType(
        Arrays.stream(table.fields())
            .filter(f -> names.contains(f.name()))
            .toArray(StructField[]::new));
  }

  /** The same cells over the columns a scan delivers, in its order. */
  VisibleCells reading(StructType scanned) {
    Map<String, Attribute> byName = new HashMap<>();
    columns.forEach(a -> byName.put(a.name(), a));
    List<Attribute> order = new ArrayList<>();
    for (StructField field : scanned.fields()) {
      Attribute a = byName.get(field.name());
      if (a == null) {
        throw new IllegalStateException(
            "the scan returned column " + field.name() + " not in the table");
      }
      order.add(a);
    }
    return new VisibleCells(condition, outputs, columns, order);
  }

  /** The row condition, bound to the scanned columns; null when every row is read. */
  BasePredicate predicate() {
    if (condition == null) {
      return null;
    }
    BasePredicate predicate = Predicate$.MODULE$.create(condition, seq(input));
    predicate.initialize(0);
    return predicate;
  }

  /** The output columns of a row that passed the condition, bound to the scanned columns. */
  UnsafeProjection projection() {
    return UnsafeProjection$.MODULE$.create(seq(outputs), seq(input));
  }

  /** One row as the reader may see it; null when it may not see it at all. */
  static InternalRow apply(BasePredicate predicate, UnsafeProjection projection, InternalRow row) {
    return predicate == null || predicate.eval(row) ? projection.apply(row) : null;
  }

  private static Column parse(SparkSession session, String sql) {
    try {
      return new Column(session.sessionState().sqlParser().parseExpression(sql));
    } catch (Exception e) {
      throw new InvalidRequestException("cannot parse the predicate '" + sql + "': " + reason(e));
    }
  }

  // The analysed plan with expressions that exist only for the optimizer replaced by what they
  // stand for (nvl, ifnull, left, ...), as the optimizer would before execution.
  private static LogicalPlan resolve(Dataset<Row> rows) {
    return ReplaceExpressions$.MODULE$.apply(rows.queryExecution().analyzed());
  }

  // A predicate is evaluated on every row of every reader's scan: it must give the same answer
  // each time, read nothing but the row, and be something a row-at-a-time evaluator can run.
  private static <E extends Expression> E checked(E e) {
    if (!e.deterministic()) {
      throw new InvalidRequestException("it is not deterministic: " + e.sql());
    }
    if (e.find(x -> x instanceof SubqueryExpression).isDefined()) {
      throw new InvalidRequestException("it reads other tables (a subquery): " + e.sql());
    }
    // Column references are bound to the scanned row later; anything else unevaluable is not.
    Option<Expression> unevaluable =
        e.find(x -> x instanceof Unevaluable && !(x instanceof Attribute));
    if (unevaluable.isDefined()) {
      throw new InvalidRequestException(
          "Spark cannot evaluate " + unevaluable.get().prettyName() + " row by row: " + e.sql());
    }
    return e;
  }

  private static String reason(Exception e) {
    if (e instanceof AnalysisException a) {
      return a.getSimpleMessage();
    }
    return e.getMessage();
  }

  private static <T> Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toList();
  }
}
