package io.lakemesh.catalog.aws.loopback;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Captures every API call the SDK makes (once per call, however many attempts), in order. */
public final class RecordingInterceptor implements ExecutionInterceptor {
  /** One call: {@code Glue GetTable} and the request object the backend built. */
  public record Recorded(String service, String operation, SdkRequest request) {
    public String name() {
      return service + " " + operation;
    }

    public <T extends SdkRequest> T as(Class<T> type) {
      return type.cast(request);
    }
  }

  private final List<Recorded> calls = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    calls.add(
        new Recorded(
            attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
            attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
            context.request()));
  }

  public List<Recorded> calls() {
    return List.copyOf(calls);
  }

  /** The calls, as {@code Service Operation}, leaving out STS's credential refreshes. */
  public List<String> names() {
    return calls.stream().filter(c -> !c.service().equals("Sts")).map(Recorded::name).toList();
  }

  public List<Recorded> of(String service, String operation) {
    return calls.stream()
        .filter(c -> c.service().equals(service) && c.operation().equals(operation))
        .toList();
  }

  public void clear() {
    calls.clear();
  }
}
