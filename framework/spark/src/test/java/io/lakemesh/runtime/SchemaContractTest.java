package io.lakemesh.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lakemesh.exceptions.BatchRejectedException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.SpecLoader;
import io.lakemesh.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract's types are what is published: a transform whose column has another type is
 * converted only where nothing is lost, or where the spec asks for it; otherwise the run stops with
 * the fix.
 */
class SchemaContractTest {
  private final SparkSession spark = SharedSpark.session();

  @TempDir Path dir;

  private ProductSpec spec(String transform, String schema) throws IOException {
    Path file = Files.createDirectories(dir.resolve("shop")).resolve("visits.conf");
    Files.writeString(
        file,
        """
        domain = shop
        name = visits
        version = 1
        owner { team = "Shop", contact = "shop@example.com" }
        description = "Visits"
        sla.freshness = 1d
        sources { raw { format = csv, path = "in.csv" } }
        table { mode = overwrite }
        %s
        schema = [
        %s
        ]
        """
            .formatted(transform, schema));
    return SpecLoader.loadFile(file);
  }

  private ProductSpec sqlSpec(String schema) throws IOException {
    return spec("transform.sql = visits.sql", schema);
  }

  private Dataset<Row> output(String select) {
    return spark.sql(select);
  }

  /** The message of the refusal of {@code select}'s output under {@code spec}'s contract. */
  private String refusal(ProductSpec spec, String select) {
    return catchThrowableOfType(
            InvalidConfigException.class, () -> SchemaContract.conform(output(select), spec))
        .getMessage();
  }

  @Test
  void anIntegerColumnTheContractCallsStringIsRefusedWithBothTypesTheFileAndBothFixes()
      throws IOException {
    ProductSpec spec =
        sqlSpec(
            """
        { name = id, type = string }
        { name = visits, type = string }
        """);
    String refused = refusal(spec, "SELECT 'a' AS id, 3 AS visits");
    assertThat(refused)
        .isEqualTo(
            "shop.visits: the transform's output does not match the schema contract in "
                + dir.resolve("shop/visits.conf")
                + ": column visits is int, the contract says string: convert it on purpose"
                + " with CAST(visits AS string) in visits.sql or with cast = true on the column in the schema,"
                + " or declare it as int");
  }

  @Test
  void aJavaTransformIsToldTheColumnCastOfSparksApi() throws IOException {
    ProductSpec spec = spec("transform.class = shop.Visits", "{ name = day, type = date }");
    String refused = refusal(spec, "SELECT '2026-12-01' AS day");
    assertThat(refused)
        .endsWith(
            ": column day is string, the contract says date: convert it on purpose"
                + " with col(\"day\").cast(\"date\") in shop.Visits or with cast = true on the column in the schema,"
                + " or declare it as string");
  }

  @Test
  void aSilentNarrowingOfADecimalIsRefusedToo() throws IOException {
    ProductSpec spec = sqlSpec("{ name = total, type = \"decimal(10,2)\" }");
    String refused = refusal(spec, "SELECT CAST(1.5 AS DECIMAL(22,2)) AS total");
    assertThat(refused)
        .contains(
            "column total is decimal(22,2), the contract says decimal(10,2): "
                + "convert it on purpose with CAST(total AS decimal(10,2)) in visits.sql");
  }

  @Test
  void wideningsThatLoseNothingNeedNoCast() throws IOException {
    ProductSpec spec =
        sqlSpec(
            """
        { name = visits, type = bigint }
        { name = share, type = double }
        { name = total, type = "decimal(14,2)" }
        { name = note, type = string }
        """);
    Dataset<Row> out =
        SchemaContract.conform(
            output(
                "SELECT 3 AS visits, CAST(0.5 AS FLOAT) AS share, CAST(12.25 AS DECIMAL(12,2)) AS total, NULL AS note"),
            spec);
    assertThat(out.schema().simpleString())
        .isEqualTo("struct<visits:bigint,share:double,total:decimal(14,2),note:string>");
    assertThat(out.collectAsList().get(0).toString()).isEqualTo("[3,0.5,12.25,null]");
  }

  @Test
  void aCastTheSpecAsksForConverts() throws IOException {
    ProductSpec spec =
        sqlSpec(
            """
        { name = visits, type = string, cast = true }
        { name = day, type = date, cast = true }
        """);
    Dataset<Row> out =
        SchemaContract.conform(output("SELECT 3 AS visits, '2026-12-01' AS day"), spec);
    assertThat(out.schema().simpleString()).isEqualTo("struct<visits:string,day:date>");
    assertThat(out.collectAsList().get(0).toString()).isEqualTo("[3,2026-12-01]");
  }

  @Test
  void aValueThatDoesNotConvertUnderAnAskedForCastFailsInsteadOfBecomingNull() throws IOException {
    ProductSpec spec = sqlSpec("{ name = visits, type = int, cast = true }");
    Dataset<Row> out = SchemaContract.conform(output("SELECT 'n/a' AS visits"), spec);
    BatchRejectedException e =
        catchThrowableOfType(
            BatchRejectedException.class, () -> Errors.write(List.of(), out::collectAsList));
    assertThat(e.getMessage())
        .startsWith(
            "a value does not convert to the type the schema contract declares for a"
                + " column with cast = true: ")
        .contains("The value 'n/a' of the type \"STRING\" cannot be cast to \"INT\"")
        .endsWith(
            " Fix the value in the source, or convert it in the transform (try_cast gives null where a value"
                + " does not convert)")
        .doesNotContain("spark.sql.ansi.enabled");
  }

  @Test
  void aCastSparkCannotMakeSaysSoEvenWhenAskedFor() throws IOException {
    ProductSpec spec = sqlSpec("{ name = day, type = date, cast = true }");
    String refused = refusal(spec, "SELECT true AS day");
    assertThat(refused)
        .endsWith(
            ": column day is boolean, the contract says date, and Spark cannot convert"
                + " boolean to date (cast = true cannot help): compute a date in visits.sql");
  }

  @Test
  void everyMismatchIsListedAtOnce() throws IOException {
    ProductSpec spec =
        sqlSpec(
            """
        { name = id, type = string }
        { name = visits, type = int }
        """);
    String refused = refusal(spec, "SELECT 1.5D AS visits, 'x' AS extra");
    assertThat(List.of(refused.split("; "))).hasSize(3);
    assertThat(refused)
        .contains(
            "missing column id string",
            "column visits is double, the contract says int",
            "column extra is not in the contract");
  }
}
