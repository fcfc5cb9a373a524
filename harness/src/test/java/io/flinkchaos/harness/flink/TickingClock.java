package io.flinkchaos.harness.flink;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for tests that moves one millisecond forward on every read: deterministic, and never
 * reports two events at the same instant, so "restored after the savepoint was triggered" is
 * decided by order, not by how fast the machine is.
 */
public final class TickingClock extends Clock {

  private final AtomicLong millis;

  public TickingClock() {
    this(Instant.parse("2025-01-01T00:00:00Z"));
  }

  public TickingClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.getAndIncrement());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a TickingClock is always UTC");
  }
}
