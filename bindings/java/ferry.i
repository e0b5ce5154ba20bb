// The SWIG interface of the JNI layer: conversion only. It wraps the facade in jni_pipeline.hpp
// (package org.ferry.internal); the idiomatic API is java/src/main/java/org/ferry. Arrays are
// copied in with Get<Type>ArrayRegion into local vectors (exception-safe, length-checked) and
// out into new Java arrays; artifact bytes travel as byte[], never as a string. Every C++
// exception is caught here and rethrown as an org.ferry exception.
%module(directors="0") ferry

%{
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "ferry/errors.hpp"
#include "jni_pipeline.hpp"

namespace {

/// Throws a Java exception of the named class (falls back to RuntimeException).
void ferry_throw(JNIEnv* env, const char* cls, const char* message) {
  if (env->ExceptionCheck()) return;
  jclass c = env->FindClass(cls);
  if (c == nullptr) {
    env->ExceptionClear();
    c = env->FindClass("java/lang/RuntimeException");
    if (c == nullptr) return;
  }
  env->ThrowNew(c, message);
  env->DeleteLocalRef(c);
}

/// Java String (UTF-16) to UTF-8; lone surrogates become U+FFFD.
std::string ferry_utf8(JNIEnv* env, jstring s) {
  const jsize n = env->GetStringLength(s);
  std::vector<jchar> u(static_cast<std::size_t>(n));
  if (n > 0) env->GetStringRegion(s, 0, n, u.data());
  std::string out;
  out.reserve(static_cast<std::size_t>(n));
  for (jsize i = 0; i < n; ++i) {
    std::uint32_t cp = u[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (u[i + 1] - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

/// UTF-8 to a new Java String; invalid sequences become U+FFFD. Null on failure (exception pending).
jstring ferry_jstring(JNIEnv* env, const std::string& s) {
  std::vector<jchar> u;
  u.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    std::uint32_t cp = p[i];
    std::size_t len = cp < 0x80 ? 1 : (cp >> 5) == 0x6 ? 2 : (cp >> 4) == 0xE ? 3 : (cp >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > n) {
      u.push_back(0xFFFD);
      ++i;
      continue;
    }
    if (len > 1) {
      cp &= (0x7F >> len);
      bool ok = true;
      for (std::size_t k = 1; k < len; ++k) {
        if ((p[i + k] & 0xC0) != 0x80) ok = false;
        cp = (cp << 6) | (p[i + k] & 0x3F);
      }
      if (!ok) {
        u.push_back(0xFFFD);
        ++i;
        continue;
      }
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      u.push_back(static_cast<jchar>(0xD800 + (cp >> 10)));
      u.push_back(static_cast<jchar>(0xDC00 + (cp & 0x3FF)));
    } else {
      u.push_back(static_cast<jchar>(cp));
    }
    i += len;
  }
  return env->NewString(u.data(), static_cast<jsize>(u.size()));
}

}  // namespace

// ---- hand-written entry point: the zero-copy numeric path ------------------------------------
// ferryJNI.numericInto(ptr, self, kind, in, in.length, nRows, out, out.length): kind 0 predict_proba, 1
// decision_function; out is a new double[] of nRows * width allocated by the caller. Short
// arrays are copied through stack buffers (no native heap); long ones are read and written in
// place between Get/ReleasePrimitiveArrayCritical. Inside a critical region nothing calls the
// JVM and no exception escapes: the failure is recorded, both arrays are released, and only then
// is it thrown as a Java exception.
namespace {

enum class FerryFail { none, artifact, schema, not_fitted, parameter, ferry, no_memory };

struct FerryFailure {
  FerryFail kind = FerryFail::none;
  // Left uninitialised: set() writes it before anything reads it, and zeroing 1 KiB on every
  // call was a tenth of a single-row prediction's time.
  char message[1024];
  void set(FerryFail k, const char* what) noexcept {
    kind = k;
    std::strncpy(message, what == nullptr ? "" : what, sizeof message - 1);
    message[sizeof message - 1] = 0;
  }
};

void ferry_run_numeric(const ferry_jni::NativePipeline* p, int kind, const double* in, std::size_t n_in,
                       std::size_t n_rows, double* out, std::size_t n_out, FerryFailure& f) noexcept {
  try {
    p->numeric_into(kind, in, n_in, n_rows, out, n_out);
  } catch (const ferry::ArtifactError& e) {
    f.set(FerryFail::artifact, e.what());
  } catch (const ferry::SchemaError& e) {
    f.set(FerryFail::schema, e.what());
  } catch (const ferry::NotFittedError& e) {
    f.set(FerryFail::not_fitted, e.what());
  } catch (const ferry::ParameterError& e) {
    f.set(FerryFail::parameter, e.what());
  } catch (const ferry::Error& e) {
    f.set(FerryFail::ferry, e.what());
  } catch (const std::bad_alloc&) {
    f.set(FerryFail::no_memory, "ferry: native allocation failed");
  } catch (const std::exception& e) {
    f.set(FerryFail::ferry, e.what());
  } catch (...) {
    f.set(FerryFail::ferry, "ferry: unknown native error");
  }
}

void ferry_throw_failure(JNIEnv* env, const FerryFailure& f) {
  switch (f.kind) {
    case FerryFail::none: return;
    case FerryFail::artifact: ferry_throw(env, "org/ferry/ArtifactException", f.message); return;
    case FerryFail::schema: ferry_throw(env, "org/ferry/SchemaException", f.message); return;
    case FerryFail::not_fitted: ferry_throw(env, "org/ferry/NotFittedException", f.message); return;
    case FerryFail::parameter: ferry_throw(env, "org/ferry/ParameterException", f.message); return;
    case FerryFail::ferry: ferry_throw(env, "org/ferry/FerryException", f.message); return;
    case FerryFail::no_memory: ferry_throw(env, "java/lang/OutOfMemoryError", f.message); return;
  }
}

constexpr jsize ferry_inline_doubles = 64;

}  // namespace

extern "C" JNIEXPORT void JNICALL Java_org_ferry_internal_ferryJNI_numericInto(
    JNIEnv* jenv, jclass, jlong ptr, jobject, jint kind, jdoubleArray in, jint in_length, jint n_rows,
    jdoubleArray out, jint out_length) {
  const auto* p = reinterpret_cast<const ferry_jni::NativePipeline*>(ptr);
  if (p == nullptr || in == nullptr || out == nullptr) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "ferry: null argument");
    return;
  }
  if (n_rows < 0 || in_length < 0 || out_length < 0) {
    SWIG_JavaThrowException(jenv, SWIG_JavaIllegalArgumentException, "ferry: negative row count");
    return;
  }
  // The lengths are in.length and out.length, passed by NativePipeline.numericInto: two JNI
  // transitions fewer than GetArrayLength on the single-row path.
  const jsize n_in = in_length;
  const jsize n_out = out_length;
  FerryFailure failure;
  if (n_in <= ferry_inline_doubles && n_out <= ferry_inline_doubles) {
    double in_buf[ferry_inline_doubles];
    double out_buf[ferry_inline_doubles];
    if (n_in > 0) jenv->GetDoubleArrayRegion(in, 0, n_in, in_buf);
    if (jenv->ExceptionCheck()) return;
    ferry_run_numeric(p, kind, in_buf, static_cast<std::size_t>(n_in), static_cast<std::size_t>(n_rows), out_buf,
                      static_cast<std::size_t>(n_out), failure);
    if (failure.kind != FerryFail::none) {
      ferry_throw_failure(jenv, failure);
      return;
    }
    if (n_out > 0) jenv->SetDoubleArrayRegion(out, 0, n_out, out_buf);
    return;
  }
  auto* in_data = static_cast<double*>(jenv->GetPrimitiveArrayCritical(in, nullptr));
  if (in_data == nullptr) {
    if (!jenv->ExceptionCheck()) ferry_throw(jenv, "java/lang/OutOfMemoryError", "ferry: cannot pin the input");
    return;
  }
  auto* out_data = static_cast<double*>(jenv->GetPrimitiveArrayCritical(out, nullptr));
  if (out_data == nullptr) {
    jenv->ReleasePrimitiveArrayCritical(in, in_data, JNI_ABORT);
    if (!jenv->ExceptionCheck()) ferry_throw(jenv, "java/lang/OutOfMemoryError", "ferry: cannot pin the output");
    return;
  }
  ferry_run_numeric(p, kind, in_data, static_cast<std::size_t>(n_in), static_cast<std::size_t>(n_rows), out_data,
                    static_cast<std::size_t>(n_out), failure);
  jenv->ReleasePrimitiveArrayCritical(out, out_data, 0);
  jenv->ReleasePrimitiveArrayCritical(in, in_data, JNI_ABORT);
  ferry_throw_failure(jenv, failure);
}
%}

// ---- exceptions ------------------------------------------------------------------------------
%exception {
  try {
    $action
  } catch (const ferry::ArtifactError& e) {
    ferry_throw(jenv, "org/ferry/ArtifactException", e.what());
    return $null;
  } catch (const ferry::SchemaError& e) {
    ferry_throw(jenv, "org/ferry/SchemaException", e.what());
    return $null;
  } catch (const ferry::NotFittedError& e) {
    ferry_throw(jenv, "org/ferry/NotFittedException", e.what());
    return $null;
  } catch (const ferry::ParameterError& e) {
    ferry_throw(jenv, "org/ferry/ParameterException", e.what());
    return $null;
  } catch (const ferry::Error& e) {
    ferry_throw(jenv, "org/ferry/FerryException", e.what());
    return $null;
  } catch (const std::bad_alloc&) {
    ferry_throw(jenv, "java/lang/OutOfMemoryError", "ferry: native allocation failed");
    return $null;
  } catch (const std::exception& e) {
    ferry_throw(jenv, "org/ferry/FerryException", e.what());
    return $null;
  } catch (...) {
    ferry_throw(jenv, "org/ferry/FerryException", "ferry: unknown native error");
    return $null;
  }
}

// ---- primitive arrays in: (const T* NAME, size_t LEN) <-> T[] ---------------------------------
%define FERRY_ARRAY_IN(CTYPE, NAME, LEN, JNITYPE, JTYPE, JELEM, GETREGION)
%typemap(jni) (const CTYPE* NAME, std::size_t LEN) "JNITYPE"
%typemap(jtype) (const CTYPE* NAME, std::size_t LEN) "JTYPE"
%typemap(jstype) (const CTYPE* NAME, std::size_t LEN) "JTYPE"
%typemap(javain) (const CTYPE* NAME, std::size_t LEN) "$javainput"
%typemap(in) (const CTYPE* NAME, std::size_t LEN) (std::vector<CTYPE> buffer) {
  if ($input == nullptr) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "ferry: null array");
    return $null;
  }
  const jsize n = jenv->GetArrayLength($input);
  try {
    buffer.resize(static_cast<std::size_t>(n));
  } catch (...) {
    ferry_throw(jenv, "java/lang/OutOfMemoryError", "ferry: native allocation failed");
    return $null;
  }
  if (n > 0) jenv->GETREGION($input, 0, n, reinterpret_cast<JELEM*>(buffer.data()));
  if (jenv->ExceptionCheck()) return $null;
  $1 = buffer.data();
  $2 = buffer.size();
}
%enddef

