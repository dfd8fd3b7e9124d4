package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.EventLogException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code VerifyMain <log directory>}: prints the verification result; exits 0 when the chain is
 * intact, 1 on damage, 2 when the directory cannot be read or the arguments are wrong.
 */
public final class VerifyMain {
  private VerifyMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The testable body of {@link #main}: returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1) {
      err.println("usage: VerifyMain <event log directory>");
      return 2;
    }
    VerifyReport report;
    try {
      report = ChronicleLogVerifier.verify(Path.of(args[0]));
    } catch (EventLogException e) {
      err.println("verify: " + e.getMessage());
      return 2;
    }
    for (CutDocument c : report.cutDocuments()) {
      out.println("cut document at position " + c.position() + " (not served): " + c.reason());
    }
    if (report.damage().isPresent()) {
      VerifyReport.Damage d = report.damage().get();
      out.println("DAMAGED at position " + d.position() + ": " + d.reason());
      out.println(report.eventsVerified() + " events verified before the damage");
      return 1;
    }
    out.println("OK: " + report.eventsVerified() + " events, hash chain intact");
    return 0;
  }
}
