package org.ferry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The native library is found for this platform, loaded once, and leaves no file behind. */
class NativeLoaderTest {
  @Test
  void platformNameAndIdempotentLoad() throws Exception {
    if (System.getProperty("os.name").startsWith("Linux")
        && System.getProperty("os.arch").equals("amd64")) {
      assertEquals("linux-x86_64", NativeLoader.platform());
    }
    assertDoesNotThrow(NativeLoader::load);
    assertDoesNotThrow(NativeLoader::load);
    String parent = System.getProperty(NativeLoader.TMPDIR_PROPERTY,
        System.getProperty("java.io.tmpdir"));
    // The extracted copy is deleted right after loading (no ferry-native-* dir holds it).
    try (Stream<Path> dirs = Files.list(Path.of(parent))) {
      long left = dirs.filter(d -> d.getFileName().toString().startsWith("ferry-native-"))
          .filter(d -> Files.exists(d.resolve(System.mapLibraryName("ferry_jni"))))
          .count();
      assertEquals(0, left);
    }
  }
}
