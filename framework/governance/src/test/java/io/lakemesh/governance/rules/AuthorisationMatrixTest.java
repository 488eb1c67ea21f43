package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.QuarantineTable;
import io.lakemesh.catalog.SupportsAccessRequests;
import io.lakemesh.catalog.SupportsDataFilters;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.SupportsLinks;
import io.lakemesh.catalog.SupportsTags;
import io.lakemesh.catalog.SupportsTransactions;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditEvent;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every role against every action on every kind of resource, in every topology, on the embedded
 * catalog. The expected outcomes are written out below, decided from DESIGN.md's rules, not
 * computed; each case runs on resources of its own (database {@code sales:cN}) so cases never see
 * each other's grants.
 *
 * <p>In every case, before the action: {@code sales} has published {@code sales:cN.orders}
 * (order_id, customer_id, amount, country), tagged its database {@code case=cN}, the table {@code
 * classification=internal} and column customer_id {@code classification=confidential}; the resource
 * R of the row's kind is the database, the table, the columns (order_id, amount), the LF-tag policy
 * {@code case=cN AND classification IN (internal,public)}, or the data filter {@code us_only} that
 * {@code sales} created on the table (rows {@code country = 'US'}, every column but customer_id);
 * {@code marketing} holds SELECT (and DESCRIBE, except on columns and filters) on R with grant
 * option. For governance-authorised, {@code sales} has granted the governance account the same on R
 * with grant option. Approve and deny act on a pending request of {@code finance} for R. Revoke
 * takes SELECT on R from {@code marketing:analyst}, which {@code marketing} re-granted to it.
 *
 * <p>The actions: grant SELECT on R to {@code marketing:analyst}; revoke as above; approve; deny;
 * query (SELECT check on {@code sales:cN.orders}); describe it; create a link to it (or to the
 * database) in the actor's own catalog; tag (assign {@code domain=sales} to the database, the table
 * or column amount (for the filter kind too); for the tag-policy kind, define a new LF-tag in the
 * catalog that holds sales' entries); publish a new version of the table; and for the filter kind
 * only: create another data filter on the table, drop R, and query after {@code sales} dropped R
 * (what its holders read then). A read through the filter must show its columns and keep only its
 * rows. Query-quarantine and describe-quarantine are the SELECT and DESCRIBE checks on the table's
 * quarantine table {@code sales:cN.orders__quarantine}, which no grant on R reaches: only the
 * producer and governance read it.
 *
 * <p>A decision is right when an allowed action succeeds (a read shows the expected columns) and is
 * audited as ALLOWED, and a refused one throws AccessDeniedException naming the principal, changes
 * nothing and is audited as REFUSED, both in the log that records sales' data.
 */
