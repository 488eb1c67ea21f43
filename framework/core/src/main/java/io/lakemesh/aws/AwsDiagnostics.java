package io.lakemesh.aws;

import io.lakemesh.catalog.GovernanceCatalog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * What {@code lakemesh doctor} asks of the aws governance catalog ({@code GlueGovernanceCatalog} in
 * {@code framework/aws}): who AWS takes each account's credentials for, and where Lake Formation
 * and the recorded grants disagree. The core module does not depend on the AWS backend (it is
 * loaded by type name), so the two public methods are reached by name here, and only here.
 */
public final class AwsDiagnostics {
  private final GovernanceCatalog catalog;
  private final Method callerIdentity;
  private final Method grantDrift;

  private AwsDiagnostics(GovernanceCatalog catalog, Method callerIdentity, Method grantDrift) {
    this.catalog = catalog;
    this.callerIdentity = callerIdentity;
    this.grantDrift = grantDrift;
  }

  /** The diagnostics of an aws catalog; empty for other backends. */
  public static Optional<AwsDiagnostics> of(GovernanceCatalog catalog) {
    try {
      return Optional.of(new AwsDiagnostics(catalog,
          catalog.getClass().getMethod("callerIdentity", String.class),
          catalog.getClass().getMethod("grantDrift")));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  /** The ARN AWS takes the account's credentials for (STS GetCallerIdentity). */
  public String callerIdentity(String account) {
    return String.valueOf(invoke(callerIdentity, account));
  }

  /** Each grant on which Lake Formation and the record disagree, described. */
  public List<String> grantDrift() {
    return ((List<?>) invoke(grantDrift)).stream().map(String::valueOf).toList();
  }

  private Object invoke(Method method, Object... args) {
    try {
      return method.invoke(catalog, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
