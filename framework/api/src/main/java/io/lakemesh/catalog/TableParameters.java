package io.lakemesh.catalog;

/** Keys lakemesh writes into table parameters, shared by every backend (Glue included). */
public final class TableParameters {
  public static final String PRODUCT = "lakemesh.product";
  public static final String MAJOR_VERSION = "lakemesh.major_version";
  public static final String OWNER_TEAM = "lakemesh.owner.team";
  public static final String OWNER_CONTACT = "lakemesh.owner.contact";
  public static final String DESCRIPTION = "lakemesh.description";
  public static final String TAG_PREFIX = "lakemesh.tag.";
  public static final String SLA_FRESHNESS = "lakemesh.sla.freshness";
  public static final String SNAPSHOT_ID = "lakemesh.snapshot_id";
  public static final String ROW_COUNT = "lakemesh.row_count";
  public static final String RUN_ID = "lakemesh.run_id";
  public static final String PUBLISHED_AT = "lakemesh.published_at";
  public static final String QUALITY_STATUS = "lakemesh.quality.status";
  public static final String QUALITY_SUMMARY = "lakemesh.quality.summary";
  public static final String LINEAGE_INPUTS = "lakemesh.lineage.inputs";
  public static final String WRITE_MODE = "lakemesh.write_mode";

  /** Rows of the published batch its quarantine rules set aside (a count, never a value). */
  public static final String QUARANTINE_ROWS = "lakemesh.quarantine.rows";

  /** Rows set aside per quarantine rule, a JSON object of rule name to count. */
  public static final String QUARANTINE_RULES = "lakemesh.quarantine.rules";

  /** The fraction of the batch set aside, and the product's warning level for it. */
  public static final String QUARANTINE_FRACTION = "lakemesh.quarantine.fraction";

  public static final String QUARANTINE_WARNING = "lakemesh.quarantine.warning";

  private TableParameters() {}
}
