package io.lakemesh.bench.catalog;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.Account;
import io.lakemesh.governance.AccountRole;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.SearchQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mesh the catalog benchmark fills, the same at every size: one governance account (central
 * topology), {@value #PRODUCERS} producers and {@value #CONSUMERS} consumer accounts with {@value
 * #MEMBERS} principals each besides their administrator. Product {@code i} and its grants are a
 * pure function of {@code i}, so every size and every run builds the same catalog.
 *
 * <p>Each product has {@value #COLUMN_COUNT} columns and ten grants: SELECT on the table to six
 * consumer principals, SELECT on four of its columns to three more, and one LF-tag policy grant
 * (tag expressions over {@code classification}, {@code region} and {@code tier}) in the product's
 * producer catalog. Its {@code domain}, {@code region} and {@code tier} are declared product tags
 * (LF-tag values at table level); {@code classification} is assigned to the table and, as {@code
 * secret}, to its PII column.
 */
final class ScaleMesh {
  static final int PRODUCERS = 10;
  static final int CONSUMERS = 20;
  static final int MEMBERS = 10;
  static final int GRANTEES = CONSUMERS * (MEMBERS + 1);
  static final int TABLE_GRANTS = 6;
  static final int COLUMN_GRANTS = 3;
  static final int GRANTS_PER_PRODUCT = TABLE_GRANTS + COLUMN_GRANTS + 1;
  static final int COLUMN_COUNT = 10;
  static final String GOVERNANCE = "governance";
  static final String PII_COLUMN = "customer_id";

  static final List<String> CLASSIFICATIONS = List.of("public", "internal", "restricted", "secret");
  static final List<String> REGIONS = List.of("eu", "us", "uk", "ch", "jp", "br", "in", "au");
  static final List<String> TIERS = List.of("gold", "silver", "bronze", "raw");
  // Policy expressions: classification and region, alone or with one of the first three tiers.
  static final int EXPRESSIONS = CLASSIFICATIONS.size() * REGIONS.size() * TIERS.size();

  /** Every policy grant is distinct up to this many products. */
  static final int MAX_PRODUCTS = GRANTEES * PRODUCERS * EXPRESSIONS;

  private static final List<String> NOUNS =
      List.of(
          "orders",
          "invoices",
          "shipments",
          "customers",
          "payments",
          "returns",
          "stock",
          "leads",
          "clicks",
          "tickets");
  private static final List<String> COLUMNS =
      List.of(
          "id",
          PII_COLUMN,
          "amount",
          "country",
          "status",
          "channel",
          "created_at",
          "updated_at",
          "score",
          "note");

  private ScaleMesh() {}

  static Mesh mesh() {
    List<Account> accounts = new ArrayList<>();
    accounts.add(account(GOVERNANCE, AccountRole.GOVERNANCE, "corporate", List.of()));
    for (int p = 0; p < PRODUCERS; p++) {
      accounts.add(account(producer(p), AccountRole.PRODUCER, "lob" + p % 3, List.of()));
    }
    List<String> members = new ArrayList<>();
    for (int m = 1; m <= MEMBERS; m++) {
      members.add("analyst" + m);
    }
    for (int c = 0; c < CONSUMERS; c++) {
      accounts.add(account(consumer(c), AccountRole.CONSUMER, "lob" + c % 3, members));
    }
    return Mesh.builder().topology(Topology.CENTRAL).accounts(accounts).build();
  }

  private static Account account(String id, AccountRole role, String lob, List<String> principals) {
    return Account.builder(id)
        .roles(role)
        .lob(lob)
        .storageRoot("warehouse/" + id)
        .principals(principals)
        .build();
  }

  static Principal governor() {
    return Principal.administrator(GOVERNANCE);
  }

  static String producer(int p) {
    return String.format("producer%02d", p);
  }

  static String consumer(int c) {
    return String.format("consumer%02d", c);
  }

  /** Grantee {@code g}: each consumer's administrator, then its analysts. */
  static Principal grantee(int g) {
    String account = consumer(g / (MEMBERS + 1));
    int member = g % (MEMBERS + 1);
    return member == 0
        ? Principal.administrator(account)
        : Principal.of(account, "analyst" + member);
  }

  static int producerOf(int product) {
    return product % PRODUCERS;
  }

  static Principal ownerOf(int product) {
    return Principal.administrator(producer(producerOf(product)));
  }

  static TableId table(int product) {
    String producer = producer(producerOf(product));
    String name = NOUNS.get(product / PRODUCERS % NOUNS.size()) + String.format("_%06d", product);
    return TableId.of(producer, producer, name);
  }

  static List<LfTag> tags() {
    List<String> domains = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      domains.add(producer(p));
    }
    return List.of(
        LfTag.of("domain", domains),
        LfTag.of("classification", CLASSIFICATIONS),
        LfTag.of("region", REGIONS),
        LfTag.of("tier", TIERS));
  }

  static String classification(int product) {
    return CLASSIFICATIONS.get(Math.floorMod(product * 7, CLASSIFICATIONS.size()));
  }

  /** Version {@code snapshot} of product {@code i}, as its producer's job publishes it. */
  static Publication publication(int product, long snapshot) {
    TableId id = table(product);
    Map<String, String> parameters = new TreeMap<>();
    parameters.put(TableParameters.PRODUCT, id.qualifiedName());
    parameters.put(TableParameters.DESCRIPTION, "The " + id.table() + " of " + id.catalog());
    parameters.put(TableParameters.OWNER_TEAM, id.catalog() + "-data");
    parameters.put(TableParameters.SNAPSHOT_ID, Long.toString(snapshot));
    parameters.put(TableParameters.QUALITY_STATUS, "PASSED");
    parameters.put(TableParameters.TAG_PREFIX + "domain", id.catalog());
    parameters.put(TableParameters.TAG_PREFIX + "region", REGIONS.get(product % REGIONS.size()));
    parameters.put(TableParameters.TAG_PREFIX + "tier", TIERS.get(product / 3 % TIERS.size()));
    List<Column> columns = new ArrayList<>();
    for (String c : COLUMNS) {
      String type =
          c.equals("amount") ? "decimal(12,2)" : c.endsWith("_at") ? "timestamp" : "string";
      columns.add(new Column(c, type, !c.equals("id"), "", c.equals(PII_COLUMN)));
    }
    CatalogTable table =
        new CatalogTable(
            id,
            columns,
            "file:/warehouse/" + id.catalog() + "/" + id.table(),
            "iceberg",
            List.of(),
            parameters,
            0,
            Instant.EPOCH);
    return new Publication(table, null, null, null);
  }

  /**
   * Search {@code r}: products named after one noun, in one region (a tag value); the first page,
   * as the CLI and the catalog server show it.
   */
  static SearchQuery search(int r) {
    return SearchQuery.text(NOUNS.get(r % NOUNS.size()))
        .withTag("region", REGIONS.get(r / NOUNS.size() % REGIONS.size()))
        .withLimit(SearchQuery.DEFAULT_PAGE);
  }

  /** A grant of product {@code i}: its grantee and resource; {@code k} counts from 0. */
  record PlannedGrant(Principal owner, Principal grantee, Resource resource) {}

  /**
   * Grant {@code k} (of {@value #GRANTS_PER_PRODUCT}) that the fill makes for product {@code i}:
   * table grants, then column grants, then the product's LF-tag policy grant. The table and column
   * grants of one product go to distinct principals.
   */
  static PlannedGrant grant(int product, int k) {
    TableId id = table(product);
    Principal owner = ownerOf(product);
    if (k < TABLE_GRANTS) {
      return new PlannedGrant(owner, directGrantee(product, k), Resource.table(id));
    }
    if (k < TABLE_GRANTS + COLUMN_GRANTS) {
      List<String> columns = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        columns.add(COLUMNS.get((k + 2 * c) % COLUMNS.size()));
      }
      return new PlannedGrant(owner, directGrantee(product, k), Resource.columns(id, columns));
    }
    return policy(product);
  }

  /** The principal holding direct grant {@code k < 9} of the product. */
  static Principal directGrantee(int product, int k) {
    // k * 22 is distinct modulo 220 for k < 10, so a product's grantees never repeat.
    return grantee(Math.floorMod(product * 13 + k * (GRANTEES / GRANTS_PER_PRODUCT), GRANTEES));
  }

  /**
   * Policy grant {@code j}: (grantee, producer) pairs first, then the expressions, so that no two
   * are the same grant.
   */
  private static PlannedGrant policy(int j) {
    int pair = j % (GRANTEES * PRODUCERS);
    int e = j / (GRANTEES * PRODUCERS);
    String producer = producer(pair / GRANTEES);
    String text =
        "classification="
            + CLASSIFICATIONS.get(e % CLASSIFICATIONS.size())
            + " AND region="
            + REGIONS.get(e / CLASSIFICATIONS.size() % REGIONS.size());
    int tier = e / (CLASSIFICATIONS.size() * REGIONS.size());
    if (tier > 0) {
      text += " AND tier=" + TIERS.get(tier - 1);
    }
    return new PlannedGrant(
        Principal.administrator(producer),
        grantee(pair % GRANTEES),
        Resource.tagPolicy(producer, TagExpression.parse(text)));
  }
}
