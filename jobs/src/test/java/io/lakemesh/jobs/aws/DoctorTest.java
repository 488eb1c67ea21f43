package io.lakemesh.jobs.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.GlueGovernanceCatalog;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.cli.LakemeshCli;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakemesh doctor} on the embedded default and on the aws catalog against the loopback AWS
 * services.
 */
class DoctorTest {
  @TempDir Path dir;
  private String out;

  @Test
  void theEmbeddedDefaultPassesTheChecksThatApply() {
    int exit =
        doctor(
            "--config",
            AwsConfigFiles.REPO.resolve("conf/lakemesh.conf").toString(),
            "--home",
            dir.toString());

    assertThat(exit).as(out).isZero();
    assertThat(lines())
        .extracting(l -> l.substring(0, 30).trim())
        .containsExactly(
            "ok    config",
            "ok    catalog",
            "ok    storage sales",
            "ok    storage product",
            "ok    storage finance",
            "ok    spark");
    assertThat(out)
        .contains("catalog jdbc")
        .contains(dir.resolve("warehouse/sales") + " takes a write");
  }

  @Test
  void storageThatCannotBeWrittenFailsWithWhatToDo() throws Exception {
    Path notAFolder =
        Files.writeString(dir.resolve("warehouse"), "a file where the warehouse should be");
    Path config =
        Files.writeString(
            dir.resolve("lakemesh.conf"), "lakemesh.warehouse.root = \"" + notAFolder + "\"\n");

    int exit = doctor("--config", config.toString(), "--home", dir.resolve("home").toString());

    assertThat(exit).as(out).isEqualTo(1);
    assertThat(lines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("FAIL  storage")
                    .contains(notAFolder.toString())
                    .contains("to fix: make the folder writable, or set lakemesh.warehouse.root"));
  }

  @Test
  void theAwsCatalogIsCheckedAccountByAccountAgainstAws() throws Exception {
    try (LoopbackMesh mesh = new LoopbackMesh(dir)) {
      LoopbackAws aws = mesh.aws();
      System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
      Path config = AwsConfigFiles.write(dir.resolve("aws.conf"), mesh.properties(), "");
      String[] args = {"--config", config.toString(), "--home", dir.resolve("home").toString()};

      assertThat(
              cli(
                  "aws",
                  "setup",
                  "--apply",
                  "--config",
                  config.toString(),
                  "--home",
                  dir.resolve("home").toString()))
          .as(out)
          .isZero();
      aws.clearCalls();
      assertThat(doctor(args)).as(out).isZero();
      assertThat(lines())
          .extracting(l -> l.substring(0, 30).trim())
          .containsExactly(
              "ok    config",
              "ok    catalog",
              "ok    credentials finance",
              "ok    credentials finance-gov",
              "ok    credentials governance",
              "ok    credentials hr",
              "ok    credentials marketing",
              "ok    credentials product",
              "ok    credentials retail-gov",
              "ok    credentials sales",
              "ok    storage sales",
              "ok    lake formation grants",
              "ok    data-lake admins",
              "ok    default permissions",
              "ok    cross-account version",
              "ok    catalog resource policy",
              "warn  location registration",
              // The records bucket's policy for the producers' own records, printed for a person to
              // apply.
              "warn  records bucket policy",
              // Nobody holds a grant or a link yet, so nobody reads mesh data past Lake Formation.
              "ok    spark");
      // marketing's credentials are a role assumed through STS: AWS sees the role's account.
      assertThat(out).contains("arn:aws:sts::" + LoopbackMesh.MARKETING + ":");
      // One per account, and governance's again: the data-lake admin check asks which role it acts
      // as.
      assertThat(aws.calls("sts", "GetCallerIdentity")).hasSize(9);
      assertThat(aws.calls("s3", "PutObject"))
          .anySatisfy(c -> assertThat(c.account()).isEqualTo(LoopbackMesh.SALES));
      assertThat(aws.s3().keys("sales-warehouse")).isEmpty();

      aws.lakeFormation()
          .grantOutOfBand(
              LoopbackMesh.GOVERNANCE,
              LoopbackMesh.MARKETING,
              JsonMapper.builder()
                  .build()
                  .readTree(
                      "{\"Table\":{\"CatalogId\":\""
                          + LoopbackMesh.GOVERNANCE
                          + "\",\"DatabaseName\":\"sales\",\"Name\":\"orders\"}}"),
              Set.of("SELECT"));
      aws.answerNext(
          "sts",
          "GetCallerIdentity",
          LoopbackAws.error(
              "sts",
              403,
              "InvalidClientTokenId",
              "The security token included in the request is invalid."));

      assertThat(
              doctor(
                  Stream.concat(Stream.of(args), Stream.of("--as", "sales"))
                      .toArray(String[]::new)))
          .as(out)
          .isEqualTo(1);
      assertThat(out)
          .contains("FAIL  credentials sales")
          .contains("sts:GetCallerIdentity")
          .contains("to fix: give lakemesh.catalog.accounts.sales");
      assertThat(out)
          .contains("FAIL  lake formation grants")
          .contains("1 grant(s) differ")
          .contains(
              "NOT_RECORDED in account governance: "
                  + LoopbackMesh.MARKETING
                  + " on table "
                  + LoopbackMesh.GOVERNANCE
                  + ":sales.orders");
      assertThat(lines()).noneMatch(l -> l.contains("credentials marketing"));
    }
  }

