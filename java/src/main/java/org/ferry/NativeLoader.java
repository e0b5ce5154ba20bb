package org.ferry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads ferry's native library (libferry_jni) once per class loader, before the first native
 * call.
 *
 * <p>By default the library is read from this JAR's resource {@code native/<os>-<arch>/}, copied
 * into a fresh private temporary directory, loaded with {@link System#load}, and deleted again
 * (the loaded mapping stays valid). Two system properties change this:
 *
 * <ul>
 *   <li>{@code ferry.library.path}: the path of an already-present library to load instead;
 *   <li>{@code ferry.tmpdir}: the parent directory of the temporary directory (default {@code
 *       java.io.tmpdir}), for hosts whose /tmp is mounted noexec.
 * </ul>
 *
 * <p>On an unsupported platform, or when loading fails, {@link #load()} throws an {@link
 * UnsatisfiedLinkError} naming the platform and what to do; it never prints and never exits.
 */
public final class NativeLoader {
  /** System property: path of an already-present native library to load. */
  public static final String LIBRARY_PATH_PROPERTY = "ferry.library.path";
  /** System property: parent directory for the temporary extraction directory. */
  public static final String TMPDIR_PROPERTY = "ferry.tmpdir";

  private static final String LIBRARY = "ferry_jni";
  private static boolean loaded;
  private static UnsatisfiedLinkError failure;

  private NativeLoader() {}

  /**
   * Loads the native library unless this class loader already did. Thread-safe; a failure is
   * remembered and thrown again on every later call.
   *
   * @throws UnsatisfiedLinkError when the platform is unsupported or the library cannot be loaded
   */
  public static synchronized void load() {
    if (loaded) {
      return;
    }
    if (failure != null) {
      throw failure;
    }
    try {
      loadOnce();
      loaded = true;
    } catch (UnsatisfiedLinkError e) {
      failure = e;
      throw e;
    }
  }

  /**
   * The platform name used in the resource path, e.g. {@code linux-x86_64}.
   *
   * @return {@code <os>-<arch>} of the running JVM
   */
  public static String platform() {
    String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      os = "linux";
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      os = "macos";
    } else if (os.startsWith("windows")) {
      os = "windows";
    }
    if (arch.equals("amd64") || arch.equals("x86_64")) {
      arch = "x86_64";
    } else if (arch.equals("arm64")) {
      arch = "aarch64";
    }
    return os + "-" + arch;
  }

  private static void loadOnce() {
    String explicit = System.getProperty(LIBRARY_PATH_PROPERTY);
    if (explicit != null && !explicit.isEmpty()) {
      Path path = Paths.get(explicit).toAbsolutePath();
      if (!Files.isRegularFile(path)) {
        throw linkError("the file named by -D" + LIBRARY_PATH_PROPERTY + " does not exist: " + path, null);
      }
      try {
        System.load(path.toString());
      } catch (UnsatisfiedLinkError e) {
        throw linkError("cannot load " + path + " (named by -D" + LIBRARY_PATH_PROPERTY + "): "
            + e.getMessage(), e);
      }
      return;
    }

    String platform = platform();
    String fileName = System.mapLibraryName(LIBRARY);
    String resource = "native/" + platform + "/" + fileName;
    InputStream in = NativeLoader.class.getClassLoader() == null
        ? ClassLoader.getSystemResourceAsStream(resource)
        : NativeLoader.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw linkError("ferry has no native library for platform " + platform
          + " in this JAR (looked for resource " + resource + "); build ferry from source on this"
          + " platform and pass its library with -D" + LIBRARY_PATH_PROPERTY + "=/path/to/" + fileName, null);
    }

    Path dir = null;
    Path file = null;
    try (InputStream stream = in) {
      String parent = System.getProperty(TMPDIR_PROPERTY);
      dir = parent == null || parent.isEmpty()
          ? Files.createTempDirectory("ferry-native-")
          : Files.createTempDirectory(Paths.get(parent), "ferry-native-");
      file = dir.resolve(fileName);
      Files.copy(stream, file, StandardCopyOption.REPLACE_EXISTING);
      System.load(file.toAbsolutePath().toString());
    } catch (IOException e) {
      throw linkError("cannot extract the native library for " + platform + " to a temporary"
          + " directory (" + e + "); set -D" + TMPDIR_PROPERTY + " to a writable directory", e);
    } catch (UnsatisfiedLinkError e) {
      throw linkError("cannot load the native library for " + platform + " (" + e.getMessage()
          + "); if the temporary directory is mounted noexec, set -D" + TMPDIR_PROPERTY
          + " to another directory, or pass a library with -D" + LIBRARY_PATH_PROPERTY, e);
    } finally {
      // Linux keeps the mapping of a loaded library; the files are not needed any more.
      deleteQuietly(file);
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException | SecurityException ignored) {
      // Nothing else to do: a leftover file in a private temporary directory is harmless.
    }
  }

  private static UnsatisfiedLinkError linkError(String message, Throwable cause) {
    UnsatisfiedLinkError e = new UnsatisfiedLinkError("ferry: " + message);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
