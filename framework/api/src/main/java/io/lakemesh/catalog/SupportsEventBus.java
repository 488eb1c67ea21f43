package io.lakemesh.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A catalog that can put events on an event bus of its cloud (Amazon EventBridge on AWS), for
 * subscriptions whose endpoint is a bus rather than a webhook.
 */
public interface SupportsEventBus {

  /**
   * Puts one event on the bus.
   *
   * @param busArn the bus
   * @param source who tells ({@code io.lakemesh})
   * @param detailType what kind of event it is
   * @param detail the event, a JSON object
   * @param resources ARNs the event is about (may be empty)
   * @throws io.lakemesh.exceptions.ExternalServiceException when the bus did not take it, saying
   *     why (to be retried)
   * @throws io.lakemesh.exceptions.InvalidRequestException when no bus would take it as it is
   */
  void putEvent(
      String busArn,
      String source,
      String detailType,
      String detail,
      Instant time,
      List<String> resources);
}