  @Test
  void aMisconfiguredAccountIsNamedWithTheFixForEachPointOfLakeFormation() throws Exception {
    try (LoopbackMesh mesh = new LoopbackMesh(dir)) {
      System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
      Map<String, String> properties = new LinkedHashMap<>(mesh.properties());
      properties.remove("accounts.governance.registration-role-arn");
      Path noRole = AwsConfigFiles.write(dir.resolve("no-role.conf"), properties, "");

      assertThat(doctor("--config", noRole.toString(), "--home", dir.resolve("home").toString()))
          .as(out)
          .isEqualTo(1);
      assertThat(out)
          .contains("FAIL  catalog")
          .contains("user-defined role")
          .contains("to fix: correct lakemesh.catalog.accounts.governance.registration-role-arn");

      Path config = AwsConfigFiles.write(dir.resolve("aws.conf"), mesh.properties(), "");
      grantOrdersToMarketing(mesh);
      mesh.aws()
          .glue()
          .putResourcePolicyOutOfBand(
              LoopbackMesh.GOVERNANCE, "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
      Map<String, String> enabled = new LinkedHashMap<>(mesh.properties());
      enabled.put("accounts.marketing.lakeformation-enabled", "true");
      Path lakeFormation =
          AwsConfigFiles.write(
              dir.resolve("lf.conf"),
              enabled,
              "lakemesh.warehouse.properties { \"client.assume-role.tags.LakeFormationAuthorizedCaller\" = \"\" }");

      assertThat(doctor("--config", config.toString(), "--home", dir.resolve("home").toString()))
          .as(out)
          .isEqualTo(1);
      assertThat(out)
          .contains(
              "FAIL  data-lake admins          account governance: arn:aws:iam::"
                  + LoopbackMesh.GOVERNANCE
                  + ":role/loopback is not a data lake administrator")
          .contains(
              "FAIL  default permissions       account governance: \"Use only IAM access control\" is on")
          .contains(
              "FAIL  cross-account version     account governance: CROSS_ACCOUNT_VERSION is 1")
          .contains(
              "FAIL  catalog resource policy   account governance: the Data Catalog resource policy does not allow"
                  + " glue:ShareResource to ram.amazonaws.com")
          .contains("`bin/lakemesh aws setup --apply` does this")
          .contains(
              "warn  location registration     account sales: s3://sales-warehouse/lake/ is registered by governance with arn:aws:iam::"
                  + LoopbackMesh.GOVERNANCE
                  + ":role/lakemesh-lf-locations")
          .contains("bucket policy: {")
          .contains(
              "warn  read path marketing       marketing reads mesh data (1 grant, 0 links) with its own S3"
                  + " credentials, bypassing Lake Formation's grants -- to fix: set"
                  + " lakemesh.catalog.accounts.marketing.lakeformation-enabled = true (with a role-arn)\n");
      // Only the account the catalog knows to read is reported.
      assertThat(lines()).filteredOn(l -> l.contains("read path")).hasSize(1);

      // aws setup prints the same steps, here as JSON, and exits 1 while a change is left to make.
      assertThat(
              cli(
                  "aws",
                  "setup",
                  "--json",
                  "--config",
                  config.toString(),
                  "--home",
                  dir.resolve("home").toString()))
          .as(out)
          .isEqualTo(1);
      var steps = JsonMapper.builder().build().readTree(out);
      assertThat(steps)
          .anySatisfy(
              st -> {
                assertThat(st.get("account").asText()).isEqualTo("governance");
                assertThat(st.get("check").asText()).isEqualTo("cross-account version");
                assertThat(st.get("state").asText()).isEqualTo("change");
                assertThat(st.get("fix").asText())
                    .isEqualTo(
                        "set CROSS_ACCOUNT_VERSION to 4 (lakeformation:PutDataLakeSettings)");
              });
      assertThat(mesh.aws().calls("lakeformation", "PutDataLakeSettings")).isEmpty();

      assertThat(
              doctor(
                  "--config",
                  lakeFormation.toString(),
                  "--home",
                  dir.resolve("home").toString(),
                  "--as",
                  "marketing"))
          .as(out)
          .isEqualTo(1);
      assertThat(out)
          .contains(
              "FAIL  read path marketing       Lake Formation credentials without the session tag"
                  + " client.assume-role.tags.LakeFormationAuthorizedCaller");

      String role = "arn:aws:iam::" + LoopbackMesh.MARKETING + ":role/lakemesh-marketing";
      mesh.aws()
          .sts()
          .trustPolicy(
              role, "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}");
      Path tagged = AwsConfigFiles.write(dir.resolve("tagged.conf"), enabled, "");
      String[] asMarketing = {
        "--config", tagged.toString(), "--home", dir.resolve("home").toString(), "--as", "marketing"
      };

      assertThat(doctor(asMarketing)).as(out).isEqualTo(1);
      assertThat(out)
          .contains("FAIL  read path marketing")
          .contains("not authorized to perform: sts:TagSession")
          .contains(
              "to fix: let the trust policy of "
                  + role
                  + " allow sts:TagSession as well as sts:AssumeRole")
          .contains("\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]");

      mesh.aws()
          .sts()
          .trustPolicy(
              role,
              "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}");
      doctor(asMarketing);
      assertThat(out)
          .contains(
              "ok    read path marketing       Iceberg assumes "
                  + role
                  + " tagged LakeFormationAuthorizedCaller=lakemesh (AWS allowed it)");
    }
  }

  /** SELECT on sales.orders for marketing, granted and recorded through the catalog. */
  private static void grantOrdersToMarketing(LoopbackMesh mesh) {
    GlueGovernanceCatalog catalog = mesh.catalog();
    try {
      catalog.addGrant(
          new Grant(
              0,
              "governance",
              Principal.administrator("marketing"),
              Resource.table(TableId.of("sales", "sales", "orders")),
              Set.of(Permission.SELECT),
              Set.of(),
              Principal.administrator("governance"),
              null,
              Instant.parse("2026-01-01T00:00:00Z")));
    } finally {
      catalog.close();
    }
  }

  private int doctor(String... args) {
    return cli(Stream.concat(Stream.of("doctor"), Stream.of(args)).toArray(String[]::new));
  }

  private int cli(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return LakemeshCli.execute(args);
    } finally {
      System.setOut(original);
      out = captured.toString(StandardCharsets.UTF_8);
    }
  }

  /** The check lines, without the drift items listed under a check. */
  private List<String> lines() {
    return out.lines()
        .filter(l -> l.startsWith("ok") || l.startsWith("FAIL") || l.startsWith("warn"))
        .map(l -> String.format("%-30s", l))
        .toList();
  }
}