class AuthorisationMatrixTest extends RuleSuite {
  // The governance account is the one holding sales' entries: governance in central, retail-gov
  // in lob-federated. Federated has none, so "governance" there is an account outside the mesh.
  private static final String EXPECTED =
      """
      # role                 action            kind        central  lob-federated  federated
      owner                  grant             database    allow    allow          allow
      owner                  grant             table       allow    allow          allow
      owner                  grant             columns     allow    allow          allow
      owner                  grant             tag-policy  allow    allow          allow
      owner                  revoke            database    allow    allow          allow
      owner                  revoke            table       allow    allow          allow
      owner                  revoke            columns     allow    allow          allow
      owner                  revoke            tag-policy  allow    allow          allow
      owner                  approve           database    allow    allow          allow
      owner                  approve           table       allow    allow          allow
      owner                  approve           columns     allow    allow          allow
      owner                  approve           tag-policy  na       na             na
      owner                  deny              database    allow    allow          allow
      owner                  deny              table       allow    allow          allow
      owner                  deny              columns     allow    allow          allow
      owner                  deny              tag-policy  na       na             na
      owner                  query             database    allow    allow          allow
      owner                  query             table       allow    allow          allow
      owner                  query             columns     allow    allow          allow
      owner                  query             tag-policy  allow    allow          allow
      owner                  describe          database    allow    allow          allow
      owner                  describe          table       allow    allow          allow
      owner                  describe          columns     allow    allow          allow
      owner                  describe          tag-policy  allow    allow          allow
      owner                  create-link       database    allow    allow          allow
      owner                  create-link       table       allow    allow          allow
      owner                  create-link       columns     allow    allow          allow
      owner                  create-link       tag-policy  allow    allow          allow
      owner                  tag               database    allow    allow          allow
      owner                  tag               table       allow    allow          allow
      owner                  tag               columns     allow    allow          allow
      owner                  tag               tag-policy  deny     deny           allow
      owner                  publish           database    na       na             na
      owner                  publish           table       allow    allow          allow
      owner                  publish           columns     na       na             na
      owner                  publish           tag-policy  na       na             na
      owner                  grant             filter      allow    allow          allow
      owner                  revoke            filter      allow    allow          allow
      owner                  approve           filter      allow    allow          allow
      owner                  deny              filter      allow    allow          allow
      owner                  query             filter      allow    allow          allow
      owner                  describe          filter      allow    allow          allow
      owner                  create-link       filter      allow    allow          allow
      owner                  tag               filter      allow    allow          allow
      owner                  publish           filter      na       na             na
      owner                  create-filter     database    na       na             na
      owner                  create-filter     table       na       na             na
      owner                  create-filter     columns     na       na             na
      owner                  create-filter     tag-policy  na       na             na
      owner                  create-filter     filter      allow    allow          allow
      owner                  drop-filter       database    na       na             na
      owner                  drop-filter       table       na       na             na
      owner                  drop-filter       columns     na       na             na
      owner                  drop-filter       tag-policy  na       na             na
      owner                  drop-filter       filter      allow    allow          allow
      owner                  query-after-drop  database    na       na             na
      owner                  query-after-drop  table       na       na             na
      owner                  query-after-drop  columns     na       na             na
      owner                  query-after-drop  tag-policy  na       na             na
      owner                  query-after-drop  filter      allow    allow          allow
      other-producer         grant             database    deny     deny           deny
      other-producer         grant             table       deny     deny           deny
      other-producer         grant             columns     deny     deny           deny
      other-producer         grant             tag-policy  deny     deny           deny
      other-producer         revoke            database    deny     deny           deny
      other-producer         revoke            table       deny     deny           deny
      other-producer         revoke            columns     deny     deny           deny
      other-producer         revoke            tag-policy  deny     deny           deny
      other-producer         approve           database    deny     deny           deny
      other-producer         approve           table       deny     deny           deny
      other-producer         approve           columns     deny     deny           deny
      other-producer         approve           tag-policy  na       na             na
      other-producer         deny              database    deny     deny           deny
      other-producer         deny              table       deny     deny           deny
      other-producer         deny              columns     deny     deny           deny
      other-producer         deny              tag-policy  na       na             na
      other-producer         query             database    deny     deny           deny
      other-producer         query             table       deny     deny           deny
      other-producer         query             columns     deny     deny           deny
      other-producer         query             tag-policy  deny     deny           deny
      other-producer         describe          database    deny     deny           deny
      other-producer         describe          table       deny     deny           deny
      other-producer         describe          columns     deny     deny           deny
      other-producer         describe          tag-policy  deny     deny           deny
      other-producer         create-link       database    deny     deny           deny
      other-producer         create-link       table       deny     deny           deny
      other-producer         create-link       columns     deny     deny           deny
      other-producer         create-link       tag-policy  deny     deny           deny
      other-producer         tag               database    deny     deny           deny
      other-producer         tag               table       deny     deny           deny
      other-producer         tag               columns     deny     deny           deny
      other-producer         tag               tag-policy  deny     deny           deny
      other-producer         publish           database    na       na             na
      other-producer         publish           table       deny     deny           deny
      other-producer         publish           columns     na       na             na
      other-producer         publish           tag-policy  na       na             na
      other-producer         grant             filter      deny     deny           deny
      other-producer         revoke            filter      deny     deny           deny
      other-producer         approve           filter      deny     deny           deny
      other-producer         deny              filter      deny     deny           deny
      other-producer         query             filter      deny     deny           deny
      other-producer         describe          filter      deny     deny           deny
      other-producer         create-link       filter      deny     deny           deny
      other-producer         tag               filter      deny     deny           deny
      other-producer         publish           filter      na       na             na
      other-producer         create-filter     database    na       na             na
      other-producer         create-filter     table       na       na             na
      other-producer         create-filter     columns     na       na             na
      other-producer         create-filter     tag-policy  na       na             na
      other-producer         create-filter     filter      deny     deny           deny
      other-producer         drop-filter       database    na       na             na
      other-producer         drop-filter       table       na       na             na
      other-producer         drop-filter       columns     na       na             na
      other-producer         drop-filter       tag-policy  na       na             na
      other-producer         drop-filter       filter      deny     deny           deny
      other-producer         query-after-drop  database    na       na             na
      other-producer         query-after-drop  table       na       na             na
      other-producer         query-after-drop  columns     na       na             na
      other-producer         query-after-drop  tag-policy  na       na             na
      other-producer         query-after-drop  filter      deny     deny           deny
      governance             grant             database    deny     deny           deny
      governance             grant             table       deny     deny           deny
      governance             grant             columns     deny     deny           deny
      governance             grant             tag-policy  deny     deny           deny
      governance             revoke            database    deny     deny           deny
      governance             revoke            table       deny     deny           deny
      governance             revoke            columns     deny     deny           deny
      governance             revoke            tag-policy  deny     deny           deny
      governance             approve           database    deny     deny           deny
      governance             approve           table       deny     deny           deny
      governance             approve           columns     deny     deny           deny
      governance             approve           tag-policy  na       na             na
      governance             deny              database    deny     deny           deny
      governance             deny              table       deny     deny           deny
      governance             deny              columns     deny     deny           deny
      governance             deny              tag-policy  na       na             na
      governance             query             database    deny     deny           deny
      governance             query             table       deny     deny           deny
      governance             query             columns     deny     deny           deny
      governance             query             tag-policy  deny     deny           deny
      governance             describe          database    allow    allow          deny
      governance             describe          table       allow    allow          deny
      governance             describe          columns     allow    allow          deny
      governance             describe          tag-policy  allow    allow          deny
      governance             create-link       database    allow    allow          deny
      governance             create-link       table       allow    allow          deny
      governance             create-link       columns     allow    allow          deny
      governance             create-link       tag-policy  allow    allow          deny
      governance             tag               database    deny     deny           deny
      governance             tag               table       deny     deny           deny
      governance             tag               columns     deny     deny           deny
      governance             tag               tag-policy  allow    allow          deny
      governance             publish           database    na       na             na
      governance             publish           table       deny     deny           deny
      governance             publish           columns     na       na             na
      governance             publish           tag-policy  na       na             na
      governance             grant             filter      deny     deny           deny
      governance             revoke            filter      deny     deny           deny
      governance             approve           filter      deny     deny           deny
      governance             deny              filter      deny     deny           deny
      governance             query             filter      deny     deny           deny
      governance             describe          filter      allow    allow          deny
      governance             create-link       filter      allow    allow          deny
      governance             tag               filter      deny     deny           deny
      governance             publish           filter      na       na             na
      governance             create-filter     database    na       na             na
      governance             create-filter     table       na       na             na
      governance             create-filter     columns     na       na             na
      governance             create-filter     tag-policy  na       na             na
      governance             create-filter     filter      allow    allow          deny
      governance             drop-filter       database    na       na             na
      governance             drop-filter       table       na       na             na
      governance             drop-filter       columns     na       na             na
      governance             drop-filter       tag-policy  na       na             na
      governance             drop-filter       filter      allow    allow          deny
      governance             query-after-drop  database    na       na             na
      governance             query-after-drop  table       na       na             na
      governance             query-after-drop  columns     na       na             na
      governance             query-after-drop  tag-policy  na       na             na
      governance             query-after-drop  filter      deny     deny           deny
      governance-authorised  grant             database    allow    allow          deny
      governance-authorised  grant             table       allow    allow          deny
      governance-authorised  grant             columns     allow    allow          deny
      governance-authorised  grant             tag-policy  allow    allow          deny
      governance-authorised  revoke            database    deny     deny           deny
      governance-authorised  revoke            table       deny     deny           deny
      governance-authorised  revoke            columns     deny     deny           deny
      governance-authorised  revoke            tag-policy  deny     deny           deny
      governance-authorised  approve           database    deny     deny           deny
      governance-authorised  approve           table       deny     deny           deny
      governance-authorised  approve           columns     deny     deny           deny
      governance-authorised  approve           tag-policy  na       na             na
      governance-authorised  deny              database    deny     deny           deny
      governance-authorised  deny              table       deny     deny           deny
      governance-authorised  deny              columns     deny     deny           deny
      governance-authorised  deny              tag-policy  na       na             na
      governance-authorised  query             database    allow    allow          deny
      governance-authorised  query             table       allow    allow          deny
      governance-authorised  query             columns     allow    allow          deny
      governance-authorised  query             tag-policy  allow    allow          deny
      governance-authorised  describe          database    allow    allow          deny
      governance-authorised  describe          table       allow    allow          deny
      governance-authorised  describe          columns     allow    allow          deny
      governance-authorised  describe          tag-policy  allow    allow          deny
      governance-authorised  create-link       database    allow    allow          deny
      governance-authorised  create-link       table       allow    allow          deny
      governance-authorised  create-link       columns     allow    allow          deny
      governance-authorised  create-link       tag-policy  allow    allow          deny
      governance-authorised  tag               database    deny     deny           deny
      governance-authorised  tag               table       deny     deny           deny
      governance-authorised  tag               columns     deny     deny           deny
      governance-authorised  tag               tag-policy  allow    allow          deny
      governance-authorised  publish           database    na       na             na
      governance-authorised  publish           table       deny     deny           deny
      governance-authorised  publish           columns     na       na             na
      governance-authorised  publish           tag-policy  na       na             na
      governance-authorised  grant             filter      allow    allow          deny
      governance-authorised  revoke            filter      deny     deny           deny
      governance-authorised  approve           filter      deny     deny           deny
      governance-authorised  deny              filter      deny     deny           deny
      governance-authorised  query             filter      allow    allow          deny
      governance-authorised  describe          filter      allow    allow          deny
      governance-authorised  create-link       filter      allow    allow          deny
      governance-authorised  tag               filter      deny     deny           deny
      governance-authorised  publish           filter      na       na             na
      governance-authorised  create-filter     database    na       na             na
      governance-authorised  create-filter     table       na       na             na
      governance-authorised  create-filter     columns     na       na             na
      governance-authorised  create-filter     tag-policy  na       na             na
      governance-authorised  create-filter     filter      allow    allow          deny
      governance-authorised  drop-filter       database    na       na             na
      governance-authorised  drop-filter       table       na       na             na
      governance-authorised  drop-filter       columns     na       na             na
      governance-authorised  drop-filter       tag-policy  na       na             na
      governance-authorised  drop-filter       filter      allow    allow          deny
      governance-authorised  query-after-drop  database    na       na             na
      governance-authorised  query-after-drop  table       na       na             na
      governance-authorised  query-after-drop  columns     na       na             na
      governance-authorised  query-after-drop  tag-policy  na       na             na
      governance-authorised  query-after-drop  filter      deny     deny           deny
      consumer-admin         grant             database    allow    allow          allow
      consumer-admin         grant             table       allow    allow          allow
      consumer-admin         grant             columns     allow    allow          allow
      consumer-admin         grant             tag-policy  allow    allow          allow
      consumer-admin         revoke            database    allow    allow          allow
      consumer-admin         revoke            table       allow    allow          allow
      consumer-admin         revoke            columns     allow    allow          allow
      consumer-admin         revoke            tag-policy  allow    allow          allow
      consumer-admin         approve           database    deny     deny           deny
      consumer-admin         approve           table       deny     deny           deny
      consumer-admin         approve           columns     deny     deny           deny
      consumer-admin         approve           tag-policy  na       na             na
      consumer-admin         deny              database    deny     deny           deny
      consumer-admin         deny              table       deny     deny           deny
      consumer-admin         deny              columns     deny     deny           deny
      consumer-admin         deny              tag-policy  na       na             na
      consumer-admin         query             database    allow    allow          allow
      consumer-admin         query             table       allow    allow          allow
      consumer-admin         query             columns     allow    allow          allow
      consumer-admin         query             tag-policy  allow    allow          allow
      consumer-admin         describe          database    allow    allow          allow
      consumer-admin         describe          table       allow    allow          allow
      consumer-admin         describe          columns     allow    allow          allow
      consumer-admin         describe          tag-policy  allow    allow          allow
      consumer-admin         create-link       database    allow    allow          allow
      consumer-admin         create-link       table       allow    allow          allow
      consumer-admin         create-link       columns     allow    allow          allow
      consumer-admin         create-link       tag-policy  allow    allow          allow
      consumer-admin         tag               database    deny     deny           deny
      consumer-admin         tag               table       deny     deny           deny
      consumer-admin         tag               columns     deny     deny           deny
      consumer-admin         tag               tag-policy  deny     deny           deny
      consumer-admin         publish           database    na       na             na
      consumer-admin         publish           table       deny     deny           deny
      consumer-admin         publish           columns     na       na             na
      consumer-admin         publish           tag-policy  na       na             na
      consumer-admin         grant             filter      allow    allow          allow
      consumer-admin         revoke            filter      allow    allow          allow
      consumer-admin         approve           filter      deny     deny           deny
      consumer-admin         deny              filter      deny     deny           deny
      consumer-admin         query             filter      allow    allow          allow
      consumer-admin         describe          filter      allow    allow          allow
      consumer-admin         create-link       filter      allow    allow          allow
      consumer-admin         tag               filter      deny     deny           deny
      consumer-admin         publish           filter      na       na             na
      consumer-admin         create-filter     database    na       na             na
      consumer-admin         create-filter     table       na       na             na
      consumer-admin         create-filter     columns     na       na             na
      consumer-admin         create-filter     tag-policy  na       na             na
      consumer-admin         create-filter     filter      deny     deny           deny
      consumer-admin         drop-filter       database    na       na             na
      consumer-admin         drop-filter       table       na       na             na
      consumer-admin         drop-filter       columns     na       na             na
      consumer-admin         drop-filter       tag-policy  na       na             na
      consumer-admin         drop-filter       filter      deny     deny           deny
      consumer-admin         query-after-drop  database    na       na             na
      consumer-admin         query-after-drop  table       na       na             na
      consumer-admin         query-after-drop  columns     na       na             na
      consumer-admin         query-after-drop  tag-policy  na       na             na
      consumer-admin         query-after-drop  filter      deny     deny           deny
      consumer-principal     grant             database    deny     deny           deny
      consumer-principal     grant             table       deny     deny           deny
      consumer-principal     grant             columns     deny     deny           deny
      consumer-principal     grant             tag-policy  deny     deny           deny
      consumer-principal     revoke            database    deny     deny           deny
      consumer-principal     revoke            table       deny     deny           deny
      consumer-principal     revoke            columns     deny     deny           deny
      consumer-principal     revoke            tag-policy  deny     deny           deny
      consumer-principal     approve           database    deny     deny           deny
      consumer-principal     approve           table       deny     deny           deny
      consumer-principal     approve           columns     deny     deny           deny
      consumer-principal     approve           tag-policy  na       na             na
      consumer-principal     deny              database    deny     deny           deny
      consumer-principal     deny              table       deny     deny           deny
      consumer-principal     deny              columns     deny     deny           deny
      consumer-principal     deny              tag-policy  na       na             na
      consumer-principal     query             database    deny     deny           deny
      consumer-principal     query             table       deny     deny           deny
      consumer-principal     query             columns     deny     deny           deny
      consumer-principal     query             tag-policy  deny     deny           deny
      consumer-principal     describe          database    deny     deny           deny
      consumer-principal     describe          table       deny     deny           deny
      consumer-principal     describe          columns     deny     deny           deny
      consumer-principal     describe          tag-policy  deny     deny           deny
      consumer-principal     create-link       database    deny     deny           deny
      consumer-principal     create-link       table       deny     deny           deny
      consumer-principal     create-link       columns     deny     deny           deny
      consumer-principal     create-link       tag-policy  deny     deny           deny
      consumer-principal     tag               database    deny     deny           deny
      consumer-principal     tag               table       deny     deny           deny
      consumer-principal     tag               columns     deny     deny           deny
      consumer-principal     tag               tag-policy  deny     deny           deny
      consumer-principal     publish           database    na       na             na
      consumer-principal     publish           table       deny     deny           deny
      consumer-principal     publish           columns     na       na             na
      consumer-principal     publish           tag-policy  na       na             na
      consumer-principal     grant             filter      deny     deny           deny
      consumer-principal     revoke            filter      deny     deny           deny
      consumer-principal     approve           filter      deny     deny           deny
      consumer-principal     deny              filter      deny     deny           deny
      consumer-principal     query             filter      deny     deny           deny
      consumer-principal     describe          filter      deny     deny           deny
      consumer-principal     create-link       filter      deny     deny           deny
      consumer-principal     tag               filter      deny     deny           deny
      consumer-principal     publish           filter      na       na             na
      consumer-principal     create-filter     database    na       na             na
      consumer-principal     create-filter     table       na       na             na
      consumer-principal     create-filter     columns     na       na             na
      consumer-principal     create-filter     tag-policy  na       na             na
      consumer-principal     create-filter     filter      deny     deny           deny
      consumer-principal     drop-filter       database    na       na             na
      consumer-principal     drop-filter       table       na       na             na
      consumer-principal     drop-filter       columns     na       na             na
      consumer-principal     drop-filter       tag-policy  na       na             na
      consumer-principal     drop-filter       filter      deny     deny           deny
      consumer-principal     query-after-drop  database    na       na             na
      consumer-principal     query-after-drop  table       na       na             na
      consumer-principal     query-after-drop  columns     na       na             na
      consumer-principal     query-after-drop  tag-policy  na       na             na
      consumer-principal     query-after-drop  filter      deny     deny           deny
      unknown                grant             database    deny     deny           deny
      unknown                grant             table       deny     deny           deny
      unknown                grant             columns     deny     deny           deny
      unknown                grant             tag-policy  deny     deny           deny
      unknown                revoke            database    deny     deny           deny
      unknown                revoke            table       deny     deny           deny
      unknown                revoke            columns     deny     deny           deny
      unknown                revoke            tag-policy  deny     deny           deny
      unknown                approve           database    deny     deny           deny
      unknown                approve           table       deny     deny           deny
      unknown                approve           columns     deny     deny           deny
      unknown                approve           tag-policy  na       na             na
      unknown                deny              database    deny     deny           deny
      unknown                deny              table       deny     deny           deny
      unknown                deny              columns     deny     deny           deny
      unknown                deny              tag-policy  na       na             na
      unknown                query             database    deny     deny           deny
      unknown                query             table       deny     deny           deny
      unknown                query             columns     deny     deny           deny
      unknown                query             tag-policy  deny     deny           deny
      unknown                describe          database    deny     deny           deny
      unknown                describe          table       deny     deny           deny
      unknown                describe          columns     deny     deny           deny
      unknown                describe          tag-policy  deny     deny           deny
      unknown                create-link       database    deny     deny           deny
      unknown                create-link       table       deny     deny           deny
      unknown                create-link       columns     deny     deny           deny
      unknown                create-link       tag-policy  deny     deny           deny
      unknown                tag               database    deny     deny           deny
      unknown                tag               table       deny     deny           deny
      unknown                tag               columns     deny     deny           deny
      unknown                tag               tag-policy  deny     deny           deny
      unknown                publish           database    na       na             na
      unknown                publish           table       deny     deny           deny
      unknown                publish           columns     na       na             na
      unknown                publish           tag-policy  na       na             na
      unknown                grant             filter      deny     deny           deny
      unknown                revoke            filter      deny     deny           deny
      unknown                approve           filter      deny     deny           deny
      unknown                deny              filter      deny     deny           deny
      unknown                query             filter      deny     deny           deny
      unknown                describe          filter      deny     deny           deny
      unknown                create-link       filter      deny     deny           deny
      unknown                tag               filter      deny     deny           deny
      unknown                publish           filter      na       na             na
      unknown                create-filter     database    na       na             na
      unknown                create-filter     table       na       na             na
      unknown                create-filter     columns     na       na             na
      unknown                create-filter     tag-policy  na       na             na
      unknown                create-filter     filter      deny     deny           deny
      unknown                drop-filter       database    na       na             na
      unknown                drop-filter       table       na       na             na
      unknown                drop-filter       columns     na       na             na
      unknown                drop-filter       tag-policy  na       na             na
      unknown                drop-filter       filter      deny     deny           deny
      unknown                query-after-drop  database    na       na             na
      unknown                query-after-drop  table       na       na             na
      unknown                query-after-drop  columns     na       na             na
      unknown                query-after-drop  tag-policy  na       na             na
      unknown                query-after-drop  filter      deny     deny           deny
      owner                  query-quarantine  database    allow    allow          allow
      owner                  query-quarantine  table       allow    allow          allow
      owner                  query-quarantine  columns     allow    allow          allow
      owner                  query-quarantine  tag-policy  allow    allow          allow
      owner                  query-quarantine  filter      allow    allow          allow
      owner                  describe-quarantine database    allow    allow          allow
      owner                  describe-quarantine table       allow    allow          allow
      owner                  describe-quarantine columns     allow    allow          allow
      owner                  describe-quarantine tag-policy  allow    allow          allow
      owner                  describe-quarantine filter      allow    allow          allow
      other-producer         query-quarantine  database    deny     deny           deny
      other-producer         query-quarantine  table       deny     deny           deny
      other-producer         query-quarantine  columns     deny     deny           deny
      other-producer         query-quarantine  tag-policy  deny     deny           deny
      other-producer         query-quarantine  filter      deny     deny           deny
      other-producer         describe-quarantine database    deny     deny           deny
      other-producer         describe-quarantine table       deny     deny           deny
      other-producer         describe-quarantine columns     deny     deny           deny
      other-producer         describe-quarantine tag-policy  deny     deny           deny
      other-producer         describe-quarantine filter      deny     deny           deny
      governance             query-quarantine  database    allow    allow          deny
      governance             query-quarantine  table       allow    allow          deny
      governance             query-quarantine  columns     allow    allow          deny
      governance             query-quarantine  tag-policy  allow    allow          deny
      governance             query-quarantine  filter      allow    allow          deny
      governance             describe-quarantine database    allow    allow          deny
      governance             describe-quarantine table       allow    allow          deny
      governance             describe-quarantine columns     allow    allow          deny
      governance             describe-quarantine tag-policy  allow    allow          deny
      governance             describe-quarantine filter      allow    allow          deny
      governance-authorised  query-quarantine  database    allow    allow          deny
      governance-authorised  query-quarantine  table       allow    allow          deny
      governance-authorised  query-quarantine  columns     allow    allow          deny
      governance-authorised  query-quarantine  tag-policy  allow    allow          deny
      governance-authorised  query-quarantine  filter      allow    allow          deny
      governance-authorised  describe-quarantine database    allow    allow          deny
      governance-authorised  describe-quarantine table       allow    allow          deny
      governance-authorised  describe-quarantine columns     allow    allow          deny
      governance-authorised  describe-quarantine tag-policy  allow    allow          deny
      governance-authorised  describe-quarantine filter      allow    allow          deny
      consumer-admin         query-quarantine  database    deny     deny           deny
      consumer-admin         query-quarantine  table       deny     deny           deny
      consumer-admin         query-quarantine  columns     deny     deny           deny
      consumer-admin         query-quarantine  tag-policy  deny     deny           deny
      consumer-admin         query-quarantine  filter      deny     deny           deny
      consumer-admin         describe-quarantine database    deny     deny           deny
      consumer-admin         describe-quarantine table       deny     deny           deny
      consumer-admin         describe-quarantine columns     deny     deny           deny
      consumer-admin         describe-quarantine tag-policy  deny     deny           deny
      consumer-admin         describe-quarantine filter      deny     deny           deny
      consumer-principal     query-quarantine  database    deny     deny           deny
      consumer-principal     query-quarantine  table       deny     deny           deny
      consumer-principal     query-quarantine  columns     deny     deny           deny
      consumer-principal     query-quarantine  tag-policy  deny     deny           deny
      consumer-principal     query-quarantine  filter      deny     deny           deny
      consumer-principal     describe-quarantine database    deny     deny           deny
      consumer-principal     describe-quarantine table       deny     deny           deny
      consumer-principal     describe-quarantine columns     deny     deny           deny
      consumer-principal     describe-quarantine tag-policy  deny     deny           deny
      consumer-principal     describe-quarantine filter      deny     deny           deny
      unknown                query-quarantine  database    deny     deny           deny
      unknown                query-quarantine  table       deny     deny           deny
      unknown                query-quarantine  columns     deny     deny           deny
      unknown                query-quarantine  tag-policy  deny     deny           deny
      unknown                query-quarantine  filter      deny     deny           deny
      unknown                describe-quarantine database    deny     deny           deny
      unknown                describe-quarantine table       deny     deny           deny
      unknown                describe-quarantine columns     deny     deny           deny
      unknown                describe-quarantine tag-policy  deny     deny           deny
      unknown                describe-quarantine filter      deny     deny           deny
      """;

