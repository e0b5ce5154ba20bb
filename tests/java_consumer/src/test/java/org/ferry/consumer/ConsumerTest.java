package org.ferry.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferry.Pipeline;
import org.junit.jupiter.api.Test;

/** Uses the installed JAR as a dependency, with nothing else of ferry's on the classpath. */
class ConsumerTest {
  @Test
  void loadsAndPredictsThroughTheInstalledJar() {
    Path golden = Path.of(System.getProperty("ferry.golden"));
    try (Pipeline p = Pipeline.load(golden)) {
      assertEquals(List.of("neg", "pos"), p.classes());
      double[] row = {23.5, 95.0, 22.0, 0, 0};
      double[] proba = p.predictProba(row);
      assertEquals(2, proba.length);
      assertEquals(1.0, proba[0] + proba[1], 1e-15);
      double[] viaMap = p.predictProba(
          Map.of("age", 23.5, "plas", 95.0, "mass", 22.0, "visits", 0L, "smoker", false));
      assertEquals(Double.doubleToRawLongBits(proba[1]), Double.doubleToRawLongBits(viaMap[1]));
    }
  }
}
