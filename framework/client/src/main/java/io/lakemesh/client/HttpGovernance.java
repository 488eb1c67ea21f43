package io.lakemesh.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.client.Wire.AccessBody;
import io.lakemesh.client.Wire.ApproveBody;
import io.lakemesh.client.Wire.DenyBody;
import io.lakemesh.client.Wire.GrantBody;
import io.lakemesh.client.Wire.Page;
import io.lakemesh.client.Wire.Remaining;
import io.lakemesh.client.Wire.RevokeBody;
import io.lakemesh.client.Wire.TagBody;
import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.EffectiveTags;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.rules.AccessDecision;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.governance.rules.LinkStatus;
import io.lakemesh.governance.rules.ProductListing;
import io.lakemesh.governance.rules.SearchQuery;
import io.lakemesh.governance.rules.SubscriberLinks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The governance rules as the catalog server offers them: every call is an HTTP request made with
 * the token of the principal it acts as, and the server decides. Errors come back as the lakemesh
 * exceptions the embedded rules throw, with the same messages, so callers (and exit codes) cannot
 * tell the difference. Lists are read page by page until complete. The JDK's client keeps
 * connections to the server open and reuses them.
 */
public final class HttpGovernance implements GovernanceService {
  private static final int PAGE = 500;

  private final URI base;
  private final Mesh mesh;
  private final Function<Principal, String> tokens;
  private final HttpClient http;

