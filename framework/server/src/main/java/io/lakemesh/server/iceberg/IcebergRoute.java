package io.lakemesh.server.iceberg;

import io.lakemesh.server.PathTemplate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.RESTUtil;
import org.apache.iceberg.rest.credentials.ImmutableCredential;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.ReportMetricsRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.LoadTableResponse;

/**
 * The catalog operations of the Iceberg REST specification that the server implements (paths
 * without the optional {@code {prefix}}, which it does not use), each carried out by Iceberg's own
 * {@link CatalogHandlers} over the catalog the principal sees. Every change is first put to the
 * governance rules, which refuse it on record when the principal may not make it. An action answers
 * a response model, or null for 204 No Content.
 */
enum IcebergRoute {
  LIST_NAMESPACES(
      Endpoint.V1_LIST_NAMESPACES,
      call -> {
        String parent = call.query("parent");
        Namespace ns = parent == null ? Namespace.empty() : RESTUtil.decodeNamespace(parent);
        String size = call.query("pageSize");
        return size == null
            ? CatalogHandlers.listNamespaces(call.namespaces(), ns)
            : CatalogHandlers.listNamespaces(call.namespaces(), ns, call.query("pageToken"), size);
      }),
  CREATE_NAMESPACE(
      Endpoint.V1_CREATE_NAMESPACE,
      call -> {
        CreateNamespaceRequest request = call.body(CreateNamespaceRequest.class);
        call.changing("CREATE", "database", request.namespace());
        return CatalogHandlers.createNamespace(call.namespaces(), request);
      }),
  LOAD_NAMESPACE(
      Endpoint.V1_LOAD_NAMESPACE,
      call -> CatalogHandlers.loadNamespace(call.namespaces(), call.namespace())),
  NAMESPACE_EXISTS(
      Endpoint.V1_NAMESPACE_EXISTS,
      call -> {
        CatalogHandlers.namespaceExists(call.namespaces(), call.namespace());
        return null;
      }),
  DROP_NAMESPACE(
      Endpoint.V1_DELETE_NAMESPACE,
      call -> {
        call.changing("DROP", "database", call.namespace());
        CatalogHandlers.dropNamespace(call.namespaces(), call.namespace());
        return null;
      }),
  UPDATE_NAMESPACE(
      Endpoint.V1_UPDATE_NAMESPACE,
      call -> {
        call.changing("ALTER", "database", call.namespace());
        return CatalogHandlers.updateNamespaceProperties(
            call.namespaces(), call.namespace(), call.body(UpdateNamespacePropertiesRequest.class));
      }),
  LIST_TABLES(
      Endpoint.V1_LIST_TABLES,
      call -> {
        String size = call.query("pageSize");
        return size == null
            ? CatalogHandlers.listTables(call.catalog(), call.namespace())
            : CatalogHandlers.listTables(
                call.catalog(), call.namespace(), call.query("pageToken"), size);
      }),
  CREATE_TABLE(
      Endpoint.V1_CREATE_TABLE,
      call -> {
        CreateTableRequest request = call.body(CreateTableRequest.class);
        request.validate();
        call.changing("CREATE", TableIdentifier.of(call.namespace(), request.name()));
        return request.stageCreate()
            ? CatalogHandlers.stageTableCreate(call.catalog(), call.namespace(), request)
            : CatalogHandlers.createTable(call.catalog(), call.namespace(), request);
      }),
  REGISTER_TABLE(
      Endpoint.V1_REGISTER_TABLE,
      call -> {
        RegisterTableRequest request = call.body(RegisterTableRequest.class);
        request.validate();
        call.changing("REGISTER", TableIdentifier.of(call.namespace(), request.name()));
        return CatalogHandlers.registerTable(call.catalog(), call.namespace(), request);
      }),
  LOAD_TABLE(
      Endpoint.V1_LOAD_TABLE,
      call -> {
        LoadTableResponse loaded = CatalogHandlers.loadTable(call.catalog(), call.table());
        String location = loaded.tableMetadata().location();
        Map<String, String> storage = call.storageFor(call.table(), location);
        LoadTableResponse.Builder answer =
            LoadTableResponse.builder()
                .withTableMetadata(loaded.tableMetadata())
                .addAllConfig(loaded.config())
                .addAllConfig(storage);
        if (!storage.isEmpty()) {
          // Also as the REST specification's storage-credentials, which newer clients prefer:
          // the same settings, for the files under the table's location.
          answer.addCredential(
              ImmutableCredential.builder().prefix(location).config(storage).build());
        }
        return answer.build();
      }),
  TABLE_EXISTS(
      Endpoint.V1_TABLE_EXISTS,
      call -> {
        CatalogHandlers.tableExists(call.catalog(), call.table());
        return null;
      }),
  UPDATE_TABLE(
      Endpoint.V1_UPDATE_TABLE,
      call -> {
        UpdateTableRequest request = call.body(UpdateTableRequest.class);
        call.changing("COMMIT to", call.table());
        return CatalogHandlers.updateTable(call.catalog(), call.table(), request);
      }),
  DROP_TABLE(
      Endpoint.V1_DELETE_TABLE,
      call -> {
        call.changing("DROP", call.table());
        if (Boolean.parseBoolean(call.query("purgeRequested"))) {
          CatalogHandlers.purgeTable(call.catalog(), call.table());
        } else {
          CatalogHandlers.dropTable(call.catalog(), call.table());
        }
        return null;
      }),
  RENAME_TABLE(
      Endpoint.V1_RENAME_TABLE,
      call -> {
        RenameTableRequest request = call.body(RenameTableRequest.class);
        request.validate();
        call.changing("RENAME", request.source());
        call.changing("RENAME to", request.destination());
        CatalogHandlers.renameTable(call.catalog(), request);
        return null;
      }),
  REPORT_METRICS(
      Endpoint.V1_REPORT_METRICS,
      call -> {
        // Accepted and not kept: the server has no use for a client's scan metrics yet.
        call.body(ReportMetricsRequest.class);
        return null;
      }),
  COMMIT_TRANSACTION(
      Endpoint.V1_COMMIT_TRANSACTION,
      call -> {
        CommitTransactionRequest request = call.body(CommitTransactionRequest.class);
        request.validate();
        request.tableChanges().forEach(change -> call.changing("COMMIT to", change.identifier()));
        TransactionCommit.commit(call.catalog(), request);
        return null;
      }),
  LIST_VIEWS(
      Endpoint.V1_LIST_VIEWS,
      call -> {
        String size = call.query("pageSize");
        return size == null
            ? CatalogHandlers.listViews(call.views(), call.namespace())
            : CatalogHandlers.listViews(
                call.views(), call.namespace(), call.query("pageToken"), size);
      }),
  CREATE_VIEW(
      Endpoint.V1_CREATE_VIEW,
      call -> {
        CreateViewRequest request = call.body(CreateViewRequest.class);
        call.changing("CREATE", "view", TableIdentifier.of(call.namespace(), request.name()));
        return CatalogHandlers.createView(call.views(), call.namespace(), request);
      }),
  LOAD_VIEW(Endpoint.V1_LOAD_VIEW, call -> CatalogHandlers.loadView(call.views(), call.view())),
  VIEW_EXISTS(
      Endpoint.V1_VIEW_EXISTS,
      call -> {
        CatalogHandlers.viewExists(call.views(), call.view());
        return null;
      }),
  UPDATE_VIEW(
      Endpoint.V1_UPDATE_VIEW,
      call -> {
        UpdateTableRequest request = call.body(UpdateTableRequest.class);
        call.changing("REPLACE", "view", call.view());
        return CatalogHandlers.updateView(call.views(), call.view(), request);
      }),
  DROP_VIEW(
      Endpoint.V1_DELETE_VIEW,
      call -> {
        call.changing("DROP", "view", call.view());
        CatalogHandlers.dropView(call.views(), call.view());
        return null;
      }),
  RENAME_VIEW(
      Endpoint.V1_RENAME_VIEW,
      call -> {
        RenameTableRequest request = call.body(RenameTableRequest.class);
        request.validate();
        call.changing("RENAME", "view", request.source());
        call.changing("RENAME to", "view", request.destination());
        CatalogHandlers.renameView(call.views(), request);
        return null;
      });

  record Match(IcebergRoute route, Map<String, String> vars) {}

  private final Endpoint endpoint;
  private final PathTemplate path;
  private final Function<IcebergCall, Object> action;

  IcebergRoute(Endpoint endpoint, Function<IcebergCall, Object> action) {
    this.endpoint = endpoint;
    this.path = PathTemplate.of(endpoint.path().replace("/{prefix}", ""));
    this.action = action;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  Object apply(IcebergCall call) {
    return action.apply(call);
  }

  /**
   * The route of a method and a raw (still encoded) path such as {@code v1/namespaces/a%1Fb}; a
   * path served for other methods only is reported through {@code knownPath}.
   */
  static Optional<Match> match(String method, String[] path, boolean[] knownPath) {
    for (IcebergRoute route : values()) {
      Map<String, String> vars = route.path.match(path);
      if (vars == null) {
        continue;
      }
      if (route.endpoint.httpMethod().equalsIgnoreCase(method)) {
        return Optional.of(new Match(route, vars));
      }
      knownPath[0] = true;
    }
    return Optional.empty();
  }
}
