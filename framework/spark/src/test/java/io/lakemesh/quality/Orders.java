package io.lakemesh.quality;

import io.lakemesh.catalog.ConstraintResult.Severity;
import io.lakemesh.testing.SharedSpark;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Tiny batches shaped like the sales.orders contract. */
final class Orders {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final Severity ERROR = Severity.ERROR;
  static final Severity WARNING = Severity.WARNING;

  static final StructType SCHEMA =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("customer_id", DataTypes.StringType)
          .add("product_id", DataTypes.StringType)
          .add("quantity", DataTypes.IntegerType)
          .add("unit_price", DataTypes.createDecimalType(12, 2))
          .add("currency", DataTypes.StringType)
          .add("order_ts", DataTypes.TimestampType)
          .add("status", DataTypes.StringType)
          .add("country", DataTypes.StringType)
          .add("amount", DataTypes.createDecimalType(14, 2));

  private Orders() {}

  /**
   * A valid order, placed an hour before {@link #NOW}, with some columns changed: {@code
   * order("O-1", "quantity", -3)}. Decimals may be given as strings, timestamps as instants.
   */
  static Row order(String id, Object... changes) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("order_id", id);
    values.put("customer_id", "C-" + id);
    values.put("product_id", "P1");
    values.put("quantity", 2);
    values.put("unit_price", "10.50");
    values.put("currency", "USD");
    values.put("order_ts", NOW.minusSeconds(3600));
    values.put("status", "PLACED");
    values.put("country", "US");
    values.put("amount", "21.00");
    for (int i = 0; i < changes.length; i += 2) {
      values.put((String) changes[i], changes[i + 1]);
    }
    return RowFactory.create(
        Arrays.stream(SCHEMA.fields()).map(f -> value(f, values.get(f.name()))).toArray());
  }

  static Dataset<Row> of(Row... orders) {
    return SharedSpark.session().createDataFrame(List.of(orders), SCHEMA);
  }

  /** Three valid orders. */
  static Dataset<Row> valid() {
    return of(order("O-1"), order("O-2"), order("O-3"));
  }

  private static Object value(StructField field, Object value) {
    if (value instanceof String s && field.dataType() instanceof DecimalType) {
      return new BigDecimal(s);
    }
    return value instanceof Instant i ? Timestamp.from(i) : value;
  }
}