FERRY_ARRAY_IN(double, DOUBLES, N_DOUBLES, jdoubleArray, double[], jdouble, GetDoubleArrayRegion)
FERRY_ARRAY_IN(std::int64_t, LONGS, N_LONGS, jlongArray, long[], jlong, GetLongArrayRegion)
FERRY_ARRAY_IN(std::int32_t, OFFSETS, N_OFFSETS, jintArray, int[], jint, GetIntArrayRegion)
FERRY_ARRAY_IN(std::int8_t, KINDS, N_KINDS, jbyteArray, byte[], jbyte, GetByteArrayRegion)
FERRY_ARRAY_IN(std::uint8_t, BYTES, N_BYTES, jbyteArray, byte[], jbyte, GetByteArrayRegion)

// ---- String[] in: const std::vector<std::string>& (null elements become "") ------------------
%typemap(jni) const std::vector<std::string>& STRINGS "jobjectArray"
%typemap(jtype) const std::vector<std::string>& STRINGS "String[]"
%typemap(jstype) const std::vector<std::string>& STRINGS "String[]"
%typemap(javain) const std::vector<std::string>& STRINGS "$javainput"
%typemap(in) const std::vector<std::string>& STRINGS (std::vector<std::string> strings) {
  if ($input == nullptr) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "ferry: null array");
    return $null;
  }
  const jsize n = jenv->GetArrayLength($input);
  try {
    strings.reserve(static_cast<std::size_t>(n));
    for (jsize i = 0; i < n; ++i) {
      auto s = static_cast<jstring>(jenv->GetObjectArrayElement($input, i));
      if (jenv->ExceptionCheck()) return $null;
      strings.push_back(s == nullptr ? std::string() : ferry_utf8(jenv, s));
      if (s != nullptr) jenv->DeleteLocalRef(s);
    }
  } catch (...) {
    ferry_throw(jenv, "java/lang/OutOfMemoryError", "ferry: native allocation failed");
    return $null;
  }
  $1 = &strings;
}
%apply const std::vector<std::string>& STRINGS { const std::vector<std::string>& NAMES };