  // What the producer and governance read of the quarantine table: the product's columns, then
  // the run, the rules broken and the time each row was set aside.
  private static final List<String> QUARANTINE_COLUMNS =
      List.of(
          "order_id", "customer_id", "amount", "country", "_run_id", "_rules", "_quarantined_at");

  // The data filter R of the filter kind: the US rows, every column but customer_id.
  private static final String FILTER_NAME = "us_only";

  enum Role {
    OWNER,
    OTHER_PRODUCER,
    GOVERNANCE,
    GOVERNANCE_AUTHORISED,
    CONSUMER_ADMIN,
    CONSUMER_PRINCIPAL,
    UNKNOWN
  }

  enum Action {
    GRANT,
    REVOKE,
    APPROVE,
    DENY,
    QUERY,
    DESCRIBE,
    CREATE_LINK,
    TAG,
    PUBLISH,
    CREATE_FILTER,
    DROP_FILTER,
    QUERY_AFTER_DROP,
    QUERY_QUARANTINE,
    DESCRIBE_QUARANTINE
  }

  enum Kind {
    DATABASE,
    TABLE,
    COLUMNS,
    TAG_POLICY,
    FILTER
  }

  enum Outcome {
    ALLOW,
    DENY,
    NA
  }

  record Row(Role role, Action action, Kind kind, Map<Topology, Outcome> expected) {}

