package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.catalog.SupportsEventBus;
import io.lakemesh.catalog.SupportsEventDelivery;
import io.lakemesh.catalog.SupportsEvents;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.AuditCheckpoint;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditVerification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The governance catalog on AWS. Tables and resource links are Glue's; permissions and LF-tags are
 * Lake Formation's; cross-account shares are accepted through RAM; what AWS keeps no API for
 * (grants as lakemesh records them, access requests, quality runs, lineage, job runs, audit logs)
 * is kept as JSON lines in S3 ({@link AthenaTables}). Properties are described in {@link
 * AwsCatalogConfig}.
 *
 * <p>AWS offers no transaction across these services, so this catalog does not implement {@code
 * SupportsTransactions}. Where one action takes several calls they are ordered so that a failure
 * leaves a state a re-run converges from: AWS is changed before the record that describes it
 * (grants, revocations), a publish writes its quality and lineage records before the Glue table
 * (the commit point) and its run record last, and {@link #grantDrift} reports any grant on which
 * the record and Lake Formation disagree.
 *
 * <p>Its parts: {@link BaseGlueCatalog} (clients, product entries, runs, status), {@link
 * GlueAccessCatalog} (grants, filters, LF-tags, links, requests) and this class (events, audit
 * logs, the checks of {@code lakemesh doctor}).
 */
public class GlueGovernanceCatalog extends GlueAccessCatalog
    implements SupportsAudit, SupportsEvents, SupportsEventDelivery, SupportsEventBus {
  public GlueGovernanceCatalog() {
    this(List.of());
  }

  /** A catalog whose SDK clients also run these interceptors (metrics, request logging, tests). */
  public GlueGovernanceCatalog(List<ExecutionInterceptor> interceptors) {
    super(interceptors);
  }

  @Override
  public void initialize(String name, Map<String, String> properties) {
    wire(name, properties);
    seal.anchorUnkeyedLogs(this);
  }

  /**
   * What the accounts holding mesh entries need so that Lake Formation's grants decide on AWS (data
   * lake administrators, default permissions, cross-account version, IAM_ALLOWED_PRINCIPALS grants,
   * the catalog resource policy) and the policies a location registered across accounts needs, as
   * AWS is now; for {@code lakemesh doctor} and {@code aws setup}. Plain values (see {@link
   * SetupStep#toMap}), because the CLI reaches this backend by name.
   */
  public List<Map<String, Object>> lakeFormationSetup() {
    return setup.steps().stream().map(SetupStep::toMap).toList();
  }

  /** Makes the changes {@link #lakeFormationSetup} lists, then returns it read again. */
  public List<Map<String, Object>> applyLakeFormationSetup() {
    return setup.apply().stream().map(SetupStep::toMap).toList();
  }

  /**
   * Assumes the account's role with a session tag, as Iceberg's Lake Formation client factory does
   * for {@code lakeformation-enabled} accounts, for {@code lakemesh doctor}: the session's ARN, or
   * AWS's refusal (an access denial when the role's trust policy lacks sts:TagSession, "Pass
   * session tags in AWS STS"). A config error when the account assumes no role.
   */
  public String assumeRoleWithSessionTag(String account, String key, String value) {
    AwsAccount a = config.account(account);
    if (a.roleArn().isEmpty()) {
      throw new InvalidConfigException(
          a.key(AwsAccount.ROLE_ARN),
          "account "
              + account
              + ": Iceberg takes Lake Formation's credentials by assuming a role; set "
              + a.key(AwsAccount.ROLE_ARN));
    }
    return clients
        .call(a, "sts:AssumeRole", a.roleArn().get() + " tagged " + key)
        .run(() -> clients.assumeTagged(a, key, value));
  }

  /**
   * Who AWS takes an account's credentials for (STS GetCallerIdentity), for {@code lakemesh
   * doctor}: the caller's ARN. Fails naming the account and the call when the credentials are
   * missing or refused, and as a config error when they are another AWS account's.
   */
  public String callerIdentity(String account) {
    AwsAccount a = config.account(account);
    var identity =
        clients
            .call(a, "sts:GetCallerIdentity", "account " + account)
            .run(() -> clients.sts(a).getCallerIdentity());
    if (!a.awsAccountId().equals(identity.account())) {
      throw new InvalidConfigException(
          a.key(AwsAccount.AWS_ACCOUNT_ID),
          "account "
              + account
              + ": its credentials ("
              + a.credentialSource()
              + ") are "
              + identity.arn()
              + " of AWS account "
              + identity.account()
              + ", but it is configured as "
              + a.awsAccountId());
    }
    return identity.arn();
  }

  // ---- mesh events

  @Override
  public MeshEvent appendEvent(MeshEvent event) {
    return events.append(event);
  }

  @Override
  public List<MeshEvent> eventsAfter(long seq, int limit) {
    return events.after(seq, limit);
  }

  @Override
  public List<MeshEvent> tableEvents(TableId table, Set<MeshEvent.Kind> kinds, int limit) {
    return events.ofTable(table, kinds, limit);
  }

  // ---- event subscriptions and deliveries

  @Override
  public void putEvent(
      String busArn,
      String source,
      String detailType,
      String detail,
      Instant time,
      List<String> resources) {
    eventBridge.put(busArn, source, detailType, detail, time, resources);
  }

  @Override
  public EventSubscription addSubscription(EventSubscription draft) {
    return subscriptions.add(draft);
  }

  @Override
  public Optional<EventSubscription> findSubscription(long id) {
    return subscriptions.find(id);
  }

  @Override
  public List<EventSubscription> listSubscriptions() {
    return subscriptions.list();
  }

  @Override
  public boolean removeSubscription(long id) {
    return subscriptions.remove(id);
  }

  @Override
  public void advanceCursor(long id, long seq) {
    subscriptions.advance(id, seq);
  }

  @Override
  public void saveDelivery(EventDelivery delivery) {
    subscriptions.save(delivery);
  }

  @Override
  public List<EventDelivery> deliveries(long subscription, Set<EventDelivery.State> states) {
    return subscriptions.deliveries(subscription, states);
  }

  // ---- audit

  @Override
  public AuditEvent append(AuditEvent draft) {
    return audit.append(draft);
  }

  @Override
  public List<AuditEvent> auditEvents(AuditQuery query) {
    return audit.find(query);
  }

  @Override
  public List<AuditEvent> auditEventsFrom(String log, long seq) {
    return audit.from(log, seq);
  }

  @Override
  public List<String> auditLogs() {
    return audit.logs();
  }

  @Override
  public AuditVerification verifyAudit(String log) {
    return audit.verify(log);
  }

  @Override
  public List<AuditCheckpoint> checkpointAudit() {
    return seal.checkpoint(this);
  }

  /** The Athena DDL of the tables over this catalog's S3 records. */
  public String athenaDdl(String athenaDatabase) {
    return AthenaTables.ddl(athenaDatabase, config.recordsRoot());
  }

  @Override
  public void close() {
    if (clients != null) {
      try {
        checkpointAudit();
      } catch (RuntimeException e) {
        // Closing must free the clients whatever happens; the next checkpoint anchors the heads.
        System.err.println("lakemesh: audit checkpoint not written: " + e.getMessage());
      }
      clients.close();
      clients = null;
    }
  }
}
