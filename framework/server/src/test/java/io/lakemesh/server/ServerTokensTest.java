package io.lakemesh.server;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.client.WireJson;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AccessToken;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Tokens on the catalog server's API: what a missing, unknown, expired or revoked token is told,
 * whom a token may act as, how tokens are stored, and how their use is audited.
 */
class ServerTokensTest extends ServerApiTestBase {
  @Test
  void everyApiPathRefusesNoTokenAnUnknownAnExpiredAndARevokedToken() throws Exception {
    String expired = served.tokens().issue(SALES, Duration.ofMillis(1), "expired").text();
    AccessTokens.Issued revoked = served.tokens().issue(SALES, null, "revoked");
    served.tokens().revoke(revoked.token().id());
    Thread.sleep(5);
    String unknown = "lmt_000000000000_" + "x".repeat(43);
    List<String> tokens = new ArrayList<>();
    tokens.add(null);
    tokens.add(unknown);
    tokens.add(expired);
    tokens.add(revoked.text());
    int checked = 0;
    for (Router.Route route : routes()) {
      String path = "/api/v1" + route.template().replaceAll("\\{[a-z]+}", "1");
      for (String token : tokens) {
        HttpResponse<String> r = send(route.method(), path, token, "{}");
        assertThat(r.statusCode())
            .as(route.method() + " " + path + " with " + token)
            .isEqualTo(401);
        assertThat(error(r).path("code").asText()).isEqualTo("unauthenticated");
        checked++;
      }
    }
    System.out.printf(
        "authentication: %d API routes x %d bad credentials = %d requests, all 401%n",
        routes().size(), tokens.size(), checked);
    assertThat(error(get("/api/v1/products", expired)).path("message").asText())
        .contains("expired");
    assertThat(error(get("/api/v1/products", revoked.text())).path("message").asText())
        .contains("revoked");
    assertThat(get("/api/v1/products", served.token(SALES)).statusCode()).isEqualTo(200);
  }

  @Test
  void anotherAccountsTokenActsAsItsOwnPrincipalOnlyAndIsRefusedAsTheProducer() throws Exception {
    AccessRequest asked =
        demo.governance.requestAccess(
            MARKETING, Resource.table(DemoCatalog.ORDERS), Set.of(Permission.SELECT));
    String marketing = served.token(MARKETING);
    String approve = "/api/v1/requests/" + asked.id() + "/approve";

    HttpResponse<String> claimed = send("POST", approve, marketing, "{}", "sales");
    assertThat(claimed.statusCode()).isEqualTo(403);
    assertThat(error(claimed).path("message").asText())
        .isEqualTo("access denied: the token of marketing cannot act as sales");

    HttpResponse<String> own = send("POST", approve, marketing, "{}", null);
    assertThat(own.statusCode()).isEqualTo(403);
    assertThat(error(own).path("code").asText()).isEqualTo("access_denied");
    assertThat(error(own).path("message").asText()).contains("marketing");
    assertThat(demo.governance.requests(SALES))
        .singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(AccessRequest.State.PENDING));

