package dev.scribe.transport.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a JVM on the test classpath. */
public final class Subprocess {
  private Subprocess() {}

  public static String classpath() {
    // Surefire runs tests from a manifest-only jar; the real test classpath is in this property.
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java -Xmx128m <jvmArgs> -cp <test classpath> <main> <args>}. */
  public static List<String> command(List<String> jvmArgs, String main, String... args) {
    List<String> c = new ArrayList<>();
    c.add(java());
    c.add("-Xmx128m");
    c.addAll(jvmArgs);
    c.add("-cp");
    c.add(classpath());
    c.add(main);
    c.addAll(List.of(args));
    return c;
  }
}
