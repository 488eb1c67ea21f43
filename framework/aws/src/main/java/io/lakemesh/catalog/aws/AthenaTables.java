package io.lakemesh.catalog.aws;

import java.util.List;

/**
 * Where the records AWS keeps no API for live under {@code records.root}, and the Athena tables
 * that read them. Each record is one JSON object on one line; Athena reads every object under a
 * table's LOCATION, including the per-log and per-table folders, and never looks into {@code
 * _state/}.
 *
 * <pre>
 * ROOT/grants/grants.jsonl                              every grant as lakemesh recorded it
 * ROOT/access_requests/access_requests.jsonl            every access request and its state
 * ROOT/quality_runs/CATALOG/DATABASE/TABLE/RUN.json      one quality run (passed or failed)
 * ROOT/lineage_events/RUN.json                           one OpenLineage run event
 * ROOT/job_runs/RUN.json                                 one producer job run
 * ROOT/audit/LOG/SEQ.json                                audit event SEQ (20 digits) of LOG
 * ROOT/events/events.jsonl                              the mesh's event stream, in seq order
 * ROOT/product_status/PRODUCER.jsonl                    the last check and SLA state of its products
 * ROOT/_state/audit_heads/LOG.json                       the last append to LOG (not a table)
 * ROOT/_state/event_outbox/PRODUCER.jsonl               events a producer's job told (not a table)
 * </pre>
 *
 * RUN is the run id URL-encoded. The {@code .jsonl} objects are rewritten whole on every change
 * under an S3 conditional write (If-Match); audit events are created under If-None-Match and never
 * rewritten.
 */
public final class AthenaTables {
  static final String GRANTS = "grants/";
  static final String ACCESS_REQUESTS = "access_requests/";
  static final String QUALITY_RUNS = "quality_runs/";
  static final String LINEAGE_EVENTS = "lineage_events/";
  static final String JOB_RUNS = "job_runs/";
  static final String AUDIT = "audit/";
  static final String EVENTS = "events/";
  static final String PRODUCT_STATUS = "product_status/";
  static final String STATE = "_state/";

  private static final String RESOURCE =
      "struct<kind:string,catalog:string,database_name:string,table_name:string,"
          + "columns:array<string>,excluded_columns:array<string>,filter_name:string,"
          + "tag_expression:string,text:string>";

  private record Table(String name, String folder, List<String> columns) {}

  private static final List<Table> TABLES =
      List.of(
          new Table(
              "lakemesh_grants",
              GRANTS,
              List.of(
                  "id bigint",
                  "catalog string",
                  "grantee string",
                  "grantee_account string",
                  "resource " + RESOURCE,
                  "permissions array<string>",
                  "grantable array<string>",
                  "grantor string",
                  "authorisation string",
                  "granted_at string")),
          new Table(
              "lakemesh_access_requests",
              ACCESS_REQUESTS,
              List.of(
                  "id bigint",
                  "catalog string",
                  "requester string",
                  "requester_account string",
                  "resource " + RESOURCE,
                  "permissions array<string>",
                  "state string",
                  "granted " + RESOURCE,
                  "granted_permissions array<string>",
                  "reason string",
                  "decided_by string",
                  "created_at string",
                  "updated_at string",
                  "justification string")),
          new Table(
              "lakemesh_quality_runs",
              QUALITY_RUNS,
              List.of(
                  "run_id string",
                  "catalog string",
                  "database_name string",
                  "table_name string",
                  "snapshot_id bigint",
                  "`at` string",
                  "outcome string",
                  "metrics array<struct<entity:string,instance:string,name:string,value:double>>",
                  "constraints array<struct<rule:string,`constraint`:string,severity:string,"
                      + "status:string,message:string,"
                      + "measure:struct<value:double,reading:string,threshold:string>>>")),
          new Table(
              "lakemesh_lineage_events",
              LINEAGE_EVENTS,
              List.of(
                  "run_id string",
                  "job string",
                  "event_time string",
                  "inputs array<string>",
                  "outputs array<string>",
                  "document string")),
          new Table(
              "lakemesh_job_runs",
              JOB_RUNS,
              List.of(
                  "run_id string",
                  "product string",
                  "catalog string",
                  "database_name string",
                  "table_name string",
                  "status string",
                  "started_at string",
                  "ended_at string",
                  "snapshot_id bigint",
                  "message string",
                  "report string")),
          new Table(
              "lakemesh_audit_events",
              AUDIT,
              List.of(
                  "log string",
                  "seq bigint",
                  "actor string",
                  "acting_as string",
                  "action string",
                  "resource string",
                  "`before` string",
                  "`after` string",
                  "outcome string",
                  "reason string",
                  "`at` string",
                  "previous_hash string",
                  "hash string")),
          new Table(
              "lakemesh_events",
              EVENTS,
              List.of(
                  "seq bigint",
                  "id string",
                  "kind string",
                  "catalog string",
                  "database_name string",
                  "table_name string",
                  "account string",
                  "`at` string",
                  "data map<string,string>")),
          new Table(
              "lakemesh_product_status",
              PRODUCT_STATUS,
              List.of(
                  "catalog string",
                  "database_name string",
                  "table_name string",
                  "last_checked string",
                  "last_run string",
                  "sla string",
                  "sla_since string")));

  private AthenaTables() {}

  /**
   * The {@code CREATE EXTERNAL TABLE} statements for the records under {@code root}, one per record
   * kind, in the given Athena database.
   */
  public static String ddl(String database, S3Location root) {
    StringBuilder out = new StringBuilder();
    for (Table t : TABLES) {
      out.append("CREATE EXTERNAL TABLE IF NOT EXISTS ")
          .append(database)
          .append('.')
          .append(t.name())
          .append(" (\n  ")
          .append(String.join(",\n  ", t.columns()))
          .append("\n)\nROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'\n")
          .append("LOCATION '")
          .append(root.resolve(t.folder()))
          .append("';\n\n");
    }
    return out.toString();
  }
}