  /**
   * The rules each action is sent to: in process here; the catalog server's tests send every action
   * over HTTP with the actor's token. Cases are arranged in process either way.
   */
  GovernanceService service(MeshWorld world) {
    return world.governance;
  }

  /** How the actions reach the rules, for the printed summary. */
  String transport() {
    return "in process";
  }

  @Test
  void everyRoleActionResourceKindAndTopologyIsDecidedAsTheTableSays() {
    List<Row> rows = parse(EXPECTED);
    assertThat(rows).hasSize(Role.values().length * Action.values().length * Kind.values().length);
    int cases = 0;
    int right = 0;
    List<String> wrong = new ArrayList<>();
    for (Topology topology : Topology.values()) {
      try (MeshWorld world = open(topology)) {
        world.defineSalesTags();
        world.governance.createTag(
            Principal.administrator(world.salesTagCatalog()),
            world.salesTagCatalog(),
            LfTag.of(
                "case", IntStream.rangeClosed(1, rows.size()).mapToObj(i -> "c" + i).toList()));
        int n = 0;
        for (Row row : rows) {
          n++;
          Outcome expected = row.expected().get(topology);
          if (expected == Outcome.NA) {
            continue;
          }
          cases++;
          String problem = new Case(world, service(world), n, row).run(expected);
          if (problem == null) {
            right++;
          } else {
            wrong.add(
                topology.configName()
                    + " "
                    + row.role()
                    + " "
                    + row.action()
                    + " "
                    + row.kind()
                    + ": "
                    + problem);
          }
        }
      }
    }
    System.out.printf(
        "authorisation matrix of %s (%s): %d roles x %d actions x %d resource kinds x %d topologies = %d"
            + " cells, %d applicable cases, %d decided right, %d wrong%n",
        getClass().getSimpleName(),
        transport(),
        Role.values().length,
        Action.values().length,
        Kind.values().length,
        Topology.values().length,
        rows.size() * Topology.values().length,
        cases,
        right,
        wrong.size());
    wrong.forEach(w -> System.out.println("  WRONG " + w));
    assertThat(wrong).isEmpty();
    assertThat(right).isEqualTo(cases).isEqualTo(1092);
  }

