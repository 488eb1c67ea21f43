package io.lakemesh.aws;

import io.lakemesh.catalog.GovernanceCatalog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * One thing an account needs so that Lake Formation decides on AWS ({@code SetupStep} in {@code
   * framework/aws}).
   *
   * @param state {@code ok}, {@code change} (what {@code aws setup --apply} does) or {@code manual}
   * @param items documents to apply by hand, one line each
   */
  public record SetupStep(
      String account, String check, String state, String detail, String fix, List<String> items) {
    public SetupStep {
      items = List.copyOf(items);
    }

    public boolean ok() {
      return "ok".equals(state);
    }

    @SuppressWarnings("unchecked")
    static SetupStep of(Map<?, ?> m) {
      return new SetupStep(
          String.valueOf(m.get("account")),
          String.valueOf(m.get("check")),
          String.valueOf(m.get("state")),
          String.valueOf(m.get("detail")),
          String.valueOf(m.get("fix")),
          (List<String>) m.get("items"));
    }

    /** The step as plain values, for {@code --json}. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("account", account);
      m.put("check", check);
      m.put("state", state);
      m.put("detail", detail);
      m.put("fix", fix);
      m.put("items", items);
      return m;
    }
  }

  private AwsDiagnostics(GovernanceCatalog catalog, Method callerIdentity, Method grantDrift) {
    this.catalog = catalog;
    this.callerIdentity = callerIdentity;
    this.grantDrift = grantDrift;
  }

  /** What each account holding entries needs for Lake Formation to decide, as AWS is now. */
  public List<SetupStep> lakeFormationSetup() {
    return steps("lakeFormationSetup");
  }

  /** Makes the changes {@link #lakeFormationSetup} lists (idempotent), then reads them again. */
  public List<SetupStep> applyLakeFormationSetup() {
    return steps("applyLakeFormationSetup");
  }

  /**
   * Assumes the account's role with a session tag, as Iceberg's Lake Formation client factory does:
   * the session's ARN, or AWS's refusal (a trust policy without sts:TagSession).
   */
  public String assumeRoleWithSessionTag(String account, String key, String value) {
    try {
      Method method =
          catalog
              .getClass()
              .getMethod("assumeRoleWithSessionTag", String.class, String.class, String.class);
      return String.valueOf(invoke(method, account, key, value));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "the aws catalog on the classpath has no assumeRoleWithSessionTag", e);
    }
  }

  private List<SetupStep> steps(String name) {
    try {
      Method method = catalog.getClass().getMethod(name);
      return ((List<?>) invoke(method)).stream().map(m -> SetupStep.of((Map<?, ?>) m)).toList();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the aws catalog on the classpath has no " + name, e);
    }
  }

  /** The diagnostics of an aws catalog; empty for other backends. */
  public static Optional<AwsDiagnostics> of(GovernanceCatalog catalog) {
    try {
      return Optional.of(
          new AwsDiagnostics(
              catalog,
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
