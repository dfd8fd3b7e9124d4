package dev.scribe.bench.load;

import java.util.ArrayList;
import java.util.List;

/** Splits a complete {@code text/event-stream} body into the data of its events. */
final class SseEvents {
  private SseEvents() {}

  /**
   * The data of each event that has any, in order. Multi-line data is joined with "\n"; one
   * space after "data:" is dropped; comments and other fields (id, event, retry) are ignored;
   * lines may end in LF, CRLF or CR.
   */
  static List<String> data(String stream) {
    List<String> out = new ArrayList<>();
    StringBuilder data = null;
    for (String line : stream.split("\r\n|\r|\n", -1)) {
      if (line.isEmpty()) {
        if (data != null && data.length() > 0) out.add(data.toString());
        data = null;
        continue;
      }
      if (!line.startsWith("data")) continue;
      String value;
      if (line.equals("data")) value = "";
      else if (line.startsWith("data:")) value = line.substring(line.startsWith("data: ") ? 6 : 5);
      else continue; // a field named e.g. "dataset"
      if (data == null) data = new StringBuilder(value);
      else data.append('\n').append(value);
    }
    // A stream that ends without a blank line still dispatches nothing, as in the SSE spec.
    return out;
  }
}
