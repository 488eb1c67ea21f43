package io.lakemesh.server.iceberg;

import io.lakemesh.client.ApiError;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.LakemeshException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.ServiceFailureException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.exceptions.UnprocessableEntityException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.rest.responses.ErrorResponse;

/**
 * Where lakemesh's errors meet Iceberg's. Inside a catalog the endpoint serves, a governance rule's
 * error becomes the Iceberg exception of its condition ({@link #call}), so that Iceberg's handlers
 * and clients treat it as they would their own (a missing table is "no such table" to them, a
 * refusal 403). At the edge, every failure becomes Iceberg's {@code ErrorResponse}, with the status
 * codes its client's {@code ErrorHandlers} turn back into the same exceptions (404 with the type
 * telling a missing namespace from a missing table, 409 for a conflict, ...). A lakemesh error
 * keeps its message, which says how to get what was refused.
 */
final class IcebergErrors {
  // Most specific first: a subclass (NoSuchIcebergTableException) finds its parent's code.
  private static final Map<Class<? extends RuntimeException>, Integer> CODES =
      Map.ofEntries(
          Map.entry(IllegalArgumentException.class, 400),
          Map.entry(ValidationException.class, 400),
          Map.entry(BadRequestException.class, 400),
          Map.entry(NotAuthorizedException.class, 401),
          Map.entry(ForbiddenException.class, 403),
          Map.entry(NoSuchNamespaceException.class, 404),
          Map.entry(NoSuchTableException.class, 404),
          Map.entry(NoSuchViewException.class, 404),
          Map.entry(UnsupportedOperationException.class, 406),
          Map.entry(AlreadyExistsException.class, 409),
          Map.entry(CommitFailedException.class, 409),
          Map.entry(NamespaceNotEmptyException.class, 409),
          Map.entry(UnprocessableEntityException.class, 422),
          Map.entry(CommitStateUnknownException.class, 500),
          // A service the server depends on failed (STS, when vending credentials).
          Map.entry(ServiceUnavailableException.class, 503));

  /** What a name in a call stands for, to tell a missing table from a missing namespace. */
  enum Subject {
    TABLE,
    NAMESPACE
  }

  private IcebergErrors() {}

  /** Runs a call of the governance rules about a table or namespace, translating its errors. */
  static <T> T call(Subject subject, Supplier<T> call) {
    try {
      return call.get();
    } catch (LakemeshException e) {
      throw translate(subject, e);
    }
  }

  /** As {@link #call(Subject, Supplier)}, for a call that answers nothing (or always throws). */
  static void run(Subject subject, Runnable call) {
    call(
        subject,
        () -> {
          call.run();
          return null;
        });
  }

  /** The Iceberg exception of a lakemesh error's condition, with its message. */
  // Messages go through "%s": Iceberg's exceptions format theirs, and ours may hold a '%'.
  static RuntimeException translate(Subject subject, LakemeshException e) {
    String message = e.getMessage();
    return switch (e.kind()) {
      case ACCESS_DENIED -> new ForbiddenException(e, "%s", message);
      case NOT_FOUND ->
          subject == Subject.NAMESPACE
              ? new NoSuchNamespaceException(e, "%s", message)
              : new NoSuchTableException(e, "%s", message);
      // Spelled out: Iceberg's AlreadyExistsException, imported, is the one this maps it to.
      case USER ->
          e instanceof io.lakemesh.exceptions.AlreadyExistsException
              ? new AlreadyExistsException(e, "%s", message)
              : new BadRequestException(e, "%s", message);
      case CONFLICT -> new CommitFailedException(e, "%s", message);
      case REJECTED, EXTERNAL, INTERNAL -> new ServiceFailureException(e, "%s", message);
    };
  }

  /** The answer to a failure the client can act on; empty for an internal one. */
  static Optional<ErrorResponse> of(RuntimeException e) {
    if (e instanceof LakemeshException lakemesh) {
      if (lakemesh.kind() == ErrorKind.INTERNAL) {
        return Optional.empty();
      }
      ApiError api = ApiError.of(lakemesh);
      return Optional.of(error(api.status(), type(api.status()), e.getMessage()));
    }
    for (Class<?> c = e.getClass();
        c != null && c != RuntimeException.class;
        c = c.getSuperclass()) {
      Integer code = CODES.get(c);
      if (code != null) {
        return Optional.of(error(code, e.getClass().getSimpleName(), e.getMessage()));
      }
    }
    return Optional.empty();
  }

  static ErrorResponse error(int code, String type, String message) {
    return ErrorResponse.builder().responseCode(code).withType(type).withMessage(message).build();
  }

  // The Iceberg type of a status, so its client raises what it would for the same condition.
  private static String type(int status) {
    return switch (status) {
      case 401 -> "NotAuthorizedException";
      case 403 -> "ForbiddenException";
      case 404 -> "NoSuchTableException";
      case 409 -> "AlreadyExistsException";
      default -> "BadRequestException";
    };
  }
}
