package io.smtpscope.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener on 127.0.0.1 (an ephemeral port) that runs one scripted {@link Behaviour} per accepted
 * connection on a virtual thread. Bounded: at most {@link #MAX_CONNECTIONS} connections are served
 * (later ones are closed at once), and {@link #close()} closes every socket so no behaviour outlives
 * its test, whatever it is blocked in.
 */
public final class LoopbackServer implements AutoCloseable {
    static final int MAX_CONNECTIONS = 32;

    /** What the server does with one connection; it may block, the socket is closed for it at the end. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket) throws Exception;
    }

    private final ServerSocket listener;
    private final Behaviour behaviour;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    public LoopbackServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections were accepted so far (a scenario can check the probe connected once). */
    public int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException closed) {
                return;
            }
            if (accepted.incrementAndGet() > MAX_CONNECTIONS) {
                Conversation.closeQuietly(socket);
                continue;
            }
            open.add(socket);
            threads.submit(() -> {
                try {
                    behaviour.serve(socket);
                } catch (Exception | Error expected) {
                    // the client went away, or the behaviour ended the connection on purpose
                } finally {
                    open.remove(socket);
                    Conversation.closeQuietly(socket);
                }
            });
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        open.forEach(Conversation::closeQuietly);
        threads.shutdownNow();
    }
}
