package io.lakemesh.runtime;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.lakemesh.exceptions.BatchRejectedException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.spec.SourceOptions;
import io.lakemesh.spec.SourceSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a product's sources. File sources with a declared schema keep malformed rows aside in a
 * corrupt-record column and count them while the data flows into the write (no extra pass); the
 * counts are checked before anything is published.
 */
final class SourceReader {
  static final String CORRUPT = "_lakemesh_corrupt";

  private final SparkSession spark;
  private final ObservedMetrics observed;
  private final BiFunction<String, String, ProductRead> productReader;

  /** Another product's table as this job reads it. */
  record ProductRead(Dataset<Row> data, InputDataset input) {}

  /**
   * One read source and what to verify about it once the write has run; {@code bytes} is its size
   * on storage, negative when not known (a query, another product).
   */
  record ReadSource(
      SourceSpec spec,
      Dataset<Row> data,
      InputDataset input,
      boolean allowEmpty,
      String location,
      Dataset<Row> unobserved,
      List<Column> measures,
      long bytes) {
    String observation() {
      return "source_" + spec.name();
    }
  }

  SourceReader(
      SparkSession spark,
      ObservedMetrics observed,
      BiFunction<String, String, ProductRead> productReader) {
    this.spark = spark;
    this.observed = observed;
    this.productReader = productReader;
  }

  ReadSource read(SourceSpec spec, java.nio.file.Path baseDir) {
    if (spec instanceof SourceSpec.Files f) {
      return files(f, baseDir);
    }
    if (spec instanceof SourceSpec.Jdbc j) {
      return jdbc(j);
    }
    return product((SourceSpec.Product) spec);
  }

