package io.lakemesh.governance.rules;

import io.lakemesh.governance.ResourceLink;

/**
 * A resource link as its account sees it.
 *
 * @param link the link
 * @param resolvesTo the name it finally leads to, through any further links
 * @param dangling true when that target is not in the catalog (dropped, or never published)
 */
public record LinkStatus(ResourceLink link, String resolvesTo, boolean dangling) {}
