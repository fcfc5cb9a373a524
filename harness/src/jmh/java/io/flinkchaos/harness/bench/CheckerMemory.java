package io.flinkchaos.harness.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.flinkchaos.harness.check.CheckResult;
import io.flinkchaos.harness.check.FileCommittedOutput;
import io.flinkchaos.harness.check.SequenceChecker;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The checker's memory over a large output: run with {@code -Xmx256m}. Generates {@code records}
 * over {@code keys} (default 100 M over 10 000) as part files, checks them once, and reports the
 * time, the heap in use after every GC during the check (the live set), the peak heap in use
 * (garbage included) and the heap limit.
 *
 * <p>Usage: {@code CheckerMemory [records] [keys] [dir]}
 */
public final class CheckerMemory {

  private CheckerMemory() {}

  public static void main(String[] args) throws Exception {
    long records = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
    int keys = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Path dir =
        Path.of(args.length > 2 ? args[2] : "target/checker-benchmark")
            .resolve("memory-" + records + "x" + keys);
    long perKey = records / keys;

    long generateStart = System.nanoTime();
    OutputGenerator.generate(dir, keys, perKey, 1_000_000);
    System.out.printf(
        "generated %d records over %d keys in %s in %.1f s%n",
        keys * perKey, keys, dir, (System.nanoTime() - generateStart) / 1e9);

    System.gc();
    AtomicLong maxAfterGc = new AtomicLong();
    AtomicLong gcs = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (!notification
                    .getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used =
                    info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                        .mapToLong(MemoryUsage::getUsed)
                        .sum();
                gcs.incrementAndGet();
                maxAfterGc.accumulateAndGet(used, Math::max);
              },
              null,
              null);
    }
    List<MemoryPoolMXBean> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

    // Samples the live set while the check runs: a full GC every 2 s, then the heap in use.
    AtomicLong maxSampledLive = new AtomicLong();
    AtomicLong samples = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  Thread.sleep(2000);
                  System.gc();
                  samples.incrementAndGet();
                  maxSampledLive.accumulateAndGet(
                      ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                      Math::max);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "live-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    long start = System.nanoTime();
    CheckResult result =
        SequenceChecker.forKeys(keys).withRecordsPerKey(perKey).check(new FileCommittedOutput(dir));
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    sampler.join();

    long peakUsed = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    long mb = 1024 * 1024;
    System.out.println(result.summary());
    System.out.printf(
        "checked %d records in %.1f s: %.1f M records/s, one thread%n",
        result.records(), seconds, result.records() / seconds / 1e6);
    System.out.printf(
        "heap: max %d MB; in use before the check %d MB; live (after GC) during the check: max"
            + " %d MB over %d sampled full GCs, max %d MB over all %d GCs; peak in use incl."
            + " garbage %d MB%n",
        Runtime.getRuntime().maxMemory() / mb,
        before / mb,
        maxSampledLive.get() / mb,
        samples.get(),
        maxAfterGc.get() / mb,
        gcs.get(),
        peakUsed / mb);
    if (!result.verdict().name().equals("VALID")) {
      System.exit(1);
    }
  }
}