  /** One row in one topology, on resources of its own. */
  private static final class Case {
    private final MeshWorld world;
    private final Governance g;
    private final GovernanceService acting;
    private final Row row;
    private final TableId table;
    private final DatabaseId database;
    private final Resource resource;
    private final Principal actor;
    private final String log;
    private long request;

    Case(MeshWorld world, GovernanceService acting, int n, Row row) {
      this.world = world;
      this.g = world.governance;
      this.acting = acting;
      this.row = row;
      this.table = TableId.of("sales", "c" + n, "orders");
      this.database = table.databaseId();
      this.resource = resource(row.kind(), table, n);
      this.actor = actor(row.role(), world);
      this.log = world.mesh.auditLogOf("sales");
    }

    /** Null when the decision is right, else what is wrong. */
    String run(Outcome expected) {
      arrange();
      long before = world.lastSeq(log);
      BooleanSupplier unchanged = unchangedProbe();
      RuntimeException failure = null;
      List<String> columns = null;
      try {
        columns = act();
      } catch (RuntimeException e) {
        failure = e;
      }
      List<AuditEvent> added = world.eventsAfter(log, before);
      if (expected == Outcome.ALLOW) {
        if (failure != null) {
          return "expected ALLOW, refused: " + failure;
        }
        if (columns != null && !columns.equals(expectedColumns())) {
          return "allowed, but shows columns " + columns + " instead of " + expectedColumns();
        }
        if (changesState()
            && added.stream().noneMatch(e -> !e.refused() && e.actor().equals(actor))) {
          return "allowed, but not audited in log " + log;
        }
        return null;
      }
      if (!(failure instanceof AccessDeniedException)) {
        return "expected DENY (AccessDeniedException), got "
            + (failure == null ? "success" : failure);
      }
      if (!failure.getMessage().contains(actor.toString())) {
        return "refusal does not name the principal: " + failure.getMessage();
      }
      if (!unchanged.getAsBoolean()) {
        return "refused, but something changed";
      }
      if (added.stream().noneMatch(e -> e.refused() && e.actor().equals(actor))) {
        return "refused, but not audited in log " + log;
      }
      return null;
    }