    HttpResponse<String> producer = send("POST", approve, served.token(SALES), "{}", "sales");
    assertThat(producer.statusCode()).isEqualTo(200);
    assertThat(WireJson.tree(producer.body()).path("state").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void issuingAndRevokingATokenAreAuditedInItsAccountsLogByTokenId() {
    AccessTokens.Issued issued = served.tokens().issue(MARKETING, Duration.ofHours(1), "reports");
    served.tokens().revoke(issued.token().id());

    List<AuditEvent> events =
        demo.governance.audit(
            MeshFixtures.GOVERNANCE,
            AuditQuery.ofLog("governance").withResource("token " + issued.token().id()));
    assertThat(events)
        .extracting(AuditEvent::action)
        .containsExactly(AuditAction.TOKEN_CREATE, AuditAction.TOKEN_REVOKE);
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.resource()).isEqualTo("token " + issued.token().id() + " of marketing");
              assertThat(e.actor()).isEqualTo(MARKETING);
              assertThat(e.toString()).doesNotContain(issued.text());
            });
    assertThat(events.get(0).after()).startsWith("valid until ").endsWith("; reports");
  }

  @Test
  void eventsMadeOverHttpNameTheTokenAndIdenticalRefusalsAreCounted() throws Exception {
    String token = served.token(MARKETING);
    String id = token.split("_")[1];
    for (int i = 0; i < 5; i++) {
      assertThat(send("GET", "/api/v1/products", token, null, "sales").statusCode()).isEqualTo(403);
    }
    AuditQuery claims =
        AuditQuery.ofLog("governance").withActor(MARKETING).withResource("principal sales");
    // The first refusal is in the log at once; the four after it are being counted.
    assertThat(demo.governance.audit(MeshFixtures.GOVERNANCE, claims))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.token()).isEqualTo(id);
              assertThat(e.count()).isEqualTo(1);
            });

    served.server().close();

    assertThat(demo.governance.audit(MeshFixtures.GOVERNANCE, claims))
        .extracting(AuditEvent::action, AuditEvent::token, AuditEvent::count)
        .containsExactly(
            Tuple.tuple(AuditAction.ACT_AS, id, 1), Tuple.tuple(AuditAction.ACT_AS, id, 4));
    assertThat(demo.governance.verifyAudit(MeshFixtures.GOVERNANCE, "governance").isIntact())
        .isTrue();
  }

  @Test
  void theAuditRouteCarriesEachEventsTokenAndCount() throws Exception {
    String token = served.token(MARKETING);
    String id = token.split("_")[1];
    assertThat(send("GET", "/api/v1/products", token, null, "sales").statusCode()).isEqualTo(403);

    List<AuditEvent> read =
        served
            .client()
            .audit(
                MeshFixtures.GOVERNANCE,
                AuditQuery.ofLog("governance").withResource("principal sales"));
    assertThat(read)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.token()).isEqualTo(id);
              assertThat(e.count()).isEqualTo(1);
              assertThat(e.hash()).hasSize(64);
            });
    JsonNode page =
        WireJson.tree(
            send(
                    "GET",
                    "/api/v1/audit?log=governance&resource=principal%20sales",
                    served.token(MeshFixtures.GOVERNANCE),
                    null)
                .body());
    assertThat(page.path("items").get(0).path("token").asText()).isEqualTo(id);
    assertThat(page.path("items").get(0).path("count").asInt()).isEqualTo(1);
  }

  @Test
  void aTokenClaimingToActAsAnotherPrincipalIsRefusedAndTheRefusalIsAudited() throws Exception {
    HttpResponse<String> claimed =
        send("GET", "/api/v1/products", served.token(MARKETING), null, "sales:engineer");

    assertThat(claimed.statusCode()).isEqualTo(403);
    assertThat(error(claimed).path("code").asText()).isEqualTo("access_denied");
    List<AuditEvent> refused =
        demo.governance.audit(
            MeshFixtures.GOVERNANCE,
            AuditQuery.ofLog("governance").withActor(MARKETING).withResource("principal "));
    assertThat(refused)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(AuditAction.ACT_AS);
              assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.REFUSED);
              assertThat(e.resource()).isEqualTo("principal sales:engineer");
              assertThat(e.reason()).isEqualTo(error(claimed).path("message").asText());
            });
    JsonNode logged = WireJson.tree(served.requestLog().get(served.requestLog().size() - 1));
    assertThat(logged.path("error").asText()).isEqualTo("access_denied");
  }

  @Test
  void tokensAreStoredAsHashesOnly() {
    AccessTokens.Issued issued = served.tokens().issue(MARKETING, Duration.ofDays(1), "laptop");
    AccessToken stored = served.tokens().list("marketing").get(0);
    assertThat(stored.secretHash())
        .isEqualTo(AccessTokens.hash(issued.text()))
        .doesNotContain(issued.text());
    assertThat(stored.principal()).isEqualTo(MARKETING);
    assertThat(issued.text()).startsWith("lmt_" + stored.id() + "_");
  }
}
