package io.lakemesh.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads a request's body before the API handler runs, without holding a request thread while the
 * bytes arrive: a client that sends its body one byte at a time then costs a connection, not one of
 * the few threads that every other request needs. Plugged into Jetty's {@link EagerContentHandler};
 * unlike its retaining loader, it copies the bytes, so a body trickled in tiny chunks keeps no
 * network buffer per chunk. It keeps at most one byte past the limit, so the handler can still tell
 * an oversized body (and refuse it) from one that fits.
 */
final class BufferedBodies implements EagerContentHandler.ContentLoaderFactory {
  private final long maxBytes;

  BufferedBodies(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public String getApplicableMimeType() {
    return null; // every content type
  }

  @Override
  public EagerContentHandler.ContentLoader newContentLoader(
      String contentType,
      String mimeType,
      Handler handler,
      Request request,
      Response response,
      Callback callback) {
    return new Loader(handler, request, response, callback, maxBytes + 1);
  }

  private static final class Loader extends EagerContentHandler.ContentLoader
      implements Invocable.Task {
    private final long keep;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Content.Chunk end;

    Loader(Handler handler, Request request, Response response, Callback callback, long keep) {
      super(handler, request, response, callback);
      this.keep = keep;
    }

    @Override
    protected void load() {
      read(false);
    }

    /** More bytes arrived (called by Jetty, possibly on a network thread: it never blocks). */
    @Override
    public void run() {
      read(true);
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }

    private void read(boolean onDemand) {
      while (true) {
        Content.Chunk chunk = getRequest().read();
        if (chunk == null) {
          getRequest().demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          end = chunk; // too slow (the minimum data rate) or the connection broke
          break;
        }
        ByteBuffer data = chunk.getByteBuffer();
        int take = (int) Math.min(data.remaining(), keep - bytes.size());
        byte[] copy = new byte[take];
        data.get(copy);
        bytes.write(copy, 0, take);
        boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          end = Content.Chunk.EOF;
          break;
        }
        if (bytes.size() >= keep) {
          break; // over the limit: the handler refuses the body and reads off the rest itself
        }
      }
      if (onDemand) {
        getRequest().getContext().execute(this::dispatch);
      } else {
        dispatch();
      }
    }

    private void dispatch() {
      handle(new Buffered(getRequest(), bytes.toByteArray(), end), getResponse(), getCallback());
    }
  }

  /**
   * The request with its body served from the buffer, then its end (or the rest, past the limit).
   */
  private static final class Buffered extends Request.Wrapper {
    private Content.Chunk buffered;
    private final Content.Chunk end;

    Buffered(Request request, byte[] body, Content.Chunk end) {
      super(request);
      this.buffered = body.length == 0 ? null : Content.Chunk.from(ByteBuffer.wrap(body), false);
      this.end = end;
    }

    @Override
    public Content.Chunk read() {
      if (buffered != null) {
        Content.Chunk out = buffered;
        buffered = null;
        return out;
      }
      return end != null ? end : super.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
      if (buffered != null || end != null) {
        demandCallback.run();
      } else {
        super.demand(demandCallback);
      }
    }
  }
}