    /** In one transaction where the backend has them (it is faster), call by call otherwise. */
    private void arrange() {
      if (world.catalog instanceof SupportsTransactions tx) {
        tx.inTransaction(
            () -> {
              arrangeInOneUnit();
              return null;
            });
      } else {
        arrangeInOneUnit();
      }
    }

    private void arrangeInOneUnit() {
      world.publish(table);
      g.assignTag(SALES, TagTarget.database(database), "case", database.database());
      g.assignTag(SALES, TagTarget.table(table), "classification", "internal");
      g.assignTag(SALES, TagTarget.column(table, "customer_id"), "classification", "confidential");
      if (row.kind() == Kind.FILTER) {
        g.createFilter(
            SALES,
            new DataFilter(
                table, FILTER_NAME, "country = 'US'", List.of(), List.of("customer_id")));
      }
      Set<Permission> held = permissions();
      g.grant(SALES, MARKETING, resource, held, held);
      if (row.role() == Role.GOVERNANCE_AUTHORISED && world.topology != Topology.FEDERATED) {
        g.grant(SALES, world.governor(), resource, held, held);
      }
      if (row.action() == Action.APPROVE || row.action() == Action.DENY) {
        request = g.requestAccess(FINANCE, resource, Set.of(Permission.SELECT)).id();
      }
      if (row.action() == Action.REVOKE) {
        g.grant(MARKETING, ANALYST, resource, Set.of(Permission.SELECT));
      }
    }

