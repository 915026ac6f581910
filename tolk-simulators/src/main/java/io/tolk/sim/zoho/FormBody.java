package io.tolk.sim.zoho;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of an HTML-form request body, as the accounts server reads them: {@code
 * application/x-www-form-urlencoded} (what most HTTP clients send, and Zoho's documented form) and {@code
 * multipart/form-data} (what Zoho's official SDKs send, through the {@code form-data} package in Node). A body of any
 * other content type carries no form parameters: {@link #parse} answers null for it, and the caller decides.
 * A content type missing altogether is read as url-encoded (the HTML default). The first value of a repeated name
 * wins, as in the query string.
 */
final class FormBody {
  private FormBody() {
  }

  /** The body's form parameters, or null when the content type is not a form (or a multipart body has no boundary). */
  static Map<String, String> parse(String contentType, byte[] body) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).trim();
    if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded")) {
      return urlEncoded(new String(body, StandardCharsets.UTF_8));
    }
    if (type.startsWith("multipart/form-data")) {
      String boundary = parameter(contentType, "boundary");
      return boundary == null || boundary.isEmpty() ? null : multipart(body, boundary);
    }
    return null;
  }

  private static Map<String, String> urlEncoded(String text) {
    Map<String, String> p = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      p.putIfAbsent(k, v);
    }
    return p;
  }

  /**
   * RFC 7578: parts separated by {@code --boundary} lines, each with its headers, an empty line and the value. Only
   * parts with a {@code Content-Disposition: form-data; name="..."} header count; a file part is read as text like
   * any other (the token endpoint has no file parameters). Parsing stops at the closing {@code --boundary--} or at
   * the end of the body.
   */
  private static Map<String, String> multipart(byte[] body, String boundary) {
    Map<String, String> p = new LinkedHashMap<>();
    String text = new String(body, StandardCharsets.ISO_8859_1); // byte-for-byte, so offsets stay byte offsets
    String delimiter = "--" + boundary;
    int at = text.indexOf(delimiter);
    while (at >= 0) {
      int afterDelimiter = at + delimiter.length();
      if (text.startsWith("--", afterDelimiter)) break; // the closing delimiter
      int headersStart = text.indexOf("\r\n", afterDelimiter);
      if (headersStart < 0) break;
      headersStart += 2;
      int headersEnd = text.indexOf("\r\n\r\n", headersStart - 2);
      if (headersEnd < 0) break;
      int next = text.indexOf("\r\n" + delimiter, headersEnd + 4);
      if (next < 0) break; // a part that never ends is not a part
      String name = null;
      for (String line : text.substring(headersStart, headersEnd).split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
          String disposition = line.substring(colon + 1).trim();
          if (disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) name = parameter(disposition, "name");
        }
      }
      if (name != null) {
        byte[] value = text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
        p.putIfAbsent(new String(name.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8),
            new String(value, StandardCharsets.UTF_8));
      }
      at = next + 2;
    }
    return p;
  }

  /** The value of {@code name=value} or {@code name="value"} in a header such as Content-Type, or null. */
  static String parameter(String header, String name) {
    for (String piece : header.split(";")) {
      int eq = piece.indexOf('=');
      if (eq < 0 || !piece.substring(0, eq).trim().equalsIgnoreCase(name)) continue;
      String v = piece.substring(eq + 1).trim();
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
      return v;
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
