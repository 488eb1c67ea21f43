package io.lakemesh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch keys are stored in the snapshots of existing tables: a run over the same inputs must make
 * the same key, or a re-run would publish a batch twice. The expected values are fixed here, from
 * the text the key hashes, written out by hand.
 */
class BatchKeysTest {
  @TempDir Path dir;

  private ProductSpec spec() throws IOException {
    Path file = Files.createDirectories(dir.resolve("shop")).resolve("visits.conf");
    Files.writeString(
        file,
        """
        domain = shop
        name = visits
        version = 2
        owner { team = "Shop", contact = "shop@example.com" }
        description = "Visits"
        sla.freshness = 1d
        sources {
          raw { format = csv, path = "in.csv" }
          more { format = csv, path = "more.csv" }
        }
        transform.sql = visits.sql
        table { mode = merge, keys = [id] }
        schema = [
          { name = id, type = bigint, nullable = false, description = "Visit id" }
          { name = page, type = string }
        ]
        """);
    return SpecLoader.loadFile(file);
  }

  @Test
  void theKeyOfAFixedInputIsTheOneExistingTablesHold() throws IOException {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    fingerprints.put("raw", "4f2a");
    fingerprints.put("more", "77");

    String key = BatchKeys.of(spec(), "SELECT id, page FROM raw", fingerprints);

    // Version 2 publishes the table visits_v2.
    // sha256 of: shop.visits|2|TableSpec[database=shop, name=visits_v2, partitioning=[],
    // mode=MERGE,
    // keys=[id]]|[ColumnSpec[name=id, type=bigint, nullable=false, description=Visit id, pii=false,
    // cast=false], ColumnSpec[name=page, type=string, nullable=true, description=, pii=false,
    // cast=false]]\nSELECT id, page FROM raw\nraw=4f2a\nmore=77\n
    assertThat(key).isEqualTo("6b5e944bc3dae5df15ed8aea6396eab285a01d065bd6af38d72500d96fc68715");
  }

  @Test
  void aFileSourcesFingerprintIsItsFilesPathLengthAndModificationTime() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("in"));
    Path a = Files.writeString(folder.resolve("a.csv"), "id\n1\n");
    Path b = Files.writeString(folder.resolve("b.csv"), "id\n22\n");
    Files.setLastModifiedTime(a, FileTime.fromMillis(1_700_000_000_000L));
    Files.setLastModifiedTime(b, FileTime.fromMillis(1_700_000_001_000L));

    String fingerprint =
        SourceFiles.fingerprint(SourceFiles.list("raw", folder.toString(), new Configuration()));

    String listed = "file:" + a + "|5|1700000000000\n" + "file:" + b + "|6|1700000001000\n";
    assertThat(fingerprint).isEqualTo(sha256(listed));
    Files.setLastModifiedTime(b, FileTime.fromMillis(1_700_000_002_000L));
    assertThat(
            SourceFiles.fingerprint(
                SourceFiles.list("raw", folder.toString(), new Configuration())))
        .isNotEqualTo(fingerprint);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
