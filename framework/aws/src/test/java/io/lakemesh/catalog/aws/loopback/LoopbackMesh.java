package io.lakemesh.catalog.aws.loopback;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.GlueGovernanceCatalog;
import io.lakemesh.governance.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A mesh of AWS accounts on {@link LoopbackAws}: every catalog the contract suites name, each with
 * its own made-up 12-digit account id, credentials from a throwaway profile file (marketing's by
 * assuming a role through STS), entries held by the governance account, records in its bucket.
 */
public final class LoopbackMesh implements AutoCloseable {
  public static final String GOVERNANCE = "111122223333";
  public static final String SALES = "222233334444";
  public static final String PRODUCT = "333344445555";
  public static final String MARKETING = "444455556666";
  public static final String FINANCE = "555566667777";
  public static final String HR = "666677778888";
  public static final String RETAIL_GOV = "777788889999";
  public static final String FINANCE_GOV = "888899990000";
  public static final String RECORDS_BUCKET = "lakemesh-records";

  private static final Map<String, String> ACCOUNTS = new LinkedHashMap<>();

  static {
    ACCOUNTS.put("governance", GOVERNANCE);
    ACCOUNTS.put("sales", SALES);
    ACCOUNTS.put("product", PRODUCT);
    ACCOUNTS.put("marketing", MARKETING);
    ACCOUNTS.put("finance", FINANCE);
    ACCOUNTS.put("hr", HR);
    ACCOUNTS.put("retail-gov", RETAIL_GOV);
    ACCOUNTS.put("finance-gov", FINANCE_GOV);
  }

  private final LoopbackAws aws = new LoopbackAws();
  private final Path profiles;

  public LoopbackMesh(Path dir) {
    StringBuilder config = new StringBuilder();
    ACCOUNTS.forEach(
        (id, awsId) -> {
          config
              .append("[profile lakemesh-")
              .append(id)
              .append("]\n")
              .append("aws_access_key_id = LOOPBACK-")
              .append(id)
              .append('\n')
              .append("aws_secret_access_key = not-a-secret\n")
              .append("region = eu-west-1\n\n");
          aws.account("LOOPBACK-" + id, awsId);
          aws.role("LOOPBACK-" + id, role(id));
        });
    config.append(
        "[profile lakemesh-source]\n"
            + "aws_access_key_id = LOOPBACK-source\n"
            + "aws_secret_access_key = not-a-secret\n");
    aws.account("LOOPBACK-source", "999900001111");
    aws.s3().ownedBy("sales-warehouse", SALES);
    try {
      profiles = Files.writeString(dir.resolve("aws-config"), config.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The IAM role each account's calls are made with: {@code lakemesh-ID} in the account (the role a
   * profile's keys stand for, or the one marketing assumes).
   */
  public static String role(String meshAccount) {
    return "arn:aws:iam::" + ACCOUNTS.get(meshAccount) + ":role/lakemesh-" + meshAccount;
  }

  /**
   * A publication of {@code table} (a table of sales) stored under sales' registered storage root,
   * as a producer job on S3 writes it.
   */
  public static Publication salesPublication(String runId, TableId table, long snapshot) {
    return at(
        CatalogFixtures.publication(runId, table, snapshot, CatalogFixtures.at((int) snapshot)),
        "s3://sales-warehouse/lake/" + table.database() + "/" + table.table());
  }

  /** The same publication with its table stored at {@code location}. */
  public static Publication at(Publication p, String location) {
    CatalogTable t = p.table();
    CatalogTable moved =
        t.toBuilder().location(location).version(0).updatedAt(Instant.EPOCH).build();
    return new Publication(moved, p.quality(), p.lineage(), p.run());
  }

  public LoopbackAws aws() {
    return aws;
  }

  public Path profileFile() {
    return profiles;
  }

  /** The catalog's properties: loopback endpoints, fast retries, every account of the mesh. */
  public Map<String, String> properties() {
    return properties(Topology.CENTRAL);
  }

  /**
   * The properties of the demo mesh (the rule suites' {@code MeshFixtures.demo}) in a topology,
   * each producer's entries held as {@code conf/aws.conf} describes: by the governance account in
   * central; by its LOB's governance account in lob-federated (retail-gov for sales and product,
   * finance-gov for finance); by itself in federated, where sales keeps the records.
   */
  public Map<String, String> properties(Topology topology) {
    Map<String, String> p = accounts();
    switch (topology) {
      case CENTRAL -> p.put("governance-account", "governance");
      case LOB_FEDERATED -> {
        p.put("accounts.sales.holder", "retail-gov");
        p.put("accounts.product.holder", "retail-gov");
        p.put("accounts.finance.holder", "finance-gov");
        p.put("records.account", "retail-gov");
      }
      case FEDERATED -> p.put("records.account", "sales");
    }
    return p;
  }

  private Map<String, String> accounts() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("region", "eu-west-1");
    for (String service : List.of("glue", "lakeformation", "ram", "sts", "s3", "events")) {
      p.put("endpoint." + service, aws.endpoint(service));
    }
    p.put("records.root", "s3://" + RECORDS_BUCKET + "/mesh/");
    p.put("profile-file", profiles.toString());
    p.put("retry.base-delay-ms", "1");
    p.put("retry.max-backoff-ms", "5");
    ACCOUNTS.forEach(
        (id, awsId) -> {
          p.put("accounts." + id + ".aws-account-id", awsId);
          if (id.equals("marketing")) {
            p.put(
                "accounts.marketing.role-arn",
                "arn:aws:iam::" + awsId + ":role/lakemesh-marketing");
            p.put("accounts.marketing.external-id", "lakemesh-loopback");
            p.put("accounts.marketing.source-profile", "lakemesh-source");
          } else {
            p.put("accounts." + id + ".profile", "lakemesh-" + id);
          }
        });
    p.put("accounts.sales.storage-root", "s3://sales-warehouse/lake/");
    // Lake Formation registers a location in another account's bucket only with a role of its own.
    for (String holder : List.of("governance", "retail-gov", "finance-gov")) {
      p.put(
          "accounts." + holder + ".registration-role-arn",
          "arn:aws:iam::" + ACCOUNTS.get(holder) + ":role/lakemesh-lf-locations");
    }
    return p;
  }

  public GlueGovernanceCatalog catalog() {
    return catalog(properties(), List.of());
  }

  public GlueGovernanceCatalog catalog(
      Map<String, String> properties, List<ExecutionInterceptor> interceptors) {
    GlueGovernanceCatalog catalog = new GlueGovernanceCatalog(interceptors);
    catalog.initialize("lakemesh", properties);
    return catalog;
  }

  @Override
  public void close() {
    aws.close();
  }
}
