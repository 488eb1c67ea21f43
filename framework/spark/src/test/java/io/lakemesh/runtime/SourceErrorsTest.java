package io.lakemesh.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.spec.SourceOptions;
import io.lakemesh.spec.SourceSpec;
import io.lakemesh.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record that does not parse, or SQL that does not, is reported with the fix it needs. */
class SourceErrorsTest {
  private final SparkSession spark = SharedSpark.session();
  private final MalformedRecord malformed = new MalformedRecord(spark);

  private static SourceSpec.Files csv(String ddl, Map<String, String> options) {
    var all = new HashMap<>(options);
    all.put(SourceOptions.SCHEMA, ddl);
    return new SourceSpec.Files("weather", "csv", "weather.csv", all);
  }

  private String explain(SourceSpec.Files source, String example) {
    StructType schema = StructType.fromDDL(source.options().get(SourceOptions.SCHEMA));
    return malformed.explain(source, schema, example).orElseThrow();
  }

  @Test
  void aDateInAnotherFormatNamesTheColumnSparksDefaultAndTheOptionToSet() {
    String why = explain(csv("day DATE, rain DOUBLE", Map.of()), "2012/01/01,0.0");
    assertThat(why)
        .isEqualTo(
            "column day (DATE) cannot parse '2012/01/01' with Spark's default dateFormat"
                + " \"yyyy-MM-dd\"; set the format the file uses in the source spec:"
                + " options { dateFormat = \"yyyy/MM/dd\" }");
  }

  @Test
  void aTimestampNamesTheFormatTheSpecSet() {
    String why =
        explain(
            csv("id STRING, at TIMESTAMP", Map.of("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss")),
            "a1,2026.11.20 06:00");
    assertThat(why)
        .isEqualTo(
            "column at (TIMESTAMP) cannot parse '2026.11.20 06:00' with timestampFormat"
                + " \"yyyy-MM-dd'T'HH:mm:ss\"; set the format the file uses in the source spec:"
                + " options { timestampFormat = \"yyyy.MM.dd HH:mm\" }");
  }

  @Test
  void theFirstFieldThatDoesNotParseIsNamedNotTheOnesAfterIt() {
    String why = explain(csv("id STRING, qty INT, day DATE", Map.of()), "a1,12x,01/02/2012");
    assertThat(why)
        .isEqualTo(
            "column qty (INT) cannot parse '12x'; fix the data,"
                + " or declare the column with the type its values have");
  }

  @Test
  void aDateWhoseOrderIsAmbiguousLeavesThePatternToTheUser() {
    String why = explain(csv("day DATE", Map.of("dateFormat", "yyyy-MM-dd")), "01/02/2012");
    assertThat(why)
        .contains(
            "column day (DATE) cannot parse '01/02/2012' with dateFormat \"yyyy-MM-dd\"",
            "options { dateFormat = \"<the pattern of the values>\" }");
  }

  @Test
  void aLineOfAPrettyPrintedJsonArrayAsksForMultiLine() {
    var json =
        new SourceSpec.Files(
            "stock", "json", "stock.json", Map.of(SourceOptions.SCHEMA, "id STRING"));
    String why = explain(json, "  \"id\": \"P1\",");
    assertThat(why).contains("JSON array", "options { multiLine = true }");
    var multiLine =
        new SourceSpec.Files(
            "stock",
            "json",
            "stock.json",
            Map.of(SourceOptions.SCHEMA, "id STRING, n INT", "multiLine", "true"));
    String record = "{\"id\": \"P1\", \"n\": \"x\"}";
    assertThat(
            malformed
                .explain(multiLine, StructType.fromDDL("id STRING, n INT"), record)
                .orElseThrow())
        .startsWith("column n (INT) cannot parse 'x'");
  }

  @Test
  void aJsonArrayReadWithoutASchemaOrMultiLineIsABadOption(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("stock.json"), "[\n  {\"id\": \"P1\"},\n  {\"id\": \"P2\"}\n]\n");
    var json = new SourceSpec.Files("stock", "json", "stock.json", Map.of());
    try (ObservedMetrics observed = new ObservedMetrics(spark)) {
      InvalidConfigException e =
          catchThrowableOfType(
              InvalidConfigException.class,
              () -> new SourceReader(spark, observed, (name, product) -> null).read(json, dir));
      assertThat(e.getMessage())
          .contains(
              "source stock: " + dir.resolve("stock.json"),
              "is not one JSON record per line",
              "set options { multiLine = true } on the source");
    }
  }

  @Test
  void aSqlSyntaxErrorGivesFileLineColumnAndTheOffendingLine() {
    String sql = "SELECT id,\n  day\nFORM weather";
    ParseException e = catchThrowableOfType(ParseException.class, () -> spark.sql(sql));
    String text = SqlSyntaxError.describe("travel.m4", Path.of("/p/travel/m4.sql"), sql, e);
    assertThat(text)
        .startsWith(
            "travel.m4: the SQL transform does not parse: /p/travel/m4.sql:3:6 (line 3, column 6): ")
        // Spark takes FORM for an alias of day, so the error is at the word after it.
        .contains("Syntax error at or near 'weather'")
        .endsWith(
            "\n  FORM weather\n       ^\nfix the SQL at that position in m4.sql and run again");
  }
}
