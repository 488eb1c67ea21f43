package io.lakemesh.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * Why a catalog server could not be reached, and what to check. The JDK's HTTP client reports a
 * refused connection or an unknown host with no message of its own, so the cause is named from the
 * exception's kind.
 */
final class Unreachable {
  private Unreachable() {}

  /** The sentence after "catalog server URL unreachable: ". */
  static String why(URI server, IOException e) {
    // The client wraps the cause in a ConnectException of its own: look at the whole chain first.
    if (caused(e, UnknownHostException.class) || caused(e, UnresolvedAddressException.class)) {
      return "the host name '"
          + server.getHost()
          + "' does not resolve; check the host of"
          + " lakemesh.catalog.url";
    }
    Throwable tls = cause(e, SSLException.class);
    if (tls != null) {
      return "TLS failed ("
          + tls.getMessage()
          + "); check that the server serves https with a"
          + " certificate lakemesh.catalog.tls.ca trusts";
    }
    if (caused(e, HttpTimeoutException.class)) {
      return "no answer in time; check that the server is up and that no firewall drops"
          + " connections to port "
          + port(server);
    }
    if (caused(e, ConnectException.class)) {
      return "connection refused at "
          + server.getHost()
          + ":"
          + port(server)
          + "; check that"
          + " 'lakemesh serve' runs there and that lakemesh.catalog.url names its port";
    }
    return (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
        + "; check lakemesh.catalog.url and that the server is up";
  }

  private static boolean caused(Throwable e, Class<? extends Throwable> kind) {
    return cause(e, kind) != null;
  }

  private static Throwable cause(Throwable e, Class<? extends Throwable> kind) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (kind.isInstance(t)) {
        return t;
      }
    }
    return null;
  }

  private static int port(URI server) {
    if (server.getPort() >= 0) {
      return server.getPort();
    }
    return "https".equals(server.getScheme()) ? 443 : 80;
  }
}
