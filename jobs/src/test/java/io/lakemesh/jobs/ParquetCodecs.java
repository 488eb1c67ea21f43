package io.lakemesh.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** The compression codecs a table's current data files name in their Parquet footers. */
final class ParquetCodecs {
  private ParquetCodecs() {}

  /** One codec name per column chunk of every row group of every current data file. */
  static List<String> of(Table table) {
    List<String> codecs = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        Path path = new Path(task.file().path().toString());
        try (ParquetFileReader reader =
            ParquetFileReader.open(HadoopInputFile.fromPath(path, new Configuration()))) {
          reader.getFooter().getBlocks().stream()
              .flatMap(b -> b.getColumns().stream())
              .forEach(c -> codecs.add(c.getCodec().name()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return codecs;
  }
}
