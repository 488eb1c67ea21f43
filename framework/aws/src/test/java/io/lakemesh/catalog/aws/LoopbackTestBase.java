package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.catalog.aws.loopback.RecordingInterceptor;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.GrantFixtures;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A catalog on the loopback mesh whose SDK calls are recorded by an interceptor. */
abstract class LoopbackTestBase {
  @TempDir Path dir;
  LoopbackMesh mesh;
  LoopbackAws aws;
  RecordingInterceptor recorded;
  GlueGovernanceCatalog catalog;

  @BeforeEach
  void startLoopback() {
    mesh = new LoopbackMesh(dir);
    aws = mesh.aws();
    recorded = new RecordingInterceptor();
    catalog = open(Map.of());
  }

  /** A grant carried out by the governance account on the producer's behalf. */
  static Grant byGovernance(
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable) {
    return GrantFixtures.grantOf(grantee, resource)
        .permissions(permissions)
        .grantable(grantable)
        .build();
  }

  /** SELECT re-granted by marketing's administrator inside its account, on grant {@code option}. */
  static Grant reGrantByMarketing(Principal grantee, Resource resource, long option) {
    return Grant.builder(grantee, resource, Set.of(Permission.SELECT))
        .catalog("marketing")
        .grantor(Principal.administrator("marketing"))
        .authorisation(Authorisation.grant(option))
        .grantedAt(CatalogFixtures.T0)
        .build();
  }

  /** A request or resource document, as a test writes it by hand. */
  static JsonNode json(String text) {
    try {
      return JsonMapper.builder().build().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Another catalog on the same loopback mesh, with some properties changed. */
  GlueGovernanceCatalog open(Map<String, String> overrides) {
    Map<String, String> properties = new LinkedHashMap<>(mesh.properties());
    properties.putAll(overrides);
    return mesh.catalog(properties, List.of(recorded));
  }

  @AfterEach
  void stopLoopback() {
    if (catalog != null) {
      catalog.close();
    }
    mesh.close();
  }
}
