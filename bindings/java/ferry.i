// The SWIG interface of the JNI layer: conversion only. It wraps the facade in jni_pipeline.hpp
// (package org.ferry.internal); the idiomatic API is java/src/main/java/org/ferry. Arrays are
// copied in with Get<Type>ArrayRegion into local vectors (exception-safe, length-checked) and
// out into new Java arrays; artifact bytes travel as byte[], never as a string. Every C++
// exception is caught here and rethrown as an org.ferry exception.
%module(directors="0") ferry

%{
#include <cstdint>
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
%}

%newobject ferry_jni::NativePipeline::from_bytes;
%newobject ferry_jni::NativePipeline::load;
%ignore ferry_jni::DoubleArray;
%ignore ferry_jni::StringArray;
%ignore ferry_jni::CellKind;

%include "jni_pipeline.hpp"
