# Installs the core as a CMake package: an outside project does
#   find_package(ferry CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE ferry::ferry)      # shared library
#   target_link_libraries(app PRIVATE ferry::static)     # or the static one (needs zlib)
# Eigen and cereal are private to the core: neither the installed headers nor the exported
# targets refer to them. GNUInstallDirs is included by the top-level CMakeLists.txt.
include(CMakePackageConfigHelpers)

set(FERRY_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/ferry"
    CACHE STRING "Where ferryConfig.cmake is installed, relative to the prefix")
mark_as_advanced(FERRY_INSTALL_CMAKEDIR)

install(TARGETS ferry ferry_static
  EXPORT ferryTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The public headers: include/ferry/** (not the .in template) and the generated version.hpp.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ferry
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/include/ferry/version.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ferry)

install(EXPORT ferryTargets
  NAMESPACE ferry::
  FILE ferryTargets.cmake
  DESTINATION ${FERRY_INSTALL_CMAKEDIR})

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/ferryConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/ferryConfig.cmake
  INSTALL_DESTINATION ${FERRY_INSTALL_CMAKEDIR})
# 0.x: a new minor version may change the API, so only the same major.minor is compatible.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/ferryConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/cmake/ferryConfig.cmake
  ${PROJECT_BINARY_DIR}/cmake/ferryConfigVersion.cmake
  DESTINATION ${FERRY_INSTALL_CMAKEDIR})
