package io.lakemesh.runtime;

import io.lakemesh.spec.ProductSpec;
import java.util.List;

/**
 * A batch's identity: the product's table, contract and transform plus what each input held. Committed
 * with the snapshot, it lets a re-run after a crash recognise a batch that reached main.
 */
final class BatchKeys {
  private BatchKeys() {}

  static String of(ProductSpec spec, String transform, List<SourceReader.ReadSource> sources) {
    StringBuilder text = new StringBuilder(spec.id()).append('|').append(spec.version()).append('|')
        .append(spec.table()).append('|').append(spec.schema()).append('\n').append(transform).append('\n');
    for (SourceReader.ReadSource s : sources) {
      text.append(s.spec().name()).append('=').append(s.input().fingerprint()).append('\n');
    }
    return SourceReader.sha256(text.toString());
  }
}
