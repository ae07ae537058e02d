# Install layout, the exported CMake package, pkg-config and the Debian package.
#
#   bin/careergraph                              the CLI
#   lib/libcareergraph.so*                       the facade library (include/careergraph/careergraph.h)
#   include/careergraph/{careergraph,result}.h   the facade
#   include/careergraph/v1/*.pb.h                the generated messages it takes and returns
#   lib/cmake/careergraph/                       find_package(careergraph CONFIG) -> careergraph::careergraph
#   lib/pkgconfig/careergraph.pc                 pkg-config --cflags --libs careergraph
#   share/careergraph/proto/careergraph/v1/      the .proto files, for other languages' stubs
#   share/careergraph/data/                      the default ladder and the O*NET graph (found
#                                                by the installed binary and library beside themselves)
#   lib/python3/dist-packages/careergraph/       the Python module (python/CMakeLists.txt)
#
# lib, not GNUInstallDirs' multiarch lib/<triplet> under /usr: the binary and the library find
# share/careergraph/data one directory up from where they are (io/graph_source.cc).
include(CMakePackageConfigHelpers)

set(CAREERGRAPH_CMAKE_DIR lib/cmake/careergraph)

install(TARGETS careergraph RUNTIME DESTINATION bin)
install(TARGETS careergraph_lib EXPORT careergraphTargets LIBRARY DESTINATION lib)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/careergraph DESTINATION include FILES_MATCHING PATTERN "*.h")
foreach(proto ${CAREERGRAPH_PROTOS})
  get_filename_component(stem ${proto} NAME_WE)
  install(FILES ${CMAKE_BINARY_DIR}/gen/careergraph/v1/${stem}.pb.h DESTINATION include/careergraph/v1)
endforeach()
install(FILES ${CAREERGRAPH_PROTOS} DESTINATION share/careergraph/proto/careergraph/v1)
install(FILES ${CMAKE_SOURCE_DIR}/data/README.md ${CMAKE_SOURCE_DIR}/data/default_ladder.yaml
        DESTINATION share/careergraph/data)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/data/onet DESTINATION share/careergraph/data)

install(EXPORT careergraphTargets NAMESPACE careergraph:: DESTINATION ${CAREERGRAPH_CMAKE_DIR})
set(CAREERGRAPH_INSTALL_DATADIR share/careergraph/data)
set(CAREERGRAPH_INSTALL_PROTODIR share/careergraph/proto)
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/careergraphConfig.cmake.in
  ${CMAKE_BINARY_DIR}/careergraphConfig.cmake INSTALL_DESTINATION ${CAREERGRAPH_CMAKE_DIR}
  PATH_VARS CAREERGRAPH_INSTALL_DATADIR CAREERGRAPH_INSTALL_PROTODIR)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/careergraphConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)  # 0.x: a minor release may change the API
install(FILES ${CMAKE_BINARY_DIR}/careergraphConfig.cmake ${CMAKE_BINARY_DIR}/careergraphConfigVersion.cmake
        DESTINATION ${CAREERGRAPH_CMAKE_DIR})

configure_file(${CMAKE_SOURCE_DIR}/cmake/careergraph.pc.in ${CMAKE_BINARY_DIR}/careergraph.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/careergraph.pc DESTINATION lib/pkgconfig)

# ---- cpack -G DEB ----------------------------------------------------------------
# Depends come from dpkg-shlibdeps over the installed binaries (protobuf, yaml-cpp,
# Boost.Graph, MPI when built with it, libstdc++); what only a part needs is recommended:
# the protobuf headers for building against the library, python3-protobuf for the module.
set(CPACK_PACKAGE_NAME careergraph)
set(CPACK_PACKAGE_VENDOR careergraph)
set(CPACK_PACKAGE_CONTACT "careergraph maintainers <careergraph@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Career-path graph engine: CLI, C++ library and Python module")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libcareergraph.so is in the package itself (the Python module links it).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_BINARY_DIR})
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libprotobuf-dev, python3-protobuf")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-pandas")
set(CPACK_GENERATOR DEB)
include(CPack)
