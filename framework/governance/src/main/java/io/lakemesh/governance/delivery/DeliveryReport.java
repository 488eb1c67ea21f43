package io.lakemesh.governance.delivery;

/**
 * What one pass of the delivery engine did.
 *
 * @param delivered deliveries the endpoint took
 * @param failed attempts that failed and will be retried
 * @param dead deliveries that failed their last attempt and went to the dead-letter list
 * @param skipped events not sent: the subscriber may no longer describe the product, or an access
 *     event was not about its account
 */
public record DeliveryReport(int delivered, int failed, int dead, int skipped) {

  @Override
  public String toString() {
    return "delivered "
        + delivered
        + ", failed "
        + failed
        + " (to retry), dead-lettered "
        + dead
        + ", skipped "
        + skipped;
  }
}