    /** Performs the action as the actor; returns the columns shown by a read. */
    private List<String> act() {
      switch (row.action()) {
        case GRANT -> acting.grant(actor, ANALYST, resource, Set.of(Permission.SELECT));
        case REVOKE -> acting.revoke(actor, ANALYST, resource, Set.of(Permission.SELECT));
        case APPROVE -> acting.approve(actor, request);
        case DENY -> acting.deny(actor, request, "not for finance");
        case QUERY -> {
          return shown(acting.checkSelect(actor, table));
        }
        case CREATE_FILTER -> acting.createFilter(actor, newFilter());
        case DROP_FILTER -> acting.dropFilter(actor, table, FILTER_NAME);
        case QUERY_AFTER_DROP -> {
          g.dropFilter(SALES, table, FILTER_NAME);
          return shown(acting.checkSelect(actor, table));
        }
        case DESCRIBE -> acting.describe(actor, table);
        case QUERY_QUARANTINE -> {
          return shown(acting.checkSelect(actor, QuarantineTable.of(table)));
        }
        case DESCRIBE_QUARANTINE -> acting.describe(actor, QuarantineTable.of(table));
        case CREATE_LINK -> acting.createLink(actor, link());
        case TAG -> tag();
        case PUBLISH ->
            acting.publish(actor, world.publication(table, MeshWorld.ORDER_COLUMNS, Map.of()));
      }
      return null;
    }

    /** What a read shows: its columns, and the rows it keeps when not all. */
    private static List<String> shown(AccessDecision read) {
      List<String> shown = new ArrayList<>(read.visibleColumnNames());
      read.rowFilter().ifPresent(rows -> shown.add("rows where " + rows));
      return shown;
    }

    private DataFilter newFilter() {
      return new DataFilter(table, "big", "amount > 100", null, null);
    }

    private void tag() {
      switch (row.kind()) {
        case DATABASE -> acting.assignTag(actor, TagTarget.database(database), "domain", "sales");
        case TABLE -> acting.assignTag(actor, TagTarget.table(table), "domain", "sales");
        case COLUMNS, FILTER ->
            acting.assignTag(actor, TagTarget.column(table, "amount"), "domain", "sales");
        case TAG_POLICY ->
            acting.createTag(actor, world.salesTagCatalog(), LfTag.of(newTagKey(), "yes", "no"));
      }
    }

