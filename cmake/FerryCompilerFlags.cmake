# Flags every ferry binary is built with. Same bits everywhere (DESIGN.md, principle 4): no
# fast-math, no FMA contraction, no -march beyond the x86-64 baseline.
set(FERRY_NUMERIC_FLAGS -ffp-contract=off -fno-fast-math)
set(FERRY_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)

foreach(_flag -ffast-math -Ofast -march=native)  # forbidden flags: rejected below
  if(CMAKE_CXX_FLAGS MATCHES "${_flag}" OR CMAKE_CXX_FLAGS_${CMAKE_BUILD_TYPE} MATCHES "${_flag}")
    message(FATAL_ERROR "ferry must not be built with ${_flag}: it breaks bit-identical results")
  endif()
endforeach()

add_compile_options(-ffp-contract=off)

if(FERRY_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
