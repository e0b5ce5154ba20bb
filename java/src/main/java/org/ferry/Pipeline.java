package org.ferry;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.ferry.internal.NativePipeline;

/**
 * A fitted ferry pipeline loaded from an artifact, ready to predict.
 *
 * <p>All the math runs in ferry's C++ core: the same artifact and input give the same doubles, to
 * the last bit, as from C++ and Python. Input is matched to the pipeline's {@link #schema()}:
 * numeric rows as {@code double[]} in schema order, or any row as a {@code Map} from column name
 * to value ({@link Number}, {@link String}, {@link Boolean}, or {@code null} for missing).
 *
 * <p>One pipeline serves many threads at once. {@link #close()} frees the native memory
 * (idempotent; it waits for calls in flight); a call after close throws {@link
 * IllegalStateException}. A pipeline that is never closed is freed by a {@link Cleaner} once
 * unreachable.
 *
 * <pre>{@code
 * try (Pipeline p = Pipeline.load(Path.of("pima.ferry"))) {
 *   double[] proba = p.predictProba(Map.of("plas", 148.0, "age", 50L));
 * }
 * }</pre>
 */
public final class Pipeline implements AutoCloseable {
  // Cell kinds of the row encoding; they must agree with ferry_jni::CellKind.
  private static final byte CELL_NULL = 0;
  private static final byte CELL_DOUBLE = 1;
  private static final byte CELL_INT64 = 2;
  private static final byte CELL_BOOL = 3;
  private static final byte CELL_STRING = 4;

  private static final int TASK_CLASSIFICATION = 1;
  private static final int TASK_REGRESSION = 2;

  // Kinds of NativePipeline.numericInto.
  private static final int KIND_PROBA = 0;
  private static final int KIND_DECISION = 1;

  private static final Cleaner CLEANER = Cleaner.create();

  /** Frees the native pipeline; holds no reference to the Pipeline itself. */
  private static final class Release implements Runnable {
    private final NativePipeline handle;

    Release(NativePipeline handle) {
      this.handle = handle;
    }

    @Override
    public void run() {
      handle.delete();
    }
  }

  private final NativePipeline handle;
  private final Cleaner.Cleanable cleanable;
  // The close()-vs-call guard: the low bits count native calls in flight, CLOSED marks a closed
  // pipeline. A call adds 1 and backs off if CLOSED was set; close() sets CLOSED and frees the
  // native memory only once the count has drained to 0, so memory in use is never freed. (One
  // atomic add per call and one on return, cheaper than a read-write lock.)
  private static final int CLOSED = 0x4000_0000;
  private final AtomicInteger state = new AtomicInteger();
  private volatile boolean freed;

  private final List<Column> schema;
  private final List<Object> classes;
  private final Map<String, String> metadata;
  private final int formatVersion;
  private final int task;
  private final int width;
  private final int probaWidth;
  private final int decisionWidth;
  // For the Map fast path: column name to schema index, and per column its numeric kind
  // (CELL_DOUBLE for float64, CELL_INT64, CELL_BOOL) and whether it is nullable. Null when the
  // schema has a string column (then every Map goes through the general cell path).
  private final Map<String, Integer> columnIndex;
  private final byte[] columnKinds;
  private final boolean[] columnNullable;

