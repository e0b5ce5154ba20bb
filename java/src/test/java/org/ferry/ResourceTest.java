package org.ferry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Loading and closing does not leak native (or Java) memory. */
class ResourceTest {
  private static final int CYCLES = 10_000;
  private static final long SLACK_KB = 20 * 1024;

  /** VmRSS of this process in kB, from /proc/self/status. */
  private static long rssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  private static void cycles(byte[] bytes, int n) {
    double[] row = {44.0, 120.0, 30.0, 2, 0};
    for (int i = 0; i < n; i++) {
      try (Pipeline p = Pipeline.fromBytes(bytes)) {
        p.predictProba(row);
      }
    }
  }

  @Test
  void loadCloseCyclesDoNotGrowRss() throws Exception {
    byte[] bytes = Files.readAllBytes(TestFiles.golden("golden_v1.ferry"));
    cycles(bytes, 2_000); // warm-up: JIT, allocator arenas, heap pages
    System.gc();
    long before = rssKb();
    cycles(bytes, CYCLES);
    System.gc();
    long after = rssKb();
    assertTrue(after - before < SLACK_KB,
        "RSS grew from " + before + " kB to " + after + " kB over " + CYCLES + " cycles");
  }

  @Test
  void unclosedPipelinesAreCleaned() throws Exception {
    byte[] bytes = Files.readAllBytes(TestFiles.golden("golden_v1.ferry"));
    double[] row = {44.0, 120.0, 30.0, 2, 0};
    for (int i = 0; i < 2_000; i++) {
      Pipeline.fromBytes(bytes).predictProba(row);
    }
    System.gc();
    long before = rssKb();
    for (int i = 0; i < CYCLES; i++) {
      Pipeline.fromBytes(bytes).predictProba(row); // never closed: the Cleaner frees it
      if (i % 1_000 == 0) {
        System.gc();
      }
    }
    System.gc();
    Thread.sleep(200);
    long after = rssKb();
    assertTrue(after - before < SLACK_KB,
        "RSS grew from " + before + " kB to " + after + " kB over " + CYCLES + " unclosed loads");
  }
}
