package org.ferry.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JNI call that copies a row in and two doubles out and does nothing else: the floor under a
 * single-row prediction through any JNI library, measured in the same run as ferry's. The library
 * comes from benchmarks/java/native (the system property ferry.bench.baseline names its file).
 */
final class JniBaseline {
  static final String PROPERTY = "ferry.bench.baseline";

  private JniBaseline() {}

  /** Loads the calibration library, or says which property to set and how to build it. */
  static void load() {
    String file = System.getProperty(PROPERTY);
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      throw new IllegalStateException("expected -D" + PROPERTY + "=<path of libferry_bench_jni.so>, found "
          + (file == null ? "no such property" : "no file at " + file)
          + ": build it with benchmarks/java/run, or cmake -S benchmarks/java/native");
    }
    System.load(Path.of(file).toAbsolutePath().toString());
  }

  /** Copies in[0, nIn) into native memory and its first nOut values back into out. */
  static native void copy(double[] in, int nIn, double[] out, int nOut);
}
