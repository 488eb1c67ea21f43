package io.lakemesh.server;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.client.HttpGovernance;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.server.iceberg.AccountCatalogs;
import io.lakemesh.server.iceberg.OwnCatalogs;
import io.lakemesh.server.iceberg.TableCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A catalog server on a free loopback port over the given rules and catalog, with a token per
 * principal issued on first use, as {@code lakemesh token create} would.
 */
public final class ServedCatalog implements AutoCloseable {
  /**
   * A test stops its server with no request in flight; waiting to stop gracefully would only wait
   * for the JDK client to notice its idle connections closing (up to a second per server), so
   * stopping closes them at once.
   */
  private static final Duration STOP_TIMEOUT = Duration.ZERO;

  private final Governance governance;
  private final CatalogServer server;
  private final AccessTokens tokens;
  private final Map<Principal, String> issued = new ConcurrentHashMap<>();
  private final List<String> requestLog = new CopyOnWriteArrayList<>();

  public ServedCatalog(Governance governance, GovernanceCatalog catalog) {
    this(governance, catalog, OwnCatalogs.noWarehouses());
  }

  /** A server whose Iceberg REST catalog serves the accounts' tables in {@code warehouses}. */
  public ServedCatalog(
      Governance governance, GovernanceCatalog catalog, AccountCatalogs warehouses) {
    this.governance = governance;
    this.tokens = new AccessTokens(catalog, governance);
    this.server =
        CatalogServer.start(
            governance,
            catalog,
            CatalogServerOptions.defaults()
                .port(0)
                .requestLog(requestLog::add)
                .stopTimeout(STOP_TIMEOUT),
            warehouses,
            TableCredentials.none());
  }

  /** A client that sends each actor's own token. */
  public HttpGovernance client() {
    return new HttpGovernance(server.uri(), governance.mesh(), this::token);
  }

  /**
   * A client whose actors get tokens of their own, issued on first use, as if each actor had just
   * run {@code lakemesh token create}: what a token did before (such as the refusals the server
   * counts against it) does not carry over.
   */
  public HttpGovernance clientWithNewTokens() {
    Map<Principal, String> own = new ConcurrentHashMap<>();
    return new HttpGovernance(server.uri(), governance.mesh(), p -> token(own, p));
  }

  /**
   * The token of a principal, issued when first asked for (calls on no one's behalf: governance's).
   */
  public String token(Principal principal) {
    return token(issued, principal);
  }

  private String token(Map<Principal, String> issued, Principal principal) {
    Principal actor = principal == null ? Principal.administrator("governance") : principal;
    return issued.computeIfAbsent(actor, p -> tokens.issue(p, Duration.ofHours(1), "test").text());
  }

  public AccessTokens tokens() {
    return tokens;
  }

  public CatalogServer server() {
    return server;
  }

  /** The JSON lines of the request log so far. */
  public List<String> requestLog() {
    return List.copyOf(requestLog);
  }

  @Override
  public void close() {
    server.close();
  }
}
