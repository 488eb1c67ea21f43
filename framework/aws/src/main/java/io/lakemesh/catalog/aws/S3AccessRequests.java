package io.lakemesh.catalog.aws;

import io.lakemesh.exceptions.CommitConflictException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AccessRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Access requests and their state machine, as one JSON-lines object updated by compare-and-swap:
 * ids are assigned and states moved under the same condition, so two decisions on one request never
 * both land.
 */
final class S3AccessRequests {
  private final JsonLinesFile<AccessRequest> file;

  S3AccessRequests(S3Objects objects) {
    file =
        new JsonLinesFile<>(
            objects,
            AthenaTables.ACCESS_REQUESTS + "access_requests.jsonl",
            GovernanceJson::request,
            GovernanceJson::request);
  }

  AccessRequest create(AccessRequest request) {
    return file.update(
        requests -> {
          long next = requests.stream().mapToLong(AccessRequest::id).max().orElse(0) + 1;
          AccessRequest stored = request.withId(next);
          requests.add(stored);
          return new JsonLinesFile.Change<>(requests, stored);
        });
  }

  Optional<AccessRequest> find(long id) {
    return file.read().stream().filter(r -> r.id() == id).findFirst();
  }

  AccessRequest update(AccessRequest request, AccessRequest.State expected) {
    return file.update(
        requests -> {
          for (int i = 0; i < requests.size(); i++) {
            AccessRequest current = requests.get(i);
            if (current.id() != request.id()) {
              continue;
            }
            if (current.state() != expected) {
              throw new CommitConflictException(
                  "request "
                      + request.id()
                      + " is "
                      + current.state()
                      + " now, not "
                      + expected
                      + " as when it was read; nothing was changed",
                  null);
            }
            requests.set(i, request);
            return new JsonLinesFile.Change<>(requests, request);
          }
          throw new NotFoundException("no access request " + request.id());
        });
  }

  List<AccessRequest> where(Predicate<AccessRequest> filter) {
    return file.read().stream().filter(filter).toList();
  }
}
