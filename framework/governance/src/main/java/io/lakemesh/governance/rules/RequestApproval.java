package io.lakemesh.governance.rules;

import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AccessRequest.State;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What approving an access request grants: as asked, narrowed to fewer permissions or columns, or
 * SELECT through a data filter of the table; never more than was asked, inside the link boundary,
 * and not while the requester holds an ACTIVE subscription to the same scope.
 */
final class RequestApproval {
  private final Context ctx;
  private final LinkBoundary linkBoundary;

  RequestApproval(Context ctx, LinkBoundary linkBoundary) {
    this.ctx = ctx;
    this.linkBoundary = linkBoundary;
  }

  /**
   * The request approved by the actor.
   *
   * @param permissions the permissions approved; null for those asked
   * @param columns the columns approved; null for those asked
   * @param filterName the data filter to grant SELECT through; null for none
   * @param expires when the grant ends; null for never
   */
  AccessRequest approve(
      Principal actor,
      AccessRequest request,
      Set<Permission> permissions,
      List<String> columns,
      String filterName,
      Instant expires) {
    request.requireTransition(State.ACTIVE);
    Expiries.requireFuture(expires, ctx.now());
    ctx.store().requests().requestsBy(request.requester().account()).stream()
        .filter(r -> r.id() != request.id() && r.state() == State.ACTIVE)
        .filter(r -> r.requester().equals(request.requester()) && r.scope().equals(request.scope()))
        .findFirst()
        .ifPresent(
            r -> {
              throw new AlreadyExistsException(
                  request.requester()
                      + " already has an ACTIVE subscription to "
                      + request.scope()
                      + " (request "
                      + r.id()
                      + ")");
            });
    ctx.subjects().requireExists(request.scope());
    linkBoundary.requireInside(
        actor, "APPROVE request " + request.id() + " on", request.resource(), request.requester());
    Resource granted =
        filterName != null
            ? throughFilter(request, filterName)
            : columns == null ? request.resource() : narrowed(request, columns);
    Set<Permission> approved = approvedPermissions(request, permissions, columns != null);
    Grant.check(granted, approved, Set.of());
    return request.approved(actor, granted, approved, ctx.now(), expires);
  }

  private Resource narrowed(AccessRequest request, List<String> columns) {
    TableId table = tableOf(request, "columns");
    if (request.resource() instanceof Resource.DataCellsFilter asked) {
      throw new InvalidRequestException(
          "request " + request.id() + " asked for " + asked + "; approve it as asked or deny it");
    }
    Subjects.requireColumns(ctx.subjects().table(table), columns);
    if (request.resource() instanceof Resource.TableWithColumns asked) {
      List<String> extra = columns.stream().filter(c -> !asked.shows(c)).toList();
      if (!extra.isEmpty()) {
        throw new InvalidRequestException(
            "request " + request.id() + " did not ask for column " + String.join(", ", extra));
      }
    }
    return Resource.columns(table, columns);
  }

  /**
   * SELECT through a filter of the requested table, when that shows no more than was asked: any
   * filter for a table, one showing only asked columns for columns, the same filter for a filter.
   */
  private Resource throughFilter(AccessRequest request, String filterName) {
    TableId table = tableOf(request, "a data filter");
    DataFilter filter = ctx.subjects().filter(table, filterName);
    if (request.resource() instanceof Resource.TableWithColumns asked) {
      List<String> extra =
          filter.visible(ctx.subjects().table(table).columns()).stream()
              .map(Column::name)
              .filter(c -> !asked.shows(c))
              .toList();
      if (!extra.isEmpty()) {
        throw new InvalidRequestException(
            "request "
                + request.id()
                + " did not ask for column "
                + String.join(", ", extra)
                + ", which "
                + filter
                + " shows; approve with a filter that shows only asked columns");
      }
    } else if (request.resource() instanceof Resource.DataCellsFilter asked
        && !asked.equals(filter.resource())) {
      throw new InvalidRequestException(
          "request " + request.id() + " asked for " + asked + "; approve it as asked or deny it");
    }
    return filter.resource();
  }

  private static TableId tableOf(AccessRequest request, String what) {
    return request
        .scope()
        .tableId()
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "request "
                        + request.id()
                        + " is for "
                        + request.scope()
                        + "; "
                        + what
                        + " can be approved on a table only"));
  }

  private static Set<Permission> approvedPermissions(
      AccessRequest request, Set<Permission> permissions, boolean columnsNarrowed) {
    Set<Permission> approved = EnumSet.noneOf(Permission.class);
    if (permissions != null) {
      approved.addAll(permissions);
    } else {
      approved.addAll(request.permissions());
      if (columnsNarrowed) {
        approved.retainAll(Set.of(Permission.SELECT));
      }
    }
    if (!Permission.covers(request.permissions(), approved)) {
      throw new InvalidRequestException(
          "request "
              + request.id()
              + " asked for "
              + Permission.format(request.permissions())
              + "; approving "
              + Permission.format(approved)
              + " would grant more");
    }
    return approved;
  }
}
