package io.lakemesh.catalog.aws;

import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Events to subscribers' EventBridge buses, put by the account that keeps the catalog's records (a
 * bus of another account lets it in through the bus's resource policy).
 */
final class EventBridgeEvents {
  /**
   * "Calculating Amazon EventBridge PutEvents event entry size" (EventBridge User Guide): an entry
   * may be at most 256 KB, counted as 14 bytes for Time plus the UTF-8 bytes of Source, DetailType,
   * Detail and each of Resources.
   */
  static final int MAX_ENTRY_BYTES = 256 * 1024;

  private final AwsClients clients;
  private final AwsAccount account;

  EventBridgeEvents(AwsClients clients, AwsAccount account) {
    this.clients = clients;
    this.account = account;
  }

  void put(
      String busArn,
      String source,
      String detailType,
      String detail,
      Instant time,
      List<String> resources) {
    int size = entrySize(source, detailType, detail, resources);
    if (size > MAX_ENTRY_BYTES) {
      throw new InvalidRequestException(
          "an event of "
              + size
              + " bytes is more than an EventBridge entry may hold ("
              + MAX_ENTRY_BYTES
              + ")");
    }
    PutEventsRequestEntry entry =
        PutEventsRequestEntry.builder()
            .eventBusName(busArn)
            .source(source)
            .detailType(detailType)
            .detail(detail)
            .time(time)
            .resources(resources)
            .build();
    PutEventsResponse response =
        clients
            .call(account, "EventBridge PutEvents", busArn)
            .run(() -> clients.eventBridge(account).putEvents(r -> r.entries(entry)));
    // "Sending events with PutEvents" (EventBridge User Guide): a call can succeed while entries
    // in it fail; FailedEntryCount counts them, each with its ErrorCode and ErrorMessage, and the
    // caller must send them again.
    if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
      PutEventsResultEntry failed = response.entries().get(0);
      throw new ExternalServiceException(
          "EventBridge did not take the event for "
              + busArn
              + ": "
              + failed.errorCode()
              + " ("
              + failed.errorMessage()
              + ")",
          null);
    }
  }

  static int entrySize(String source, String detailType, String detail, List<String> resources) {
    int size = 14 + bytes(source) + bytes(detailType) + bytes(detail);
    for (String r : resources) {
      size += bytes(r);
    }
    return size;
  }

  private static int bytes(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }
}
