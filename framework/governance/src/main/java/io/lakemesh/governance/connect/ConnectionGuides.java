package io.lakemesh.governance.connect;

import io.lakemesh.catalog.QuarantineTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.rules.AccessDecision;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.governance.rules.LinkStatus;
import io.lakemesh.governance.rules.SearchQuery;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "How do I query this": the one place that answers, for the CLI's {@code connect} and the catalog
 * server's web UI alike, how a principal reads a product from an engine. What it may read is the
 * rules' own answer ({@link GovernanceService#checkSelect}, as {@code query} and the Iceberg REST
 * catalog ask it): every cell goes through the REST catalog, only some through the governed
 * engines, nothing until access is requested.
 *
 * <p>SELECT is checked only when the principal holds a grant that may give it: a guide is not an
 * attempt to read, and a principal who holds nothing should not leave a refusal in the audit log.
 */
public final class ConnectionGuides {
  /** The catalog server a guide names when none is given ({@code bin/lakemesh serve}'s default). */
  public static final String DEFAULT_SERVER = "http://127.0.0.1:8181";

  /** The environment variable that holds the reader's token in every engine's settings. */
  public static final String TOKEN_VARIABLE = "LAKEMESH_TOKEN";

  /** The name the engines give the mesh's catalog ({@code mesh.sales_link.orders}). */
  public static final String CATALOG = "mesh";

  /** Where the catalog server serves the Iceberg REST catalog, under its URL. */
  public static final String REST_PATH = "/iceberg";

  private final GovernanceService governance;

  public ConnectionGuides(GovernanceService governance) {
    this.governance = governance;
  }

  /**
   * The guide for {@code principal} reading {@code product} from {@code engine}, through the
   * catalog server at {@code server} (its base URL; null for {@link #DEFAULT_SERVER}).
   *
   * @throws NotFoundException when the principal can discover no such product
   */
  public ConnectionGuide guide(Principal principal, TableId product, Engine engine, String server) {
    String uri = catalogUri(server);
    Name name = name(principal, product);
    ReadPath path = readPath(principal, product, name);
    String who = principal.toString();
    String productName = cliName(product);
    List<String> steps = new ArrayList<>();
    if (path != ReadPath.NO_ACCESS && !name.exists()) {
      // A direct grant makes no link, and a principal reads only by names of its own catalog.
      steps.add(
          "bin/lakemesh links create --as " + principal.account() + " --table " + productName);
    }
    String summary;
    String settings = "";
    String query = "";
    switch (path) {
      case NO_ACCESS -> {
        steps.add(requestAccessCommand(principal, product));
        summary =
            who
                + " holds no SELECT on "
                + productName
                + ": ask its owner, "
                + product.catalog()
                + ", with the command below. Once approved, "
                + who
                + " reads it as "
                + name.table()
                + (name.exists() ? "" : " (approval creates the link)")
                + ".";
      }
      case GOVERNED_ENGINES -> {
        summary =
            who
                + " may read only some columns or rows of "
                + productName
                + ", which the"
                + " Iceberg REST catalog does not serve (it answers 403: "
                + engine.id()
                + " could not be trusted to hide the rest). Read it with a governed engine:"
                + " bin/lakemesh query, or the governed Spark catalog.";
        settings = EngineSettings.governed(CATALOG, who);
        query = EngineSettings.governedQuery(who, name.table());
      }
      default -> {
        steps.add(
            "export "
                + TOKEN_VARIABLE
                + "=\"$(bin/lakemesh token create --as "
                + who
                + " --description "
                + engine.id()
                + ")\"   # or a token the server's operator gave you");
        summary =
            who
                + " may read every column of "
                + productName
                + ": "
                + engine.id()
                + " reads it through the Iceberg REST catalog as "
                + CATALOG
                + "."
                + name.table()
                + ", with SELECT checked on every load.";
        settings = EngineSettings.rest(engine, CATALOG, uri, TOKEN_VARIABLE, principal.account());
        query = EngineSettings.restQuery(engine, CATALOG, name.table());
      }
    }
    return new ConnectionGuide(
        who,
        productName,
        engine.id(),
        path,
        uri,
        name.table(),
        name.exists(),
        summary,
        steps,
        settings,
        query);
  }