  /**
   * @param base the server, e.g. {@code http://127.0.0.1:8181}
   * @param mesh the mesh as the caller knows it (for names such as the holder of a catalog)
   * @param tokens the token to send for a principal
   */
  public HttpGovernance(URI base, Mesh mesh, Function<Principal, String> tokens) {
    this.base = URI.create(base.toString().replaceAll("/+$", ""));
    this.mesh = mesh;
    this.tokens = tokens;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** A client that sends one token, whoever it acts as (the server refuses other principals). */
  public static HttpGovernance withToken(URI base, Mesh mesh, String token) {
    return new HttpGovernance(base, mesh, p -> token);
  }

  public URI base() {
    return base;
  }

  @Override
  public Mesh mesh() {
    return mesh;
  }

  // ---- grants

  @Override
  public Grant grant(
      Principal actor,
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable) {
    return grant(actor, grantee, resource, permissions, grantable, null);
  }

  /** A null authorisation lets the server find the producer's authorisation on record. */
  @Override
  public Grant grant(
      Principal actor,
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable,
      Authorisation authorisation) {
    return post(
        actor,
        "/grants",
        new GrantBody(grantee, resource, permissions, grantable, authorisation),
        Grant.class);
  }

  @Override
  public Optional<Grant> revoke(
      Principal actor, Principal grantee, Resource resource, Set<Permission> permissions) {
    Remaining left =
        post(
            actor,
            "/grants/revoke",
            new RevokeBody(grantee, resource, permissions),
            Remaining.class);
    return Optional.ofNullable(left.remaining());
  }

  @Override
  public List<Grant> grants(Principal actor) {
    return list(actor, "/grants", "", Grant.class);
  }

  // ---- requests

  @Override
  public AccessRequest requestAccess(
      Principal requester, Resource resource, Set<Permission> permissions) {
    return post(
        requester, "/requests", new AccessBody(resource, permissions), AccessRequest.class);
  }

  @Override
  public List<AccessRequest> requests(Principal actor) {
    return list(actor, "/requests", "", AccessRequest.class);
  }

  @Override
  public AccessRequest approve(
      Principal actor, long requestId, Set<Permission> permissions, List<String> columns) {
    return post(
        actor,
        "/requests/" + requestId + "/approve",
        new ApproveBody(permissions, columns),
        AccessRequest.class);
  }

  @Override
  public AccessRequest deny(Principal actor, long requestId, String reason) {
    return post(
        actor, "/requests/" + requestId + "/deny", new DenyBody(reason), AccessRequest.class);
  }

  @Override
  public AccessRequest revokeSubscription(Principal actor, long requestId) {
    return post(actor, "/requests/" + requestId + "/revoke", null, AccessRequest.class);
  }

  // ---- links

  @Override
  public ResourceLink createLink(Principal actor, ResourceLink link) {
    return post(actor, "/links", link, ResourceLink.class);
  }

  @Override
  public void dropLink(Principal actor, ResourceLink link) {
    post(actor, "/links/drop", link, JsonNode.class);
  }

  @Override
  public List<LinkStatus> links(Principal actor) {
    return list(actor, "/links", "", LinkStatus.class);
  }

  // ---- LF-tags

  @Override
  public LfTag createTag(Principal actor, String catalog, LfTag tag) {
    return post(actor, "/tags/" + Paths.segment(catalog), tag, LfTag.class);
  }

  @Override
  public List<LfTag> tags(String catalog) {
    return list(null, "/tags/" + Paths.segment(catalog), "", LfTag.class);
  }

  @Override
  public void assignTag(Principal actor, TagTarget target, String key, String value) {
    post(actor, "/tag-assignments", new TagBody(target, key, value), JsonNode.class);
  }

  @Override
  public void removeTag(Principal actor, TagTarget target, String key) {
    post(actor, "/tag-assignments/remove", new TagBody(target, key, null), JsonNode.class);
  }

  @Override
  public EffectiveTags effectiveTags(Principal actor, TableId name) {
    return get(actor, Paths.table(name) + "/tags", EffectiveTags.class);
  }

  // ---- reads

  @Override
  public AccessDecision checkSelect(Principal principal, TableId name) {
    return get(principal, Paths.table(name) + "/select", AccessDecision.class);
  }

  @Override
  public CatalogTable describe(Principal principal, TableId name) {
    return get(principal, Paths.table(name), CatalogTable.class);
  }

  @Override
  public List<String> databases(Principal principal) {
    return list(principal, "/databases", "", String.class);
  }

  @Override
  public List<String> tables(Principal principal, String database) {
    return list(principal, "/databases/" + Paths.segment(database) + "/tables", "", String.class);
  }

  // ---- publishing

  @Override
  public CatalogTable publish(Principal actor, Publication publication) {
    return post(actor, "/publications", publication, CatalogTable.class);
  }

  @Override
  public SubscriberLinks ensureSubscriberLinks(Principal actor, TableId table, java.util.Collection<String> declared) {
    return post(
        actor,
        Paths.table(table) + "/subscriber-links",
        new Wire.SubscribersBody(List.copyOf(declared)),
        SubscriberLinks.class);
  }

  // ---- discovery and audit

  @Override
  public List<ProductListing> search(Principal actor, SearchQuery query) {
    return list(actor, "/products", Paths.query(query), ProductListing.class);
  }

  @Override
  public List<AuditEvent> audit(Principal actor, AuditQuery query) {
    String max = "max=" + query.limit();
    String filters = Paths.query(query);
    return list(actor, "/audit", filters.isEmpty() ? max : filters + "&" + max, AuditEvent.class);
  }

  @Override
  public List<AuditVerification> verifyAudit(Principal actor) {
    return get(actor, "/audit/verify", new TypeReference<List<AuditVerification>>() {});
  }

  @Override
  public AuditVerification verifyAudit(Principal actor, String log) {
    List<AuditVerification> one =
        get(
            actor,
            "/audit/verify?log=" + Paths.param(log),
            new TypeReference<List<AuditVerification>>() {});
    return one.get(0);
  }

  // ---- HTTP

  private <T> T get(Principal actor, String path, Class<T> type) {
    return send(actor, "GET", path, null, WireJson.mapper().constructType(type));
  }

  private <T> T get(Principal actor, String path, TypeReference<T> type) {
    return send(actor, "GET", path, null, WireJson.mapper().constructType(type));
  }

  private <T> T post(Principal actor, String path, Object body, Class<T> type) {
    return send(actor, "POST", path, body, WireJson.mapper().constructType(type));
  }

  private <T> T post(Principal actor, String path, Object body, TypeReference<T> type) {
    return send(actor, "POST", path, body, WireJson.mapper().constructType(type));
  }

  /** Every item of a paged list, page after page. */
  private <T> List<T> list(Principal actor, String path, String query, Class<T> item) {
    JavaType pageType =
        WireJson.mapper().getTypeFactory().constructParametricType(Page.class, item);
    List<T> all = new ArrayList<>();
    int offset = 0;
    while (true) {
      int limit = PAGE;
      String sep = query.isEmpty() ? "?" : "?" + query + "&";
      Page<T> page =
          send(actor, "GET", path + sep + "offset=" + offset + "&limit=" + limit, null, pageType);
      all.addAll(page.items());
      offset += page.items().size();
      if (!page.hasMore() || page.items().isEmpty()) {
        return all;
      }
    }
  }

  private <T> T send(Principal actor, String method, String path, Object body, JavaType type) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + Wire.API + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json")
            .method(
                method,
                body == null && method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body == null ? "{}" : WireJson.write(body)));
    if (!method.equals("GET")) {
      request.header("Content-Type", "application/json");
    }
    String token = tokens.apply(actor);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (actor != null) {
      request.header(Wire.ACTING_AS, actor.toString());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ExternalServiceException(
          "catalog server " + base + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExternalServiceException("interrupted while calling " + base, e);
    }
    try {
      if (response.statusCode() >= 400) {
        JsonNode error = WireJson.tree(response.body()).path("error");
        throw new ApiError(error.path("code").asText(ApiError.INTERNAL), error.path("message").asText(response.body()))
            .toException();
      }
      return WireJson.mapper().readValue(response.body(), type);
    } catch (IOException | RuntimeException e) {
      if (e instanceof io.lakemesh.exceptions.LakemeshException l) {
        throw l;
      }
      throw new ExternalServiceException(
          "catalog server " + base + " answered " + method + " " + path + " with HTTP "
              + response.statusCode() + " that could not be read: " + e.getMessage(),
          e);
    }
  }
}
