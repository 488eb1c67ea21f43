package io.lakemesh.catalog.aws;

import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whose credentials read or write a record. A producer writes what its own publishing produces with
 * its own credentials: its quality runs, lineage events and job runs, and the audit events of its
 * publishes, runs and quality gates in the log that records them (its holder's), and the checks its
 * runs stamp on its products' statuses ({@link S3ProductStatus}), and the events of its products in
 * its outbox ({@link S3Events}), so that its jobs never need the records account's. It reads with
 * its own credentials what its jobs read about its products, when the config is its own ({@code
 * acting-producer}): the job runs (a run id's owner is checked before a run writes under it, and
 * interrupted runs are closed) and its tables' quality runs (the history anomaly rules compare
 * with). Everything else (grants, access requests, the audit events of governance actions, and
 * every read in a config without a reader) is the records account's. {@link RecordsBucketPolicy}
 * lets each producer do exactly these in the records account's bucket.
 */
final class RecordAccess {
  /** The actions whose audit events the producer that acts appends itself. */
  static final Set<AuditAction> PRODUCER_ACTIONS =
      EnumSet.of(
          AuditAction.PUBLISH,
          AuditAction.SCHEMA_CHANGE,
          AuditAction.RECORD_RUN,
          AuditAction.RECORD_QUALITY);

  private final AwsNames names;
  private final S3Objects records;
  private final Map<String, S3Objects> producers = new ConcurrentHashMap<>();

  RecordAccess(AwsNames names, S3Objects records) {
    this.names = names;
    this.records = records;
  }

  /** The records account's view of the records. */
  S3Objects records() {
    return records;
  }

  /** The records as the producer of mesh catalog {@code catalog} writes them. */
  S3Objects producer(String catalog) {
    if (!names.config().accounts().containsKey(catalog)) {
      return records;
    }
    return producers.computeIfAbsent(catalog, c -> records.as(names.account(c)));
  }

  /** True when this config is {@code producer}'s own ({@code acting-producer}). */
  boolean actsAs(String producer) {
    return names.actsAs(producer);
  }

  /** The producer this config is the own of, if any. */
  Optional<String> actingProducer() {
    return names.config().actingProducer();
  }

  /**
   * Who reads the records of {@code producer}'s products: the producer when this config is its own
   * ({@code acting-producer}), the records account otherwise.
   */
  S3Objects reader(String producer) {
    return names.actsAs(producer) ? producer(producer) : records;
  }

  /**
   * Who reads the records whose layout names no producer (job runs, kept by run id): the acting
   * producer, else the records account.
   */
  S3Objects reader() {
    return names.config().actingProducer().map(this::producer).orElse(records);
  }

  /**
   * Who appends an audit event: the producer when it records its own action in the log of its
   * publishes (the log its holder keeps), the records account otherwise.
   */
  S3Objects of(AuditEvent draft) {
    String actor = draft.actor().account();
    boolean own =
        PRODUCER_ACTIONS.contains(draft.action())
            && names.config().accounts().containsKey(actor)
            && logOf(names, actor).equals(draft.log());
    return own ? producer(actor) : records;
  }

  /** The audit log of a producer's publishes: the one its holder keeps (the mesh's rule). */
  static String logOf(AwsNames names, String producer) {
    return names.holder(producer).id();
  }
}