// ---- std::string in/out as UTF-8 <-> UTF-16 ---------------------------------------------------
%typemap(jni) std::string, const std::string& "jstring"
%typemap(jtype) std::string, const std::string& "String"
%typemap(jstype) std::string, const std::string& "String"
%typemap(javain) std::string, const std::string& "$javainput"
%typemap(javaout) std::string, const std::string& { return $jnicall; }
%typemap(in) const std::string& (std::string text) {
  if ($input == nullptr) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "ferry: null string");
    return $null;
  }
  text = ferry_utf8(jenv, $input);
  $1 = &text;
}
%typemap(out) std::string { $result = ferry_jstring(jenv, $1); }

// ---- results out: DoubleArray -> double[], StringArray -> String[] ----------------------------
%typemap(jni) ferry_jni::DoubleArray "jdoubleArray"
%typemap(jtype) ferry_jni::DoubleArray "double[]"
%typemap(jstype) ferry_jni::DoubleArray "double[]"
%typemap(javaout) ferry_jni::DoubleArray { return $jnicall; }
%typemap(out) ferry_jni::DoubleArray {
  const std::vector<double>& v = $1.values;
  $result = jenv->NewDoubleArray(static_cast<jsize>(v.size()));
  if ($result != nullptr && !v.empty())
    jenv->SetDoubleArrayRegion($result, 0, static_cast<jsize>(v.size()), v.data());
}