  private Pipeline(NativePipeline handle) {
    this.handle = handle;
    this.cleanable = CLEANER.register(this, new Release(handle));
    try {
      String[] names = handle.column_names();
      String[] types = handle.column_types();
      List<Column> columns = new ArrayList<>(names.length);
      for (int i = 0; i < names.length; i++) {
        columns.add(new Column(names[i], types[i], handle.column_nullable(i)));
      }
      this.schema = Collections.unmodifiableList(columns);
      this.width = names.length;
      Map<String, Integer> index = new java.util.HashMap<>();
      byte[] kinds = new byte[names.length];
      boolean[] nullable = new boolean[names.length];
      boolean numericSchema = true;
      for (int i = 0; i < names.length; i++) {
        index.put(names[i], i);
        nullable[i] = columns.get(i).nullable();
        switch (types[i]) {
          case "float64" -> kinds[i] = CELL_DOUBLE;
          case "int64" -> kinds[i] = CELL_INT64;
          case "bool" -> kinds[i] = CELL_BOOL;
          default -> numericSchema = false;
        }
      }
      this.columnIndex = numericSchema && index.size() == names.length ? index : null;
      this.columnKinds = kinds;
      this.columnNullable = nullable;
      int n = (int) handle.n_classes();
      List<Object> labels = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        switch (handle.class_kind(i)) {
          case CELL_DOUBLE -> labels.add(handle.class_double(i));
          case CELL_INT64 -> labels.add(handle.class_long(i));
          case CELL_BOOL -> labels.add(handle.class_long(i) != 0);
          case CELL_STRING -> labels.add(handle.class_string(i));
          default -> labels.add(null);
        }
      }
      this.classes = Collections.unmodifiableList(labels);
      String[] flat = handle.metadata();
      Map<String, String> meta = new LinkedHashMap<>();
      for (int i = 0; i + 1 < flat.length; i += 2) {
        meta.put(flat[i], flat[i + 1]);
      }
      this.metadata = Collections.unmodifiableMap(meta);
      this.formatVersion = handle.format_version();
      this.task = handle.task();
      this.probaWidth = Math.toIntExact(handle.numeric_width(KIND_PROBA));
      this.decisionWidth = Math.toIntExact(handle.numeric_width(KIND_DECISION));
    } catch (RuntimeException | Error e) {
      cleanable.clean();
      throw e;
    }
  }

  /**
   * Loads a pipeline from an artifact file.
   *
   * @param path the artifact file
   * @return the loaded pipeline
   * @throws ArtifactException when the file cannot be read or is not a valid ferry artifact
   */
  public static Pipeline load(Path path) {
    return load(path, true);
  }

  /**
   * Loads a pipeline from an artifact file, recomputing the verify rows stored in it unless
   * {@code verify} is false.
   *
   * @param path the artifact file
   * @param verify recompute the stored verify rows and refuse the file when they differ
   * @return the loaded pipeline
   * @throws ArtifactException when the file cannot be read, is not a valid ferry artifact, or
   *     (verify) its stored rows give other outputs here
   */
  public static Pipeline load(Path path, boolean verify) {
    Objects.requireNonNull(path, "path");
    NativeLoader.load();
    // The core reads the file: one reader, one size limit, the path named in every error.
    return new Pipeline(NativePipeline.load(path.toAbsolutePath().toString(), verify));
  }

  /**
   * Loads a pipeline from artifact bytes (as written by {@code save} in any ferry face),
   * recomputing the verify rows stored in it.
   *
   * @param artifact the artifact bytes
   * @return the loaded pipeline
   * @throws ArtifactException when the bytes are not a valid ferry artifact or its stored rows
   *     give other outputs here
   */
  public static Pipeline fromBytes(byte[] artifact) {
    return fromBytes(artifact, true);
  }

  /**
   * Loads a pipeline from artifact bytes, recomputing the stored verify rows unless
   * {@code verify} is false.
   *
   * @param artifact the artifact bytes
   * @param verify recompute the stored verify rows and refuse the bytes when they differ
   * @return the loaded pipeline
   * @throws ArtifactException when the bytes are not a valid ferry artifact, or (verify) its
   *     stored rows give other outputs here
   */
  public static Pipeline fromBytes(byte[] artifact, boolean verify) {
    Objects.requireNonNull(artifact, "artifact");
    NativeLoader.load();
    return new Pipeline(NativePipeline.from_bytes(artifact, verify));
  }

  /**
   * Recomputes the verify rows stored with the artifact (a no-op when it has none).
   *
   * @throws ArtifactException naming the first output that differs from the stored one by more
   *     than 1e-9 relative
   */
  public void verify() {
    checkOpen();
    handle.verify();
  }

  /**
   * The model id: a hash of the stored steps, schema and output description (not of the
   * metadata), 32 hex digits, the same in every ferry face.
   *
   * @return the id
   */
  public String modelId() {
    checkOpen();
    return metadata.get("model_id");
  }

  // ---- numeric rows -----------------------------------------------------------------------

  /**
   * Class probabilities for one numeric row, in {@link #classes()} order.
   *
   * @param row one value per schema column, in schema order (NaN = missing)
   * @return one probability per class
   * @throws SchemaException when the row has the wrong width or the schema is not numeric
   */
  public double[] predictProba(double[] row) {
    Objects.requireNonNull(row, "row");
    return numeric(KIND_PROBA, row, 1);
  }

  /**
   * Class probabilities for numeric rows. Each row is copied into one flat array and each
   * result row is a new array; for large batches
   * {@link #predictProba(double[], int, double[])} does neither and is several times faster.
   *
   * @param rows rows of one value per schema column, in schema order
   * @return per row, one probability per class
   * @throws SchemaException when a row has the wrong width or the schema is not numeric
   */
  public double[][] predictProba(double[][] rows) {
    double[] flat = flatten(rows);
    return split(numeric(KIND_PROBA, flat, rows.length), rows.length);
  }

  /**
   * The decision function for one numeric row: one value for binary classifiers and regressors,
   * one per class for multinomial classifiers.
   *
   * @param row one value per schema column, in schema order
   * @return the decision values
   * @throws SchemaException when the row has the wrong width or the schema is not numeric
   */
  public double[] decisionFunction(double[] row) {
    Objects.requireNonNull(row, "row");
    return numeric(KIND_DECISION, row, 1);
  }

  /**
   * The decision function for numeric rows. Each row is copied into one flat array and each
   * result row is a new array; for large batches
   * {@link #decisionFunction(double[], int, double[])} does neither and is several times faster.
   *
   * @param rows rows of one value per schema column, in schema order
   * @return per row, the decision values
   * @throws SchemaException when a row has the wrong width or the schema is not numeric
   */
  public double[][] decisionFunction(double[][] rows) {
    double[] flat = flatten(rows);
    return split(numeric(KIND_DECISION, flat, rows.length), rows.length);
  }

  /**
   * Class probabilities for many numeric rows packed in one flat array: the fastest batch path
   * (one native call, the input read in place without a copy).
   *
   * @param rowsRowMajor {@code nRows} rows of one value per schema column, in schema order, one
   *     row after the other (NaN = missing)
   * @param nRows the number of rows; {@code rowsRowMajor.length} must be {@code nRows} times the
   *     number of schema columns
   * @return {@code nRows} times {@code classes().size()} probabilities, row after row, the same
   *     bits as {@link #predictProba(double[][])}
   * @throws SchemaException when the length does not match, a value is missing where the schema
   *     does not allow it, or the schema is not numeric
   * @throws IllegalArgumentException when {@code nRows} is negative
   */
  public double[] predictProba(double[] rowsRowMajor, int nRows) {
    return numeric(KIND_PROBA, checkFlat(rowsRowMajor, nRows), nRows);
  }

  /**
   * Class probabilities for many numeric rows, written into a buffer the caller owns and may reuse:
   * like {@link #predictProba(double[], int)}, without allocating the result (for a million rows,
   * a fresh 16 MB array costs about a quarter of the call).
   *
   * @param rowsRowMajor {@code nRows} rows in schema order, one after the other (NaN = missing)
   * @param nRows the number of rows
   * @param out receives {@code nRows} times {@code classes().size()} probabilities, row after row
   * @throws SchemaException when the input length does not match or a value is not allowed
   * @throws IllegalArgumentException when {@code nRows} is negative or {@code out} has the wrong
   *     length
   */
  public void predictProba(double[] rowsRowMajor, int nRows, double[] out) {
    numericInto(KIND_PROBA, checkFlat(rowsRowMajor, nRows), nRows, out);
  }

  /**
   * The decision function for many numeric rows, written into a buffer the caller owns and may
   * reuse (see {@link #predictProba(double[], int, double[])}).
   *
   * @param rowsRowMajor {@code nRows} rows in schema order, one after the other (NaN = missing)
   * @param nRows the number of rows
   * @param out receives the decision values, row after row
   * @throws SchemaException when the input length does not match or a value is not allowed
   * @throws IllegalArgumentException when {@code nRows} is negative or {@code out} has the wrong
   *     length
   */
  public void decisionFunction(double[] rowsRowMajor, int nRows, double[] out) {
    numericInto(KIND_DECISION, checkFlat(rowsRowMajor, nRows), nRows, out);
  }

  /**
   * The decision function for many numeric rows packed in one flat array (one native call, the
   * input read in place without a copy).
   *
   * @param rowsRowMajor {@code nRows} rows of one value per schema column, in schema order, one
   *     row after the other (NaN = missing)
   * @param nRows the number of rows; {@code rowsRowMajor.length} must be {@code nRows} times the
   *     number of schema columns
   * @return the decision values, row after row (as many per row as {@link
   *     #decisionFunction(double[])} returns), the same bits as {@link
   *     #decisionFunction(double[][])}
   * @throws SchemaException when the length does not match, a value is missing where the schema
   *     does not allow it, or the schema is not numeric
   * @throws IllegalArgumentException when {@code nRows} is negative
   */
  public double[] decisionFunction(double[] rowsRowMajor, int nRows) {
    return numeric(KIND_DECISION, checkFlat(rowsRowMajor, nRows), nRows);
  }

  /**
   * The prediction for one numeric row.
   *
   * @param row one value per schema column, in schema order
   * @return the class label, typed as trained ({@link String}, {@link Long}, {@link Double} or
   *     {@link Boolean}), or a {@link Double} for a regressor
   * @throws SchemaException when the row has the wrong width or the schema is not numeric
   */
  public Object predict(double[] row) {
    Objects.requireNonNull(row, "row");
    double[] out;
    acquire();
    try {
      out = handle.predict_numeric(row, 1);
    } finally {
      release();
    }
    return label(out[0]);
  }

  /**
   * Predictions for numeric rows.
   *
   * @param rows rows of one value per schema column, in schema order
   * @return one prediction per row, typed as {@link #predict(double[])} says
   * @throws SchemaException when a row has the wrong width or the schema is not numeric
   */
  public Object[] predict(double[][] rows) {
    double[] flat = flatten(rows);
    double[] out;
    acquire();
    try {
      out = handle.predict_numeric(flat, rows.length);
    } finally {
      release();
    }
    return labels(out);
  }

  // ---- named rows -------------------------------------------------------------------------

  /**
   * Class probabilities for one row given by column name.
   *
   * @param row column name to value: {@link Number}, {@link String}, {@link Boolean} or null
   * @return one probability per class
   * @throws SchemaException on a missing or unknown column, a wrong type or a null not allowed
   */
  public double[] predictProba(Map<String, ?> row) {
    double[] numeric = numericRow(Objects.requireNonNull(row, "row"));
    if (numeric != null) {
      return numeric(KIND_PROBA, numeric, 1);
    }
    Cells cells = Cells.of(List.of(Objects.requireNonNull(row, "row")));
    acquire();
    try {
      return handle.predict_proba_cells(cells.offsets, cells.names, cells.kinds, cells.doubles,
          cells.longs, cells.strings);
    } finally {
      release();
    }
  }

  /**
   * Class probabilities for rows given by column name.
   *
   * @param rows rows of column name to value
   * @return per row, one probability per class
   * @throws SchemaException on a missing or unknown column, a wrong type or a null not allowed
   */
  public double[][] predictProba(List<? extends Map<String, ?>> rows) {
    Cells cells = Cells.of(rows);
    acquire();
    try {
      return split(handle.predict_proba_cells(cells.offsets, cells.names, cells.kinds,
          cells.doubles, cells.longs, cells.strings), rows.size());
    } finally {
      release();
    }
  }

  /**
   * Each input column's additive part of {@link #decisionFunction(Map)} for one row, for a
   * pipeline ending in a linear model: one map per decision value (one for binary classifiers and
   * regressors, one per class in {@link #classes()} order otherwise), from column name to its
   * part, plus the key {@code "intercept"}. The parts and the intercept add up to the decision
   * value (for PoissonRegressor, to the log of its prediction). A feature computed from several
   * columns (PCA, PolynomialFeatures, Normalizer) is shared among them equally; a constant
   * feature joins the intercept.
   *
   * @param row values by column name (Number, String, Boolean, or null for missing)
   * @return per decision value, the parts by column name and the intercept
   * @throws ParameterException when the pipeline does not end in a linear model
   * @throws SchemaException when the row does not fit the schema
   */
  public List<Map<String, Double>> predictExplain(Map<String, ?> row) {
    Cells cells = Cells.of(List.of(Objects.requireNonNull(row, "row")));
    double[] flat;
    acquire();
    try {
      flat = handle.explain_cells(cells.offsets, cells.names, cells.kinds, cells.doubles,
          cells.longs, cells.strings);
    } finally {
      release();
    }
    int stride = width + 1;
    List<Map<String, Double>> out = new ArrayList<>(flat.length / stride);
    for (int r = 0; r + stride <= flat.length; r += stride) {
      Map<String, Double> parts = new LinkedHashMap<>();
      for (int c = 0; c < width; c++) {
        parts.put(schema.get(c).name(), flat[r + c]);
      }
      parts.put("intercept", flat[r + width]);
      out.add(Collections.unmodifiableMap(parts));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The decision function for one row given by column name.
   *
   * @param row column name to value
   * @return the decision values
   * @throws SchemaException on a missing or unknown column, a wrong type or a null not allowed
   */
  public double[] decisionFunction(Map<String, ?> row) {
    double[] numeric = numericRow(Objects.requireNonNull(row, "row"));
    if (numeric != null) {
      return numeric(KIND_DECISION, numeric, 1);
    }
    Cells cells = Cells.of(List.of(Objects.requireNonNull(row, "row")));
    acquire();
    try {
      return handle.decision_function_cells(cells.offsets, cells.names, cells.kinds,
          cells.doubles, cells.longs, cells.strings);
    } finally {
      release();
    }
  }

  /**
   * The decision function for rows given by column name.
   *
   * @param rows rows of column name to value
   * @return per row, the decision values
   * @throws SchemaException on a missing or unknown column, a wrong type or a null not allowed
   */
  public double[][] decisionFunction(List<? extends Map<String, ?>> rows) {
    Cells cells = Cells.of(rows);
    acquire();
    try {
      return split(handle.decision_function_cells(cells.offsets, cells.names, cells.kinds,
          cells.doubles, cells.longs, cells.strings), rows.size());
    } finally {
      release();
    }
  }

  /**
   * The prediction for one row given by column name.
   *
   * @param row column name to value
   * @return the class label typed as trained, or a {@link Double} for a regressor
   * @throws SchemaException on a missing or unknown column, a wrong type or a null not allowed
   */
  public Object predict(Map<String, ?> row) {
    Cells cells = Cells.of(List.of(Objects.requireNonNull(row, "row")));
    double[] out;
    acquire();
    try {
      out = handle.predict_cells(cells.offsets, cells.names, cells.kinds, cells.doubles,
          cells.longs, cells.strings);
    } finally {
      release();
    }
    return label(out[0]);
  }

  /**
   * Predictions for rows given by column name.
   *
   * @param rows rows of column name to value
   * @return one prediction per row
   * @throws SchemaException on a missing or unknown column, a wrong type or a null not allowed
   */
  public Object[] predict(List<? extends Map<String, ?>> rows) {
    Cells cells = Cells.of(rows);
    double[] out;
    acquire();
    try {
      out = handle.predict_cells(cells.offsets, cells.names, cells.kinds, cells.doubles,
          cells.longs, cells.strings);
    } finally {
      release();
    }
    return labels(out);
  }

  // ---- description ------------------------------------------------------------------------

  /**
   * The input schema: the columns the pipeline was fitted on, in order.
   *
   * @return an unmodifiable list of columns
   */
  public List<Column> schema() {
    checkOpen();
    return schema;
  }

  /**
   * The class labels in {@code predictProba} column order, typed as trained ({@link String},
   * {@link Long}, {@link Double} or {@link Boolean}); empty for regressors and transformers.
   *
   * @return an unmodifiable list of labels
   */
  public List<Object> classes() {
    checkOpen();
    return classes;
  }

  /**
   * The artifact's metadata: {@code ferry_version}, {@code created_utc}, {@code training_rows},
   * {@code training_columns}, {@code training_class_counts} (classifiers, comma-separated in
   * class order), each user tag as {@code tag.<key>}, {@code model_id}, {@code verify_rows} (how
   * many are stored), each training metric as {@code metric.<name>}, each step's parameters as
   * {@code params.<step>} (JSON), and per input column {@code column.<name>.count} and
   * {@code .missing}, plus {@code .min}, {@code .max} and {@code .mean} for numeric columns.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> metadata() {
    checkOpen();
    return metadata;
  }

  /**
   * The format version of the artifact this pipeline was read from.
   *
   * @return the format version (1 for the first format)
   */
  public int formatVersion() {
    checkOpen();
    return formatVersion;
  }

  /**
   * Frees the native memory. Idempotent; waits for calls in flight on other threads. Any later
   * call except {@code close()} throws {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (freed) {
      return;
    }
    int before;
    do {
      before = state.get();
    } while ((before & CLOSED) == 0 && !state.compareAndSet(before, before | CLOSED));
    if ((before & CLOSED) != 0) {
      // Another thread is closing: wait until it has freed the memory.
      for (int spins = 0; !freed; spins++) {
        backOff(spins);
      }
      return;
    }
    for (int spins = 0; (state.get() & ~CLOSED) != 0; spins++) {
      backOff(spins);
    }
    try {
      cleanable.clean();
    } finally {
      freed = true;
    }
  }

  // ---- internals --------------------------------------------------------------------------

  private static void backOff(int spins) {
    if (spins < 100) {
      Thread.onSpinWait();
    } else if (spins < 200) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(50_000L);
    }
  }

  private void checkOpen() {
    if ((state.get() & CLOSED) != 0) {
      throw new IllegalStateException("ferry: expected an open Pipeline, found one already closed: load it again");
    }
  }

  private void acquire() {
    // The first check keeps calls after close from holding up a closer that waits for 0.
    if ((state.get() & CLOSED) != 0) {
      throw new IllegalStateException("ferry: expected an open Pipeline, found one already closed: load it again");
    }
    if ((state.getAndIncrement() & CLOSED) != 0) {
      state.getAndDecrement();
      throw new IllegalStateException("ferry: expected an open Pipeline, found one already closed: load it again");
    }
  }

  private void release() {
    state.getAndDecrement();
    Reference.reachabilityFence(this);
  }

  /** One native call: kind over nRows rows of {@code in} into a new array. */
  private double[] numeric(int kind, double[] in, int nRows) {
    int perRow = kind == KIND_PROBA ? probaWidth : decisionWidth;
    double[] out = new double[Math.multiplyExact(nRows, perRow)];
    numericInto(kind, in, nRows, out);
    return out;
  }

  private void numericInto(int kind, double[] in, int nRows, double[] out) {
    Objects.requireNonNull(out, "out");
    long expected = (long) nRows * (kind == KIND_PROBA ? probaWidth : decisionWidth);
    if (out.length != expected) {
      throw new IllegalArgumentException("ferry: expected an output array of " + nRows + " rows x "
          + (kind == KIND_PROBA ? probaWidth : decisionWidth) + " = " + expected
          + " values, found " + out.length);
    }
    acquire();
    try {
      handle.numericInto(kind, in, nRows, out);
    } finally {
      release();
    }
  }

  /**
   * The row in schema order as the core's numeric path reads it, or null when the row needs the
   * general cell path (a string column, a missing or unknown column, a value of another type, a
   * null or NaN where not allowed, an infinity: anything that the core would reject or that might
   * encode differently). What it returns is exactly what the core's own Row encoding produces, so
   * both paths give the same bits; every error still comes from the general path.
   */
  private double[] numericRow(Map<String, ?> row) {
    Map<String, Integer> index = columnIndex;
    if (index == null || row.size() != width) {
      return null;
    }
    double[] x = new double[width];
    boolean[] seen = new boolean[width];
    int n = 0;
    for (Map.Entry<String, ?> e : row.entrySet()) {
      String name = e.getKey();
      Integer slot = name == null ? null : index.get(name);
      if (slot == null) {
        return null;
      }
      int j = slot;
      if (seen[j]) {
        return null;
      }
      seen[j] = true;
      n++;
      Object v = e.getValue();
      double d;
      if (v == null) {
        if (!columnNullable[j]) {
          return null;
        }
        d = Double.NaN;
      } else if (columnKinds[j] == CELL_BOOL) {
        if (!(v instanceof Boolean b)) {
          return null;
        }
        d = b ? 1.0 : 0.0;
      } else if (v instanceof Long || v instanceof Integer || v instanceof Short
          || v instanceof Byte) {
        d = (double) ((Number) v).longValue();
      } else if (columnKinds[j] == CELL_DOUBLE && (v instanceof Double || v instanceof Float)) {
        d = ((Number) v).doubleValue();
        if (!Double.isFinite(d)) {
          return null;
        }
      } else {
        return null;
      }
      x[j] = d;
    }
    return n == width ? x : null;
  }

  private double[] checkFlat(double[] rowsRowMajor, int nRows) {
    Objects.requireNonNull(rowsRowMajor, "rowsRowMajor");
    if (nRows < 0) {
      throw new IllegalArgumentException("ferry: expected nRows >= 0, found " + nRows);
    }
    if ((long) nRows * width != rowsRowMajor.length) {
      throw new SchemaException("ferry: expected " + nRows + " rows of " + width + " values ("
          + (long) nRows * width + " in all), found " + rowsRowMajor.length + " values");
    }
    return rowsRowMajor;
  }

  private Object label(double value) {
    if (task == TASK_REGRESSION) {
      return value;
    }
    if (task == TASK_CLASSIFICATION) {
      return classes.get((int) value);
    }
    throw new FerryException("ferry: predict: this pipeline has no model (its last step is a transformer)");
  }

  private Object[] labels(double[] values) {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = label(values[i]);
    }
    return out;
  }

  private static double[] flatten(double[][] rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.length == 0) {
      return new double[0];
    }
    if (rows[0] == null) {
      throw new NullPointerException("ferry: expected an array for row 0, found null");
    }
    int cols = rows[0].length;
    double[] flat = new double[Math.multiplyExact(rows.length, cols)];
    for (int r = 0; r < rows.length; r++) {
      double[] row = rows[r];
      if (row == null) {
        throw new NullPointerException("ferry: expected an array of " + cols + " values for row "
            + r + ", found null");
      }
      if (row.length != cols) {
        throw new SchemaException("ferry: expected every row to have " + cols
            + " values (as row 0 has), found " + row.length + " in row " + r);
      }
      System.arraycopy(row, 0, flat, r * cols, cols);
    }
    return flat;
  }

  private static double[][] split(double[] flat, int rows) {
    double[][] out = new double[rows][];
    int width = rows == 0 ? 0 : flat.length / rows;
    for (int r = 0; r < rows; r++) {
      out[r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
    }
    return out;
  }

  /** Rows flattened into the parallel arrays the native layer reads in one call. */
  private static final class Cells {
    int[] offsets;
    String[] names;
    byte[] kinds;
    double[] doubles;
    long[] longs;
    String[] strings;

    static Cells of(List<? extends Map<String, ?>> rows) {
      Objects.requireNonNull(rows, "rows");
      int total = 0;
      int index = 0;
      for (Map<String, ?> row : rows) {
        if (row == null) {
          throw new NullPointerException("ferry: expected a map for row " + index + ", found null");
        }
        total += row.size();
        index++;
      }
      Cells c = new Cells();
      c.offsets = new int[rows.size() + 1];
      c.names = new String[total];
      c.kinds = new byte[total];
      c.doubles = new double[total];
      c.longs = new long[total];
      c.strings = new String[total];
      int i = 0;
      int r = 0;
      for (Map<String, ?> row : rows) {
        for (Map.Entry<String, ?> e : row.entrySet()) {
          if (i >= total) {
            throw new java.util.ConcurrentModificationException("a row changed while being read");
          }
          String name = e.getKey();
          if (name == null) {
            throw new SchemaException("ferry: expected a column name, found null");
          }
          c.names[i] = name;
          Object v = e.getValue();
          if (v == null) {
            c.kinds[i] = CELL_NULL;
          } else if (v instanceof Double || v instanceof Float
              || v instanceof java.math.BigDecimal) {
            c.kinds[i] = CELL_DOUBLE;
            c.doubles[i] = ((Number) v).doubleValue();
          } else if (v instanceof Long || v instanceof Integer || v instanceof Short
              || v instanceof Byte) {
            c.kinds[i] = CELL_INT64;
            c.longs[i] = ((Number) v).longValue();
          } else if (v instanceof java.math.BigInteger big) {
            c.kinds[i] = CELL_INT64;
            try {
              c.longs[i] = big.longValueExact();
            } catch (ArithmeticException ex) {
              throw new SchemaException("ferry: column '" + name + "': integer " + big
                  + " does not fit in int64");
            }
          } else if (v instanceof Boolean b) {
            c.kinds[i] = CELL_BOOL;
            c.longs[i] = b ? 1 : 0;
          } else if (v instanceof String s) {
            c.kinds[i] = CELL_STRING;
            c.strings[i] = s;
          } else if (v instanceof Character ch) {
            c.kinds[i] = CELL_STRING;
            c.strings[i] = ch.toString();
          } else {
            throw new SchemaException("ferry: column '" + name + "': expected a Number, String,"
                + " Boolean or null, found " + v.getClass().getName());
          }
          i++;
        }
        c.offsets[++r] = i;
      }
      if (i != total) {
        throw new java.util.ConcurrentModificationException("a row changed while being read");
      }
      return c;
    }
  }
}
