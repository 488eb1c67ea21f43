package io.lakemesh.client;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.rules.ProductListing;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Request and response bodies of the API that are not lakemesh values themselves. */
public final class Wire {
  /** The prefix of every versioned API path. */
  public static final String API = "/api/v1";

  /** Header a client sends to state who it acts as; the token must belong to that principal. */
  public static final String ACTING_AS = "Lakemesh-Acting-As";

  private Wire() {}

  /**
   * One page of a list: {@code items} from offset on; {@code total} counts every item, or, where
   * counting would read every match (product search), the items up to the end of this page plus one
   * while more follow, so that a client paging while {@code hasMore()} still reads them all.
   */
  public record Page<T>(List<T> items, int offset, int limit, int total) {
    public boolean hasMore() {
      return offset + items.size() < total;
    }
  }

  /**
   * A page of a product search, and the {@code after} that starts the next one (null on the last).
   */
  public record ProductPage(
      List<ProductListing> items, int offset, int limit, int total, String next) {}

  public record GrantBody(
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable,
      Authorisation authorisation,
      Instant expires) {}

  public record RevokeBody(Principal grantee, Resource resource, Set<Permission> permissions) {}

  /** The subscribers a producer's spec declares, besides those with an active subscription. */
  public record SubscribersBody(List<String> declared) {
    public SubscribersBody {
      declared = declared == null ? List.of() : List.copyOf(declared);
    }
  }

  /** What a revoke leaves the grantee on the resource; {@code remaining} is null when nothing. */
  public record Remaining(Grant remaining) {}

  /** What is asked, and why (the requester's justification for the producer; may be absent). */
  public record AccessBody(Resource resource, Set<Permission> permissions, String justification) {}

  /** Null permissions or columns approve what was asked; a null expiry never ends the access. */
  public record ApproveBody(Set<Permission> permissions, List<String> columns, Instant expires) {}

  public record DenyBody(String reason) {}

  /** A data filter of the table the path names: Lake Formation's data cells filter. */
  public record FilterBody(
      String name, String rowFilter, List<String> includedColumns, List<String> excludedColumns) {

    public static FilterBody of(DataFilter filter) {
      return new FilterBody(
          filter.name(), filter.rowFilter(), filter.includedColumns(), filter.excludedColumns());
    }

    public DataFilter on(TableId table) {
      return new DataFilter(table, name, rowFilter, includedColumns, excludedColumns);
    }
  }

  /** Approves with SELECT through the named data filter of the requested table. */
  public record FilterApprovalBody(String filter) {}

  /** The dead letters put back to be delivered. */
  public record Retried(List<EventDelivery> retried) {}

  public record TagBody(TagTarget target, String key, String value) {}

  /** A database to create when missing, with the parameters it is created with. */
  public record DatabaseBody(DatabaseId database, Map<String, String> parameters) {
    public DatabaseBody {
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
  }

  /** Whether a create-when-missing created. */
  public record Created(boolean created) {}

  public record WhoAmI(Principal principal, String topology) {}
}
