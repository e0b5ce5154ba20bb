package org.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One Pipeline serves many threads at once, with the single-thread results. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PREDICTIONS = 100_000;
  private static final int DISTINCT_ROWS = 1_000;

  private static double[][] rows() {
    Random random = new Random(7);
    double[][] rows = new double[DISTINCT_ROWS][];
    for (int i = 0; i < DISTINCT_ROWS; i++) {
      rows[i] = new double[] {20 + 50 * random.nextDouble(),
          random.nextInt(10) == 0 ? Double.NaN : 60 + 120 * random.nextDouble(),
          15 + 30 * random.nextDouble(), random.nextInt(8), random.nextInt(2)};
    }
    return rows;
  }

  @Test
  void eightThreadsMatchOneThread() throws Exception {
    double[][] rows = rows();
    try (Pipeline p = Pipeline.load(TestFiles.golden("golden_v1.ferry"))) {
      long[] expected = new long[DISTINCT_ROWS];
      for (int i = 0; i < DISTINCT_ROWS; i++) {
        expected[i] = Double.doubleToRawLongBits(p.predictProba(rows[i])[1]);
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          final int offset = t * 37;
          futures.add(pool.submit(() -> {
            int mismatches = 0;
            for (int n = 0; n < PREDICTIONS; n++) {
              int i = (n + offset) % DISTINCT_ROWS;
              if (Double.doubleToRawLongBits(p.predictProba(rows[i])[1]) != expected[i]) {
                mismatches++;
              }
            }
            return mismatches;
          }));
        }
        for (Future<Integer> f : futures) {
          assertEquals(0, f.get(5, TimeUnit.MINUTES));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void closeWhileOtherThreadsPredict() throws Exception {
    double[][] rows = rows();
    for (int round = 0; round < 20; round++) {
      Pipeline p = Pipeline.load(TestFiles.golden("golden_v1.ferry"));
      AtomicBoolean unexpected = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread thread = new Thread(() -> {
          try {
            for (int n = 0; ; n++) {
              p.predictProba(rows[n % DISTINCT_ROWS]);
            }
          } catch (IllegalStateException closed) {
            // the expected way out
          } catch (Throwable other) {
            unexpected.set(true);
          }
        });
        thread.start();
        threads.add(thread);
      }
      Thread.sleep(5);
      p.close();
      for (Thread thread : threads) {
        thread.join(60_000);
        assertTrue(!thread.isAlive());
      }
      assertTrue(!unexpected.get());
    }
  }
}
