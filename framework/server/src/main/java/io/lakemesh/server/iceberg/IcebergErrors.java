package io.lakemesh.server.iceberg;

import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.LakemeshException;
import java.util.function.Supplier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.ServiceFailureException;

/**
 * lakemesh's errors as the Iceberg exceptions the REST endpoint answers with (Iceberg's handlers
 * turn them into the status codes of the REST spec: 400, 403, 404, 409, 500), so an Iceberg client
 * sees the governance rules' own message. The one place where the kinds meet.
 */
public final class IcebergErrors {
  /** What a name in a call stands for, to tell a missing table from a missing namespace. */
  public enum Subject {
    TABLE,
    NAMESPACE
  }

  private IcebergErrors() {}

  /** Runs a call of the governance rules about a table or namespace, translating its errors. */
  public static <T> T call(Subject subject, Supplier<T> call) {
    try {
      return call.get();
    } catch (LakemeshException e) {
      throw translate(subject, e);
    }
  }

  /** As {@link #call(Subject, Supplier)}, for a call that answers nothing (or always throws). */
  public static void run(Subject subject, Runnable call) {
    call(
        subject,
        () -> {
          call.run();
          return null;
        });
  }

  // Messages go through "%s": Iceberg's exceptions format theirs, and ours may hold a '%'.
  static RuntimeException translate(Subject subject, LakemeshException e) {
    String message = e.getMessage();
    return switch (e.kind()) {
      case ACCESS_DENIED -> new ForbiddenException(e, "%s", message);
      case NOT_FOUND ->
          subject == Subject.NAMESPACE
              ? new NoSuchNamespaceException(e, "%s", message)
              : new NoSuchTableException(e, "%s", message);
      case USER ->
          e instanceof AlreadyExistsException
              ? new org.apache.iceberg.exceptions.AlreadyExistsException(e, "%s", message)
              : new BadRequestException(e, "%s", message);
      case CONFLICT -> new CommitFailedException(e, "%s", message);
      case REJECTED, EXTERNAL, INTERNAL -> new ServiceFailureException(e, "%s", message);
    };
  }
}
