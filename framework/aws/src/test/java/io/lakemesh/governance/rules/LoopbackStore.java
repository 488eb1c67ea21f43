package io.lakemesh.governance.rules;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.AwsCatalogConfig;
import io.lakemesh.catalog.aws.GlueGovernanceCatalog;
import io.lakemesh.catalog.aws.S3Location;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A world's state on the loopback AWS services: Glue entries in the holders' catalogs, records as
 * S3 objects under the world's records root, changed from outside through the fakes.
 */
final class LoopbackStore implements MeshStore {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final LoopbackMesh mesh;
  private final GlueGovernanceCatalog catalog;

  LoopbackStore(LoopbackMesh mesh, GlueGovernanceCatalog catalog) {
    this.mesh = mesh;
    this.catalog = catalog;
  }

  @Override
  public GlueGovernanceCatalog catalog() {
    return catalog;
  }

  @Override
  public void dropTableOutside(TableId table) {
    AwsCatalogConfig config = catalog.config();
    String holder = config.account(config.account(table.catalog()).holder()).awsAccountId();
    mesh.aws()
        .glue()
        .deleteOutOfBand(holder, config.namePrefix() + table.database(), table.table());
  }

  /** Event N of log L is the object {@code audit/L/N.json} under the records root. */
  @Override
  public void rewriteAuditAfter(String log, long seq, String after) {
    S3Location root = catalog.config().recordsRoot();
    String key = root.key("audit/" + log + "/" + String.format("%020d", seq) + ".json");
    String bucket = root.bucket();
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(mesh.aws().s3().read(bucket, key));
      event.put("after", after);
      mesh.aws().s3().overwrite(bucket, key, JSON.writeValueAsString(event) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
