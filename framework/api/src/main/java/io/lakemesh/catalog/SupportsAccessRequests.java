package io.lakemesh.catalog;

import io.lakemesh.governance.AccessRequest;
import java.util.List;
import java.util.Optional;

/** A catalog that stores access requests and their decisions. */
public interface SupportsAccessRequests {

  /** Stores a new request and returns it with the id the catalog assigned (ids increase). */
  AccessRequest createRequest(AccessRequest request);

  Optional<AccessRequest> findRequest(long id);

  /**
   * Replaces a stored request, provided it is still in {@code expected} state.
   *
   * @throws io.lakemesh.exceptions.CommitConflictException when its state moved meanwhile
   * @throws io.lakemesh.exceptions.NotFoundException when there is no such request
   */
  AccessRequest updateRequest(AccessRequest request, AccessRequest.State expected);

  /** Requests for data of one catalog (a producer's), oldest first. */
  List<AccessRequest> requestsFor(String catalog);

  /** Requests made by an account's administrator or principals, oldest first. */
  List<AccessRequest> requestsBy(String account);
}
