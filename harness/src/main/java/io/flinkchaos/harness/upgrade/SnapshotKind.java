package io.flinkchaos.harness.upgrade;

/** What an upgraded (or resumed) job was started from. */
public enum SnapshotKind {
  NONE,
  SAVEPOINT,
  CHECKPOINT
}
