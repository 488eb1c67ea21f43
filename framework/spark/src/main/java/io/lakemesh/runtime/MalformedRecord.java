package io.lakemesh.runtime;

import io.lakemesh.spec.SourceSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Says why a record of a file source did not match its declared schema, so that the rejection names
 * the fix: the first field whose value does not parse as its declared type, with the date or
 * timestamp format in force and the option that changes it, or the option a JSON array needs.
 */
final class MalformedRecord {
  /** Spark's defaults for the CSV and JSON readers (DataSource option docs, Spark 3.5). */
  private static final Map<DataType, Format> FORMATS =
      Map.of(
          DataTypes.DateType, new Format("dateFormat", "yyyy-MM-dd"),
          DataTypes.TimestampType,
              new Format("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]"),
          DataTypes.TimestampNTZType,
              new Format("timestampNTZFormat", "yyyy-MM-dd'T'HH:mm:ss[.SSS]"));

  private static final Pattern YEAR_FIRST =
      Pattern.compile("\\d{4}(\\D)\\d{1,2}\\1\\d{1,2}(([ T])\\d{1,2}:\\d{2}(:\\d{2})?)?");

  private record Format(String option, String sparkDefault) {}

  private final SparkSession spark;

  MalformedRecord(SparkSession spark) {
    this.spark = spark;
  }

  /** A sentence on what is wrong with {@code example}, or empty when no single cause shows. */
  Optional<String> explain(SourceSpec.Files source, StructType schema, String example) {
    if (example == null) {
      return Optional.empty();
    }
    if (isJsonArray(source, example)) {
      return Optional.of(multiLineHint());
    }
    if (!source.format().equals("csv") && !source.format().equals("json")) {
      return Optional.empty();
    }
    Row values = parse(source, asStrings(schema), example);
    if (values == null) {
      return Optional.empty();
    }
    for (int i = 0; i < schema.fields().length; i++) {
      StructField field = schema.fields()[i];
      if (field.dataType().equals(DataTypes.StringType) || values.isNullAt(i)) {
        continue;
      }
      if (parse(source, typedAt(schema, i), example) == null) {
        return Optional.of(fieldHint(source, field, values.getString(i)));
      }
    }
    return Optional.empty();
  }

  /** The hint for a JSON file that holds one array, or records over several lines. */
  static String multiLineHint() {
    return "the file holds a JSON array or records spread over several lines, which Spark reads one"
        + " line at a time unless told; set options { multiLine = true } on the source";
  }

  /** A line of a pretty-printed array: a bracket, a lone brace, or a {@code "key": value} line. */
  static boolean isJsonArray(SourceSpec.Files source, String example) {
    String text = example.strip();
    return source.format().equals("json")
        && !readsMultiLine(source)
        && (text.startsWith("[")
            || text.startsWith("]")
            || text.equals("{")
            || text.startsWith("}")
            || text.startsWith("\"") && text.contains("\":"));
  }

  static boolean readsMultiLine(SourceSpec.Files source) {
    return "true".equalsIgnoreCase(option(source, "multiLine"));
  }

  private static String fieldHint(SourceSpec.Files source, StructField field, String value) {
    String type = field.dataType().sql();
    String hint = String.format("column %s (%s) cannot parse '%s'", field.name(), type, value);
    Format format = FORMATS.get(field.dataType());
    if (format == null) {
      return hint + "; fix the data, or declare the column with the type its values have";
    }
    String set = option(source, format.option());
    String inForce =
        set == null
            ? "Spark's default " + format.option() + " \"" + format.sparkDefault() + "\""
            : format.option() + " \"" + set + "\"";
    return hint
        + " with "
        + inForce
        + "; set the format the file uses in the source spec: options { "
        + format.option()
        + " = \""
        + pattern(value).orElse("<the pattern of the values>")
        + "\" }";
  }

  /**
   * The pattern of a year-first value such as 2012/01/01 or 2012.01.01 13:05:00; other orders are
   * ambiguous (01/02/2012), so the user writes those.
   */
  static Optional<String> pattern(String value) {
    var m = YEAR_FIRST.matcher(value.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String sep = m.group(1).equals("'") ? "''" : m.group(1);
    String date = "yyyy" + sep + "MM" + sep + "dd";
    if (m.group(2) == null) {
      return Optional.of(date);
    }
    String between = m.group(3).equals("T") ? "'T'" : " ";
    return Optional.of(date + between + "HH:mm" + (m.group(4) == null ? "" : ":ss"));
  }

  /**
   * The example's fields read with the source's options and {@code schema}; null when malformed.
   */
  private Row parse(SourceSpec.Files source, StructType schema, String example) {
    DataFrameReader reader = spark.read();
    source
        .options()
        .forEach(
            (k, v) -> {
              if (!k.startsWith("lakemesh.") && !k.equalsIgnoreCase("header")) {
                reader.option(k, v);
              }
            });
    reader
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", SourceReader.CORRUPT)
        .schema(schema.add(SourceReader.CORRUPT, DataTypes.StringType, true));
    Dataset<String> lines = spark.createDataset(List.of(example), Encoders.STRING());
    List<Row> rows =
        (source.format().equals("csv") ? reader.csv(lines) : reader.json(lines)).collectAsList();
    if (rows.size() != 1 || !rows.get(0).isNullAt(schema.fields().length)) {
      return null;
    }
    return rows.get(0);
  }

  private static StructType asStrings(StructType schema) {
    StructType strings = new StructType();
    for (StructField f : schema.fields()) {
      strings = strings.add(f.name(), DataTypes.StringType, true);
    }
    return strings;
  }

  private static StructType typedAt(StructType schema, int typed) {
    StructType mixed = new StructType();
    for (int i = 0; i < schema.fields().length; i++) {
      StructField f = schema.fields()[i];
      mixed = mixed.add(f.name(), i == typed ? f.dataType() : DataTypes.StringType, true);
    }
    return mixed;
  }

  private static String option(SourceSpec.Files source, String name) {
    return source.options().entrySet().stream()
        .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