%typemap(jni) ferry_jni::StringArray "jobjectArray"
%typemap(jtype) ferry_jni::StringArray "String[]"
%typemap(jstype) ferry_jni::StringArray "String[]"
%typemap(javaout) ferry_jni::StringArray { return $jnicall; }
%typemap(out) ferry_jni::StringArray {
  const std::vector<std::string>& v = $1.values;
  jclass string_class = jenv->FindClass("java/lang/String");
  $result = string_class == nullptr ? nullptr
                                    : jenv->NewObjectArray(static_cast<jsize>(v.size()), string_class, nullptr);
  for (std::size_t i = 0; $result != nullptr && i < v.size(); ++i) {
    jstring s = ferry_jstring(jenv, v[i]);
    if (s == nullptr) {
      $result = nullptr;
      break;
    }
    jenv->SetObjectArrayElement($result, static_cast<jsize>(i), s);
    jenv->DeleteLocalRef(s);
  }
}

// ---- integer types used by the facade ---------------------------------------------------------
%include <stdint.i>

%typemap(jni) std::size_t "jlong"
%typemap(jtype) std::size_t "long"
%typemap(jstype) std::size_t "long"
%typemap(javain) std::size_t "$javainput"
%typemap(javaout) std::size_t { return $jnicall; }
%typemap(in) std::size_t {
  if ($input < 0) {
    SWIG_JavaThrowException(jenv, SWIG_JavaIllegalArgumentException, "ferry: negative size");
    return $null;
  }
  $1 = static_cast<std::size_t>($input);
}
%typemap(out) std::size_t { $result = static_cast<jlong>($1); }
%apply long long { std::int64_t };

// ---- the proxy classes -------------------------------------------------------------------------
// Native memory is owned by org.ferry.Pipeline (close() and a Cleaner); no finalizers.
%typemap(javafinalize) SWIGTYPE %{%}
// The JNI class loads the native library before its first native call.
%pragma(java) jniclasscode=%{
  static {
    org.ferry.NativeLoader.load();
  }

  /** Hand-written in ferry.i: the zero-copy numeric path (see NativePipeline.numericInto). */
  public final static native void numericInto(long cPtr, NativePipeline self, int kind, double[] in,
      int inLength, int nRows, double[] out, int outLength);
%}
// The zero-copy numeric path on the proxy (kind 0 predict_proba, 1 decision_function); out must
// be a new double[nRows * numeric_width(kind)].
%typemap(javacode) ferry_jni::NativePipeline %{
  /**
   * Kind 0 predict_proba, 1 decision_function of nRows numeric rows (row-major in {@code in})
   * into {@code out}, a new array of nRows * numeric_width(kind) values; one native call.
   */
  public void numericInto(int kind, double[] in, int nRows, double[] out) {
    ferryJNI.numericInto(swigCPtr, this, kind, in, in.length, nRows, out, out.length);
  }
%}

%newobject ferry_jni::NativePipeline::from_bytes;
%newobject ferry_jni::NativePipeline::load;
%ignore ferry_jni::DoubleArray;
%ignore ferry_jni::StringArray;
%ignore ferry_jni::CellKind;
%ignore ferry_jni::NativePipeline::numeric_into;

%include "jni_pipeline.hpp"