  /** The Iceberg REST catalog's URI under a catalog server's base URL. */
  public static String catalogUri(String server) {
    String base = server == null || server.isBlank() ? DEFAULT_SERVER : server.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    try {
      URI parsed = new URI(base);
      String scheme = parsed.getScheme();
      if (parsed.getHost() == null
          || !("http".equals(scheme) || "https".equals(scheme))
          || parsed.getQuery() != null
          || parsed.getFragment() != null) {
        throw new URISyntaxException(base, "not an http(s) URL of a host");
      }
    } catch (URISyntaxException e) {
      throw new InvalidRequestException(
          "server '"
              + server
              + "' is not the URL of a catalog server: expected http(s)://HOST:PORT,"
              + " such as "
              + DEFAULT_SERVER);
    }
    return base + REST_PATH;
  }

  /**
   * The command that asks the product's owner for SELECT, as {@code connect}, {@code query} and a
   * job reading another product suggest it: {@code bin/lakemesh request-access --as marketing
   * --table sales.orders --perm SELECT}.
   */
  public static String requestAccessCommand(Principal principal, TableId product) {
    return "bin/lakemesh request-access --as "
        + principal
        + " --table "
        + cliName(product)
        + " --perm SELECT";
  }

  /** The product as the CLI names it: {@code D.N} when account and database agree. */
  public static String cliName(TableId product) {
    return product.catalog().equals(product.database())
        ? product.database() + "." + product.table()
        : product.toString();
  }

  /**
   * The name a principal reads the product by in its own catalog ({@code database.table}).
   *
   * @param exists false for the link that approving a request or {@code links create} would make
   */
  private record Name(String table, TableId id, boolean exists) {}

  private Name name(Principal principal, TableId product) {
    if (principal.account().equals(product.catalog())) {
      return new Name(product.database() + "." + product.table(), product, true);
    }
    Optional<TableId> linked =
        governance.links(principal).stream()
            .map(status -> through(status, product))
            .flatMap(Optional::stream)
            .findFirst();
    TableId id =
        linked.orElseGet(() -> ResourceLink.defaultTableLink(principal.account(), product).link());
    return new Name(id.database() + "." + id.table(), id, linked.isPresent());
  }

  /** The product's name through this link, when the link leads to it. */
  private static Optional<TableId> through(LinkStatus status, TableId product) {
    if (status.dangling()) {
      return Optional.empty();
    }
    if (status.link() instanceof ResourceLink.TableLink t) {
      return status.resolvesTo().equals(product.toString())
          ? Optional.of(t.link())
          : Optional.empty();
    }
    ResourceLink.DatabaseLink d = (ResourceLink.DatabaseLink) status.link();
    return status.resolvesTo().equals(product.databaseId().toString())
        ? Optional.of(TableId.of(d.link().catalog(), d.link().database(), product.table()))
        : Optional.empty();
  }

  private ReadPath readPath(Principal principal, TableId product, Name name) {
    boolean owner = principal.isAdministratorOf(product.catalog());
    if (QuarantineTable.is(product)) {
      // No request gives access to the rows a gate set aside: the refusal is the answer.
      return governance.checkSelect(principal, product).restricted()
          ? ReadPath.GOVERNED_ENGINES
          : ReadPath.ICEBERG_REST;
    }
    if (!owner && !mayHoldSelect(principal, product)) {
      requireDiscoverable(principal, product);
      return ReadPath.NO_ACCESS;
    }
    AccessDecision decision;
    try {
      decision = governance.checkSelect(principal, name.exists() ? name.id() : product);
    } catch (AccessDeniedException refused) {
      return ReadPath.NO_ACCESS;
    }
    return decision.restricted() ? ReadPath.GOVERNED_ENGINES : ReadPath.ICEBERG_REST;
  }

  /** True when one of the principal's own grants could give SELECT on the product. */
  private boolean mayHoldSelect(Principal principal, TableId product) {
    for (Grant grant : governance.grants(principal)) {
      if (grant.grantee().equals(principal)
          && grant.allows(Permission.SELECT)
          && reaches(grant.resource(), product)) {
        return true;
      }
    }
    return false;
  }

  private static boolean reaches(Resource resource, TableId product) {
    if (resource instanceof Resource.Database d) {
      return d.id().equals(product.databaseId());
    }
    // A tag policy's reach depends on the table's tags: the check decides.
    return resource instanceof Resource.LfTagPolicy
        || resource.tableId().map(product::equals).orElse(false);
  }

  private void requireDiscoverable(Principal principal, TableId product) {
    boolean found =
        governance.search(principal, SearchQuery.text(product.table())).stream()
            .anyMatch(listing -> listing.table().equals(product));
    if (!found) {
      throw new NotFoundException(
          "no product "
              + cliName(product)
              + " that "
              + principal
              + " may discover (bin/lakemesh"
              + " search --as "
              + principal
              + " lists them)");
    }
  }
}