  private ReadSource files(SourceSpec.Files f, java.nio.file.Path baseDir) {
    String location = SourceFiles.location(f.path(), baseDir);
    List<FileStatus> files =
        SourceFiles.list(f.name(), location, spark.sparkContext().hadoopConfiguration());
    DataFrameReader reader = spark.read().format(f.format());
    f.options()
        .forEach(
            (k, v) -> {
              if (!k.startsWith("lakemesh.")) {
                reader.option(k, v);
              }
            });
    String ddl = f.options().get(SourceOptions.SCHEMA);
    boolean tracksCorrupt = ddl != null && !f.format().equals("parquet");
    if (ddl != null) {
      StructType schema = parseSchema(f, ddl);
      if (tracksCorrupt) {
        schema = schema.add(CORRUPT, DataTypes.StringType, true);
        reader.option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT);
        // A header that does not match the declared columns is an error, not a silent shift.
        reader.option("enforceSchema", "false");
      }
      reader.schema(schema);
    }
    Dataset<Row> data = reader.load(location);
    if (ddl == null
        && f.format().equals("json")
        && List.of(data.columns()).contains("_corrupt_record")
        && !MalformedRecord.readsMultiLine(f)
        && opensAnArray(files)) {
      // _corrupt_record is Spark's default columnNameOfCorruptRecord: inference adds it for the
      // array's lines that are not records on their own.
      throw new InvalidConfigException(
          "sources." + f.name() + ".options",
          "source "
              + f.name()
              + ": "
              + location
              + " is not one JSON record per line: "
              + MalformedRecord.multiLineHint());
    }
    List<Column> measures =
        tracksCorrupt
            ? List.of(
                count(lit(1)).as("rows"),
                sum(when(col(CORRUPT).isNotNull(), 1).otherwise(0)).as("malformed"),
                first(col(CORRUPT), true).as("example"),
                // Referencing every column makes each scan of the source parse every field, so a
                // scan that needs only a few (a MERGE's file-pruning pass) still sees bad rows. A
                // count of them tests each for null only; a hash of them read every byte.
                functions.call_function("count", dataColumns(data)).as("parsed"))
            : List.of(count(lit(1)).as("rows"));
    ReadSource read =
        observe(
            f,
            data,
            measures,
            new InputDataset(f.name(), "file", location, SourceFiles.fingerprint(files)),
            "true".equals(f.options().get(SourceOptions.ALLOW_EMPTY)),
            location,
            files.stream().mapToLong(FileStatus::getLen).sum());
    return tracksCorrupt ? withData(read, read.data().drop(CORRUPT)) : read;
  }

  /** Each source's fingerprint, by name, in the spec's order: the inputs' part of the batch key. */
  static Map<String, String> fingerprints(List<ReadSource> sources) {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    sources.forEach(s -> fingerprints.put(s.spec().name(), s.input().fingerprint()));
    return fingerprints;
  }

  private ReadSource observe(
      SourceSpec spec,
      Dataset<Row> data,
      List<Column> measures,
      InputDataset input,
      boolean allowEmpty,
      String location,
      long bytes) {
    String name = "source_" + spec.name();
    Dataset<Row> watched =
        observed.observe(
            data,
            name,
            measures.get(0),
            measures.subList(1, measures.size()).toArray(Column[]::new));
    return new ReadSource(spec, watched, input, allowEmpty, location, data, measures, bytes);
  }

  private static ReadSource withData(ReadSource r, Dataset<Row> data) {
    return new ReadSource(
        r.spec(),
        data,
        r.input(),
        r.allowEmpty(),
        r.location(),
        r.unobserved(),
        r.measures(),
        r.bytes());
  }

  private ReadSource jdbc(SourceSpec.Jdbc j) {
    DataFrameReader reader =
        spark.read().format("jdbc").option("url", j.url()).option("query", j.query());
    j.properties().forEach(reader::option);
    Dataset<Row> data = reader.load();
    // A query's result cannot be fingerprinted without running it, so each run counts as new.
    String fingerprint = BatchKeys.sha256(j.url() + "\n" + j.query() + "\n" + System.nanoTime());
    return counted(
        j,
        data,
        new InputDataset(j.name(), redact(j.url()), j.query(), fingerprint),
        redact(j.url()));
  }

  private ReadSource product(SourceSpec.Product p) {
    ProductRead read = productReader.apply(p.name(), p.product());
    return counted(p, read.data(), read.input(), p.product());
  }

  private ReadSource counted(
      SourceSpec spec, Dataset<Row> data, InputDataset input, String location) {
    return observe(spec, data, List.of(count(lit(1)).as("rows")), input, false, location, -1);
  }

  /**
   * Checks the counts observed during the write: malformed rows and empty sources reject the batch.
   * When the write's plan never ran the observed scan in full (the optimiser may drop a scan it
   * proves empty, or a transform may read only part of a source), the source is counted in a pass
   * of its own: a source is never taken as verified without its counts.
   */
  long verify(ReadSource source) {
    Optional<Row> observedMetrics =
        observed.get(source.observation()).stream()
            .max(
                Comparator.comparingLong(
                        (Row r) -> r.size() > 1 && !r.isNullAt(1) ? r.getLong(1) : 0)
                    .thenComparingLong(r -> r.getLong(0)));
    List<Column> measures = source.measures();
    Row row =
        observedMetrics.orElseGet(
            () ->
                source
                    .unobserved()
                    .agg(
                        measures.get(0),
                        measures.subList(1, measures.size()).toArray(Column[]::new))
                    .first());
    long rows = row.getLong(0);
    if (row.size() > 1 && row.get(1) != null && row.getLong(1) > 0) {
      String example = row.getString(2);
      throw new BatchRejectedException(
          String.format(
              "source %s: %d of %d rows in %s are malformed (do not match the declared schema), e.g. %s%s",
              source.spec().name(),
              row.getLong(1),
              rows,
              source.location(),
              abbreviate(example),
              explain(source, example).map(why -> ": " + why).orElse("")));
    }
    if (rows == 0 && !source.allowEmpty()) {
      throw new BatchRejectedException(
          String.format(
              "source %s is empty (0 rows in %s); set allow-empty = true on the source if that is expected",
              source.spec().name(), source.location()));
    }
    return rows;
  }

  private Optional<String> explain(ReadSource source, String example) {
    if (!(source.spec() instanceof SourceSpec.Files f)) {
      return Optional.empty();
    }
    return new MalformedRecord(spark)
        .explain(f, parseSchema(f, f.options().get(SourceOptions.SCHEMA)), example);
  }

  /** Whether the first file's first non-blank character opens a JSON array. */
  private boolean opensAnArray(List<FileStatus> files) {
    Path first = files.get(0).getPath();
    try (var in = first.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(first)) {
      int c;
      do {
        c = in.read();
      } while (c != -1 && Character.isWhitespace(c));
      return c == '[';
    } catch (IOException e) {
      return false;
    }
  }

  private static Column[] dataColumns(Dataset<Row> data) {
    return Arrays.stream(data.columns())
        .filter(c -> !c.equals(CORRUPT))
        .map(functions::col)
        .toArray(Column[]::new);
  }

  private static StructType parseSchema(SourceSpec.Files f, String ddl) {
    try {
      return StructType.fromDDL(ddl);
    } catch (RuntimeException e) {
      throw new InvalidConfigException(
          "sources." + f.name() + ".schema",
          "source " + f.name() + ": schema is not valid DDL: " + e.getMessage().split("\n")[0]);
    }
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "(no example)";
    }
    String line = text.strip();
    return "'" + (line.length() > 200 ? line.substring(0, 200) + "…" : line) + "'";
  }
}
