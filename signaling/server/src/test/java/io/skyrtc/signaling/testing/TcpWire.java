package io.skyrtc.signaling.testing;

import io.skyrtc.signaling.skynet.GateFrames;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** skynet's standard gate on the wire: a TCP listener, 2-byte big-endian length packets. */
final class TcpWire implements TestGate.Wire {
    private ServerSocket server;
    private volatile Socket client;
    private volatile OutputStream out;

    @Override
    public int listen(int port, TestGate gate) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        ServerSocket s = server;
        Thread t = new Thread(() -> accept(s, gate), "test-gate");
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    @Override
    public void stop() {
        try {
            server.close();
            if (client != null) {
                client.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        client = null;
        out = null;
    }

    @Override
    public boolean connected() {
        return out != null;
    }

    @Override
    public synchronized void send(byte[] payload) throws IOException {
        OutputStream o = out;
        if (o == null) {
            throw new IOException("no connection");
        }
        o.write(GateFrames.frame(payload));
        o.flush();
    }

    private void accept(ServerSocket s, TestGate gate) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                c.setTcpNoDelay(true);
                client = c;
                out = c.getOutputStream();
                BufferedInputStream in = new BufferedInputStream(c.getInputStream());
                byte[] p;
                while ((p = GateFrames.read(in)) != null) {
                    gate.received(p);
                }
            } catch (IOException e) {
                // listener closed or connection dropped
            }
        }
    }
}
