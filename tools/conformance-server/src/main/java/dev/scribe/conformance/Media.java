package dev.scribe.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** The smallest valid media the image and audio scenarios need. */
final class Media {
  private Media() {}

  /** A 1x1 red RGB PNG (69 bytes). */
  static final byte[] RED_PIXEL_PNG =
      Base64.getDecoder()
          .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

  /** 0.1 s of silence: PCM WAV, 8 kHz, mono, 16 bit (a RIFF header and 800 zero samples). */
  static final byte[] SILENCE_WAV = silence(8000, 800);

  private static byte[] silence(int sampleRate, int samples) {
    int dataBytes = samples * 2;
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
    b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1);
    b.putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
    b.put(ascii("data")).putInt(dataBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream(44 + dataBytes);
    out.writeBytes(b.array());
    out.writeBytes(new byte[dataBytes]);
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
