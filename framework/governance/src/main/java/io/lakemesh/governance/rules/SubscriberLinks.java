package io.lakemesh.governance.rules;

import io.lakemesh.governance.ResourceLink;
import java.util.List;

/**
 * What a producer's publish did for its subscribers.
 *
 * @param created the links created now
 * @param waiting declared subscribers that hold no permission on the table yet, so have no link
 */
public record SubscriberLinks(List<ResourceLink> created, List<String> waiting) {
  public SubscriberLinks {
    created = List.copyOf(created);
    waiting = List.copyOf(waiting);
  }
}
