# `cmake --install build/<preset> --prefix P` installs the narcosim program, its libraries with
# their public headers, the data and the shipped scenarios, and a CMake package:
#   find_package(narcosim REQUIRED)
#   target_link_libraries(my_program PRIVATE narcosim::narcosim_ensemble)  # or _io, _core
# docs/architecture.md ("Using an installed narcosim") has an example; tests/install/ builds one.
include(CMakePackageConfigHelpers)

set(NARCOSIM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/narcosim)

install(TARGETS narcosim_core narcosim_io narcosim_calibration narcosim_ensemble
  narcosim_warnings
  EXPORT narcosimTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS narcosim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/narcosim DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/narcosim/data)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/scenarios/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/narcosim/scenarios)

install(EXPORT narcosimTargets NAMESPACE narcosim:: DESTINATION ${NARCOSIM_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/narcosimConfig.cmake.in
  ${CMAKE_BINARY_DIR}/narcosimConfig.cmake
  INSTALL_DESTINATION ${NARCOSIM_CMAKE_DIR} PATH_VARS CMAKE_INSTALL_DATADIR)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/narcosimConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/narcosimConfig.cmake
  ${CMAKE_BINARY_DIR}/narcosimConfigVersion.cmake DESTINATION ${NARCOSIM_CMAKE_DIR})
