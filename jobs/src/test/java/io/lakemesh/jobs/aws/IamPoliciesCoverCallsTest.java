package io.lakemesh.jobs.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.GlueGovernanceCatalog;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.cli.CliRun;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each role's IAM policy, as {@code lakemesh aws policies} prints it, allows every AWS call the
 * role's paths make (publish with the join before it, grant, revoke, link, read, doctor's checks),
 * and has no statement that none of them uses. The calls are those the loopback services recorded
 * with the role whose credentials signed them; each is translated to what IAM checks for it ({@link
 * IamRequests}) and evaluated against the policy ({@link IamPolicy}).
 */
class IamPoliciesCoverCallsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final DataFilter US_ONLY =
      new DataFilter(ORDERS, "us_only", "country = 'US'", List.of(), List.of("customer_id"));
  private static final Principal MARKETING_ADMIN = Principal.administrator("marketing");
  private static final Principal ANALYST = Principal.of("marketing", "analyst");

  /**
   * Statements for calls made outside the catalog's paths, by the engines lakemesh configures: the
   * producer job's Iceberg writes through S3FileIO (and doctor's probe), a consumer's Iceberg reads
   * with Lake Formation's table credentials. The loopback services do not see them.
   */
  private static final Map<String, Set<String>> OUTSIDE_THE_CATALOG =
      Map.of(
          LoopbackMesh.role("sales"), Set.of("WriteOwnWarehouse"),
          LoopbackMesh.role("marketing"), Set.of("ReadThroughLakeFormation"));

  @TempDir Path dir;

  @Test
  void everyCallOfEveryPathIsAllowedByItsRolesPolicyAndEveryStatementIsUsed() throws IOException {
    Map<String, IamPolicy> policies =
        Map.of(
            LoopbackMesh.role("governance"),
            printed(
                "governance",
                GOVERNANCE,
                "s3://" + LoopbackMesh.RECORDS_BUCKET + "/mesh/",
                "--records-root",
                "s3://" + LoopbackMesh.RECORDS_BUCKET + "/mesh/",
                "--registration-role-arn",
                "arn:aws:iam::" + GOVERNANCE + ":role/lakemesh-lf-locations"),
            LoopbackMesh.role("sales"),
            printed(
                "producer",
                SALES,
                "s3://sales-warehouse/lake/",
                "--holder-account-id",
                GOVERNANCE,
                "--records-root",
                "s3://" + LoopbackMesh.RECORDS_BUCKET + "/mesh/"),
            LoopbackMesh.role("marketing"),
            printed(
                "consumer", MARKETING, "s3://marketing-lake/", "--holder-account-id", GOVERNANCE));
    List<String> denied = new ArrayList<>();
    Map<String, Set<String>> used = new TreeMap<>();

    try (LoopbackMesh mesh = new LoopbackMesh(dir)) {
      LoopbackAws aws = mesh.aws();
      IamRequests requests = new IamRequests(aws.glue());
      GlueGovernanceCatalog catalog = mesh.catalog();
      List<LoopbackAws.Call> publishing = new ArrayList<>();
      Runnable check =
          () -> {
            publishing.addAll(aws.calls());
            for (LoopbackAws.Call call : aws.calls()) {
              if (call.service().equals("sts")) {
                continue;
              }
              IamPolicy policy = policies.get(call.role());
              assertThat(policy)
                  .as("the role of %s %s", call.service(), call.operation())
                  .isNotNull();
              for (IamPolicy.Request request : requests.of(call)) {
                policy
                    .allowing(request)
                    .ifPresentOrElse(
                        s -> used.computeIfAbsent(call.role(), k -> new TreeSet<>()).add(s.sid()),
                        () -> denied.add(call.role() + ": " + request));
              }
            }
            aws.clearCalls();
          };

      // aws setup --apply: the holder puts Lake Formation in charge of its catalog.
      catalog.applyLakeFormationSetup();
      check.run();

      // The records bucket is the governance account's, with the policy aws setup prints for it.
      aws.s3().ownedBy(LoopbackMesh.RECORDS_BUCKET, GOVERNANCE);
      aws.s3().bucketPolicy(LoopbackMesh.RECORDS_BUCKET, printedRecordsBucketPolicy(catalog));

      // Join: the holder adds the producer's database.
      catalog.ensureDatabase(DatabaseId.of("sales", "sales"), Map.of());
      check.run();

      // The producer's job, with its own config (acting-producer = sales): its interrupted runs
      // closed, its run recorded, its table and quality history read (the schema check and the
      // anomaly rules), then the publish through the governance rules (the run id's owner checked,
      // the commit, its records, the publish appended to the log of its products); a second run
      // finds the batch published and only reads. No call is the governance role's.
      publishing.clear();
      Map<String, String> salesConfig = new TreeMap<>(mesh.properties());
      salesConfig.put("acting-producer", "sales");
      try (GlueGovernanceCatalog salesJob = mesh.catalog(salesConfig, List.of())) {
        Governance rules =
            Governance.over(
                LakemeshConfig.load(AwsConfigFiles.REPO.resolve("conf/mesh.conf"), dir)
                    .mesh(Topology.CENTRAL),
                salesJob);
        for (String runId : List.of("run-1", "run-2")) {
          Publication publication = publication(runId, runId.equals("run-1") ? 11 : 12);
          salesJob.listJobRuns(CatalogFixtures.PRODUCT, 50);
          salesJob.recordJobRun(
              CatalogFixtures.jobRun(
                  runId,
                  CatalogFixtures.PRODUCT,
                  ORDERS,
                  JobRun.Status.RUNNING,
                  CatalogFixtures.T0));
          salesJob.findTable(ORDERS);
          salesJob.qualityHistory(ORDERS, 30);
          rules.publish(Principal.administrator("sales"), publication);
        }
        salesJob.listJobRuns(CatalogFixtures.PRODUCT, 50);
        salesJob.findTable(ORDERS);
        check.run();
      }
      assertThat(publishing)
          .extracting(c -> c.service() + " " + c.operation() + " " + c.role())
          .isNotEmpty()
          .allMatch(c -> c.endsWith(" " + LoopbackMesh.role("sales")));
      assertThat(publishing)
          .extracting(c -> c.service() + " " + c.operation())
          .contains("s3 ListObjectsV2", "s3 GetObject", "s3 PutObject", "glue UpdateTable");

      // Tags and grants, by the holder on the owner's authority.
      catalog.createTag("governance", LfTag.of("domain", "sales", "product"));
      catalog.assignTag(new TagAssignment(TagTarget.table(ORDERS), "domain", "sales"));
      Grant option =
          catalog.addGrant(
              owners(MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT)));
      Grant databaseOption =
          catalog.addGrant(
              owners(
                  MARKETING_ADMIN,
                  Resource.database(ORDERS.databaseId()),
                  Set.of(Permission.SELECT)));
      catalog.addGrant(
          owners(
              MARKETING_ADMIN,
              Resource.tagPolicy("sales", TagExpression.parse("domain=sales")),
              Set.of(Permission.SELECT)));
      catalog.createFilter(US_ONLY);
      Grant filterOption =
          catalog.addGrant(owners(MARKETING_ADMIN, US_ONLY.resource(), Set.of(Permission.SELECT)));
      check.run();

      // Links and the consumer administrator's re-grants inside its account.
      aws.ram().invite(GOVERNANCE, MARKETING, "LakeFormation-V4-orders");
      ResourceLink.TableLink tableLink = ResourceLink.defaultTableLink("marketing", ORDERS);
      catalog.createLink(tableLink);
      ResourceLink.DatabaseLink databaseLink =
          new ResourceLink.DatabaseLink(
              DatabaseId.of("marketing", "sales_all"), ORDERS.databaseId());
      catalog.createLink(databaseLink);
      catalog.addGrant(reGrant(Resource.table(ORDERS), option));
      catalog.addGrant(reGrant(Resource.database(ORDERS.databaseId()), databaseOption));
      catalog.addGrant(reGrant(US_ONLY.resource(), filterOption));
      check.run();

      // Reads.
      catalog.findTable(ORDERS);
      catalog.listTables(null);
      catalog.tableVersions(ORDERS);
      catalog.tagsOf(ORDERS);
      catalog.listTags("governance");
      catalog.tablesMatching("sales", TagExpression.parse("domain=sales"));
      catalog.findTableLink(tableLink.link());
      catalog.listLinks("marketing");
      catalog.permissionsInLakeFormation(ANALYST, Resource.table(ORDERS));
      catalog.findFilter(ORDERS, US_ONLY.name());
      catalog.listFilters("sales");
      catalog.qualityHistory(ORDERS, 10);
      catalog.listJobRuns(null, 10);
      check.run();

      // Doctor's checks of the catalog: who each account's credentials are, Lake Formation's
      // settings, and grant drift.
      for (String account : List.of("governance", "sales", "marketing")) {
        catalog.callerIdentity(account);
      }
      catalog.lakeFormationSetup();
      assertThat(catalog.grantDrift()).isEmpty();
      check.run();

      // Revokes: the consumer's re-grants, then the holder's cross-account grants; links dropped.
      catalog.removeGrant(ANALYST, Resource.table(ORDERS), Set.of(Permission.SELECT));
      catalog.removeGrant(
          ANALYST, Resource.database(ORDERS.databaseId()), Set.of(Permission.SELECT));
      catalog.removeGrant(MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT));
      catalog.removeGrant(
          MARKETING_ADMIN, Resource.database(ORDERS.databaseId()), Set.of(Permission.SELECT));
      catalog.removeGrant(ANALYST, US_ONLY.resource(), Set.of(Permission.SELECT));
      catalog.removeGrant(MARKETING_ADMIN, US_ONLY.resource(), Set.of(Permission.SELECT));
      catalog.dropFilter(ORDERS, US_ONLY.name());
      catalog.dropLink(tableLink);
      catalog.dropLink(databaseLink);
      check.run();
      catalog.close();
    }

    assertThat(denied).isEmpty();
    for (Map.Entry<String, IamPolicy> role : policies.entrySet()) {
      Set<String> unused = new TreeSet<>();
      role.getValue().statements().forEach(s -> unused.add(s.sid()));
      unused.removeAll(used.getOrDefault(role.getKey(), Set.of()));
      assertThat(unused)
          .as("statements of %s no call used", role.getKey())
          .isEqualTo(OUTSIDE_THE_CATALOG.getOrDefault(role.getKey(), Set.of()));
    }
  }

  /** The records bucket's policy, as {@code aws setup} prints it for the governance account. */
  private static String printedRecordsBucketPolicy(GlueGovernanceCatalog catalog) {
    Map<String, Object> step =
        catalog.lakeFormationSetup().stream()
            .filter(s -> s.get("check").equals("records bucket policy"))
            .findFirst()
            .orElseThrow();
    return ((List<?>) step.get("items")).get(0).toString().substring("bucket policy: ".length());
  }

  /** The role's policy as {@code lakemesh aws policies} prints it. */
  private static IamPolicy printed(
      String role, String accountId, String storageRoot, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "aws",
                "policies",
                "--role",
                role,
                "--account-id",
                accountId,
                "--region",
                "eu-west-1",
                "--storage-root",
                storageRoot));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    return IamPolicy.parse(JSON.readTree(run.out()));
  }

  /** The owner's grant, carried out by the governance account, with the grant option. */
  private static Grant owners(Principal grantee, Resource resource, Set<Permission> permissions) {
    return new Grant(
        0,
        "governance",
        grantee,
        resource,
        permissions,
        permissions,
        Principal.administrator("governance"),
        null,
        CatalogFixtures.T0);
  }

  /** Marketing's administrator re-grants to its analyst what it holds with the grant option. */
  private static Grant reGrant(Resource resource, Grant option) {
    return new Grant(
        0,
        "marketing",
        ANALYST,
        resource,
        Set.of(Permission.SELECT),
        Set.of(),
        MARKETING_ADMIN,
        Authorisation.grant(option.id()),
        CatalogFixtures.T0);
  }

  private static Publication publication(String runId, long snapshot) {
    return LoopbackMesh.salesPublication(runId, ORDERS, snapshot);
  }
}