    private ResourceLink link() {
      String name = database.database() + "_link";
      return row.kind() == Kind.DATABASE
          ? new ResourceLink.DatabaseLink(DatabaseId.of(actor.account(), name), database)
          : new ResourceLink.TableLink(TableId.of(actor.account(), name, "orders"), table);
    }

    /** What must still hold after a refusal. */
    private BooleanSupplier unchangedProbe() {
      SupportsTags tags = (SupportsTags) world.catalog;
      SupportsLinks links = (SupportsLinks) world.catalog;
      SupportsDataFilters filters = (SupportsDataFilters) world.catalog;
      String linkName = actor.account() + ":" + database.database() + "_link";
      return switch (row.action()) {
        case GRANT -> () -> analystGrant().isEmpty();
        case REVOKE -> () -> analystGrant().isPresent();
        case APPROVE, DENY -> () -> state() == AccessRequest.State.PENDING;
        case QUERY, DESCRIBE, QUERY_AFTER_DROP, QUERY_QUARANTINE, DESCRIBE_QUARANTINE -> () -> true;
        case CREATE_FILTER -> () -> filters.findFilter(table, newFilter().name()).isEmpty();
        case DROP_FILTER -> () -> filters.findFilter(table, FILTER_NAME).isPresent();
        case CREATE_LINK -> () -> noLinkNamed(links, linkName);
        case TAG ->
            row.kind() == Kind.TAG_POLICY
                ? () -> tags.findTag(world.salesTagCatalog(), newTagKey()).isEmpty()
                : () ->
                    tags.tagsOf(table).stream().map(TagAssignment::key).noneMatch("domain"::equals);
        case PUBLISH -> () -> world.catalog.loadTable(table).version() == 1;
      };
    }

    private boolean noLinkNamed(SupportsLinks links, String name) {
      try {
        return links.listLinks(actor.account()).stream().noneMatch(l -> l.name().startsWith(name));
      } catch (InvalidConfigException e) {
        // The backend has no catalog for the account (on AWS, no AWS account is configured for
        // it), so no link can have been created there.
        return true;
      }
    }

    private Optional<Grant> analystGrant() {
      return ((SupportsGrants) world.catalog).findGrant(ANALYST, resource);
    }

    private AccessRequest.State state() {
      return ((SupportsAccessRequests) world.catalog).findRequest(request).orElseThrow().state();
    }

    private boolean changesState() {
      return row.action() != Action.QUERY
          && row.action() != Action.DESCRIBE
          && row.action() != Action.QUERY_AFTER_DROP
          && row.action() != Action.QUERY_QUARANTINE
          && row.action() != Action.DESCRIBE_QUARANTINE;
    }

    private String newTagKey() {
      return "extra_" + database.database();
    }

    private Set<Permission> permissions() {
      return row.kind() == Kind.COLUMNS || row.kind() == Kind.FILTER
          ? EnumSet.of(Permission.SELECT)
          : EnumSet.of(Permission.SELECT, Permission.DESCRIBE);
    }

    /** Columns an allowed query shows: all to the owner, what R covers to its grantees. */
    private List<String> expectedColumns() {
      if (row.action() == Action.QUERY_QUARANTINE) {
        return QUARANTINE_COLUMNS;
      }
      if (row.role() == Role.OWNER) {
        return MeshWorld.ORDER_COLUMNS;
      }
      return switch (row.kind()) {
        case DATABASE, TABLE -> MeshWorld.ORDER_COLUMNS;
        case COLUMNS -> List.of("order_id", "amount");
        case TAG_POLICY -> List.of("order_id", "amount", "country");
        case FILTER -> List.of("order_id", "amount", "country", "rows where (country = 'US')");
      };
    }

    private static Resource resource(Kind kind, TableId table, int n) {
      return switch (kind) {
        case DATABASE -> Resource.database(table.databaseId());
        case TABLE -> Resource.table(table);
        case COLUMNS -> Resource.columns(table, List.of("order_id", "amount"));
        case FILTER -> Resource.filter(table, FILTER_NAME);
        case TAG_POLICY ->
            Resource.tagPolicy(
                "sales",
                TagExpression.parse("case=c" + n + " AND classification IN (internal,public)"));
      };
    }

    private static Principal actor(Role role, MeshWorld world) {
      return switch (role) {
        case OWNER -> SALES;
        case OTHER_PRODUCER -> PRODUCT;
        case GOVERNANCE, GOVERNANCE_AUTHORISED -> world.governor();
        case CONSUMER_ADMIN -> MARKETING;
        case CONSUMER_PRINCIPAL -> ANALYST;
        case UNKNOWN -> MeshWorld.NOBODY;
      };
    }
  }

  private static List<Row> parse(String table) {
    List<Row> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String line : table.strip().split("\n")) {
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      String[] f = line.strip().split("\\s+");
      assertThat(f).as("row " + line).hasSize(6);
      assertThat(seen.add(f[0] + " " + f[1] + " " + f[2])).as("duplicate row " + line).isTrue();
      rows.add(
          new Row(
              Role.valueOf(constant(f[0])),
              Action.valueOf(constant(f[1])),
              Kind.valueOf(constant(f[2])),
              Map.of(
                  Topology.CENTRAL, Outcome.valueOf(constant(f[3])),
                  Topology.LOB_FEDERATED, Outcome.valueOf(constant(f[4])),
                  Topology.FEDERATED, Outcome.valueOf(constant(f[5])))));
    }
    return rows;
  }

  private static String constant(String text) {
    return text.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
