package io.orderflow.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Plain sockets to the servers, so that a test sees them as any client does. */
final class TestSockets {
  static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
    socket.setSoTimeout(5_000);
    return socket;
  }

  /** Sends one RESP command; returns a simple reply's line or a bulk reply's content. */
  static String command(Socket socket, BufferedReader replies, String... words) throws IOException {
    StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
    for (String word : words) {
      request.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
    }
    socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
    String reply = replies.readLine();
    return reply.startsWith("$") && !reply.equals("$-1") ? replies.readLine() : reply;
  }

  private TestSockets() {}
}
