package org.ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ferry.Pipeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Pima pipeline (SimpleImputer(0) -> StandardScaler -> LogisticRegression) served through the
 * ferry JAR, beside a plain-Java implementation of the same arithmetic, in the same run.
 * The folder with pima.ferry and pima.params.txt comes from the system property ferry.bench.dir.
 */
@State(Scope.Benchmark)
public class PimaBenchmark {
  private static final int BATCH_ROWS = 1_000_000;

  private Pipeline pipeline;
  private double[] row;
  private Map<String, Object> mapRow;
  private double[][] batch;
  private double[] flatBatch;
  private double[] flatOut;
  private double[] statistics;
  private double[] mean;
  private double[] scale;
  private double[] coef;
  private double intercept;

  /** Loads the artifact and the fitted numbers for the plain-Java baseline. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path dir = Path.of(System.getProperty("ferry.bench.dir", "build/bench-java"));
    pipeline = Pipeline.load(dir.resolve("pima.ferry"));
    Map<String, String[]> params = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("pima.params.txt"))) {
      String[] parts = line.trim().split(" ");
      params.put(parts[0], java.util.Arrays.copyOfRange(parts, 1, parts.length));
    }
    String[] columns = params.get("columns");
    statistics = doubles(params.get("statistics"));
    mean = doubles(params.get("mean"));
    scale = doubles(params.get("scale"));
    coef = doubles(params.get("coef"));
    intercept = doubles(params.get("intercept"))[0];
    row = doubles(params.get("row"));
    mapRow = new HashMap<>();
    for (int j = 0; j < columns.length; j++) mapRow.put(columns[j], row[j]);
    batch = new double[BATCH_ROWS][];
    for (int i = 0; i < BATCH_ROWS; i++) {
      double[] r = row.clone();
      r[1] += i % 50;  // vary plas a little
      batch[i] = r;
    }
    flatBatch = new double[BATCH_ROWS * row.length];
    for (int i = 0; i < BATCH_ROWS; i++) System.arraycopy(batch[i], 0, flatBatch, i * row.length, row.length);
    flatOut = new double[BATCH_ROWS * 2];
    double[] viaJar = pipeline.predictProba(row);
    double plain = plainJava(row);
    if (Math.abs(viaJar[1] - plain) > 1e-12) {
      throw new IllegalStateException("plain-Java baseline disagrees with ferry: " + plain + " vs "
          + viaJar[1]);
    }
  }

  /** Frees the native pipeline. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pipeline.close();
  }

  private static double[] doubles(String[] hex) {
    double[] out = new double[hex.length];
    for (int i = 0; i < hex.length; i++) out[i] = Double.parseDouble(hex[i]);
    return out;
  }

  private double plainJava(double[] x) {
    double z = 0.0;
    for (int j = 0; j < x.length; j++) {
      double v = x[j];
      if (v == 0.0 || Double.isNaN(v)) v = statistics[j];
      z += coef[j] * ((v - mean[j]) / scale[j]);
    }
    return 1.0 / (1.0 + Math.exp(-(z + intercept)));
  }

  /** One row from double[] through the JAR. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public double[] singleRowArray() {
    return pipeline.predictProba(row);
  }

  /** One row from a Map through the JAR. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public double[] singleRowMap() {
    return pipeline.predictProba(mapRow);
  }

  /** The calibration library, loaded once per trial for {@link #singleRowJniCopy}. */
  @State(Scope.Benchmark)
  public static class Baseline {
    /** Loads libferry_bench_jni (see {@link JniBaseline}). */
    @Setup(Level.Trial)
    public void load() {
      JniBaseline.load();
    }
  }

  /**
   * One JNI call that copies the row in and two doubles out, as {@link #singleRowArray} does,
   * with no prediction: the JNI floor of this machine, for reading the single-row figures.
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public double[] singleRowJniCopy(Baseline baseline) {
    double[] out = new double[2];
    JniBaseline.copy(row, row.length, out, out.length);
    return out;
  }

  /** The same arithmetic written in plain Java: the floor for a JVM-only implementation. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public double singleRowPlainJava() {
    return plainJava(row);
  }

  /** 1e6 rows in one call through the JAR. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double[][] batchMillionRows() {
    return pipeline.predictProba(batch);
  }

  /** 1e6 rows in one call through the JAR, as one flat row-major double[] (no copy in). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double[] batchMillionRowsFlat() {
    return pipeline.predictProba(flatBatch, BATCH_ROWS);
  }

  /** 1e6 rows in one call, flat in and into a reused output buffer (no copy in, no allocation). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double[] batchMillionRowsFlatInto() {
    pipeline.predictProba(flatBatch, BATCH_ROWS, flatOut);
    return flatOut;
  }

  /** 1e6 rows in plain Java, one after the other. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double batchMillionRowsPlainJava() {
    double sum = 0.0;
    for (double[] r : batch) sum += plainJava(r);
    return sum;
  }

}
