package dev.scribe.domain.sentinel;

import java.util.Optional;

/** How far a linked fix has got, in order: proposed &lt; landed &lt; verified. */
public enum LandingStatus {
  PROPOSED("proposed"),
  LANDED("landed"),
  VERIFIED("verified");

  private final String wire;

  LandingStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean atLeast(LandingStatus other) {
    return compareTo(other) >= 0;
  }

  public static Optional<LandingStatus> fromWire(String s) {
    for (LandingStatus l : values()) if (l.wire.equals(s)) return Optional.of(l);
    return Optional.empty();
  }
}
