package io.lakemesh.jobs.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.cli.LakemeshCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakemesh doctor} on the embedded default and on the aws catalog against the loopback AWS services. */
class DoctorTest {
  @TempDir Path dir;
  private String out;

  @Test
  void theEmbeddedDefaultPassesTheChecksThatApply() {
    int exit = doctor("--config", AwsConfigFiles.REPO.resolve("conf/lakemesh.conf").toString(), "--home", dir.toString());

    assertThat(exit).as(out).isZero();
    assertThat(lines()).extracting(l -> l.substring(0, 30).trim()).containsExactly(
        "ok    config", "ok    catalog", "ok    storage sales", "ok    storage product", "ok    storage finance", "ok    spark");
    assertThat(out).contains("catalog jdbc").contains(dir.resolve("warehouse/sales") + " takes a write");
  }

  @Test
  void storageThatCannotBeWrittenFailsWithWhatToDo() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("warehouse"), "a file where the warehouse should be");
    Path config = Files.writeString(dir.resolve("lakemesh.conf"), "lakemesh.warehouse.root = \"" + notAFolder + "\"\n");

    int exit = doctor("--config", config.toString(), "--home", dir.resolve("home").toString());

    assertThat(exit).as(out).isEqualTo(1);
    assertThat(lines()).anySatisfy(l -> assertThat(l).startsWith("FAIL  storage").contains(notAFolder.toString())
        .contains("to fix: make the folder writable, or set lakemesh.warehouse.root"));
  }

  @Test
  void theAwsCatalogIsCheckedAccountByAccountAgainstAws() throws Exception {
    try (LoopbackMesh mesh = new LoopbackMesh(dir)) {
      LoopbackAws aws = mesh.aws();
      System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
      Path config = AwsConfigFiles.write(dir.resolve("aws.conf"), mesh.properties(), "");
      String[] args = {"--config", config.toString(), "--home", dir.resolve("home").toString()};

      assertThat(doctor(args)).as(out).isZero();
      assertThat(lines()).extracting(l -> l.substring(0, 30).trim()).containsExactly(
          "ok    config", "ok    catalog", "ok    credentials finance", "ok    credentials finance-gov",
          "ok    credentials governance", "ok    credentials hr", "ok    credentials marketing",
          "ok    credentials product", "ok    credentials retail-gov", "ok    credentials sales",
          "ok    storage sales", "ok    lake formation grants", "ok    spark");
      // marketing's credentials are a role assumed through STS: AWS sees the role's account.
      assertThat(out).contains("arn:aws:sts::" + LoopbackMesh.MARKETING + ":");
      assertThat(aws.calls("sts", "GetCallerIdentity")).hasSize(8);
      assertThat(aws.calls("s3", "PutObject")).anySatisfy(c -> assertThat(c.account()).isEqualTo(LoopbackMesh.SALES));
      assertThat(aws.s3().keys("sales-warehouse")).isEmpty();

      aws.lakeFormation().grantOutOfBand(LoopbackMesh.GOVERNANCE, LoopbackMesh.MARKETING,
          JsonMapper.builder().build().readTree("{\"Table\":{\"CatalogId\":\"" + LoopbackMesh.GOVERNANCE
              + "\",\"DatabaseName\":\"sales\",\"Name\":\"orders\"}}"), Set.of("SELECT"));
      aws.answerNext("sts", "GetCallerIdentity",
          LoopbackAws.error("sts", 403, "InvalidClientTokenId", "The security token included in the request is invalid."));

      assertThat(doctor(Stream.concat(Stream.of(args), Stream.of("--as", "sales")).toArray(String[]::new))).as(out).isEqualTo(1);
      assertThat(out).contains("FAIL  credentials sales").contains("sts:GetCallerIdentity").contains("to fix: give lakemesh.catalog.accounts.sales");
      assertThat(out).contains("FAIL  lake formation grants").contains("1 grant(s) differ")
          .contains("NOT_RECORDED in account governance: " + LoopbackMesh.MARKETING + " on table " + LoopbackMesh.GOVERNANCE + ":sales.orders");
      assertThat(lines()).noneMatch(l -> l.contains("credentials marketing"));
    }
  }

  private int doctor(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return LakemeshCli.execute(Stream.concat(Stream.of("doctor"), Stream.of(args)).toArray(String[]::new));
    } finally {
      System.setOut(original);
      out = captured.toString(StandardCharsets.UTF_8);
    }
  }

  /** The check lines, without the drift items listed under a check. */
  private List<String> lines() {
    return out.lines().filter(l -> l.startsWith("ok") || l.startsWith("FAIL")).map(l -> String.format("%-30s", l)).toList();
  }
}
