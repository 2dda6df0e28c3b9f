# The Debian package, built and checked by the test command:
#   deb_build     (FIXTURES_SETUP deb)     deb-build.sh: cpack twice, the current
#                                          version and a previous release (its
#                                          programs built below) for the upgrade
#   packaging: ...(FIXTURES_REQUIRED deb)  contents, control fields, lintian,
#                                          desktop entry and metainfo; as root also
#                                          installing, starting, upgrading, removing
# Included from tests/CMakeLists.txt.

set(OW_DEB_DIR ${CMAKE_CURRENT_BINARY_DIR}/deb)
# Sorts before the current version ("~"), whatever that is.
set(OW_DEB_OLDER_VERSION "${PROJECT_VERSION}~prev")

# The older package holds a previous release: the same programs built with
# the local migrations that release had, up to 008 (store schema 8: the
# intake writes the call-back of a proxy case, 008), so that the upgrade
# migrates a store written by it (009 adds the sampling tables and the
# indexes of the statistics). Intake, `case show` and the workbench's start
# touch no table of a later migration.
set(OW_PREVIOUS_SCHEMA 8)
set(OW_PREVIOUS_DIR ${CMAKE_CURRENT_BINARY_DIR}/previous-release)
file(GLOB _ow_migrations CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/db/local/*.sql)
set(_ow_previous_migrations)
foreach(_m IN LISTS _ow_migrations)
  get_filename_component(_name ${_m} NAME)
  string(REGEX MATCH "^[0-9]+" _n ${_name})
  if(_n AND _n LESS_EQUAL OW_PREVIOUS_SCHEMA)
    list(APPEND _ow_previous_migrations ${_m})
  endif()
endforeach()
add_library(ow_previous_local_migrations OBJECT)
target_link_libraries(ow_previous_local_migrations PRIVATE Qt6::Core)
qt_add_resources(ow_previous_local_migrations "previous_local_migrations" PREFIX "/db/local"
                 BASE ${PROJECT_SOURCE_DIR}/db/local FILES ${_ow_previous_migrations})
foreach(_program onewindow onewindow-admin)
  set(_objects onewindow_gui_objects)
  if(_program STREQUAL "onewindow-admin")
    set(_objects onewindow_admin_objects)
  endif()
  add_executable(ow_previous_${_program})
  target_link_libraries(ow_previous_${_program} PRIVATE ${_objects} ow_previous_local_migrations)
  set_target_properties(ow_previous_${_program} PROPERTIES
      ONEWINDOW_OWN_LOCAL_MIGRATIONS ON
      OUTPUT_NAME ${_program}
      RUNTIME_OUTPUT_DIRECTORY ${OW_PREVIOUS_DIR})
endforeach()

add_test(NAME deb_build
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/packaging/deb-build.sh ${CMAKE_CPACK_COMMAND}
                 ${PROJECT_BINARY_DIR} ${OW_DEB_DIR} ${OW_DEB_OLDER_VERSION}
                 ${CMAKE_CURRENT_SOURCE_DIR}/packaging/previous-release.cmake ${OW_PREVIOUS_DIR}
                 ${CMAKE_STRIP})
set_tests_properties(deb_build PROPERTIES FIXTURES_SETUP deb TIMEOUT 300)

file(GLOB _ow_packaging_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/packaging/*.cpp
                                                ${CMAKE_CURRENT_SOURCE_DIR}/packaging/*.h)
add_executable(ow_packaging_tests ${_ow_packaging_sources})
onewindow_strict(ow_packaging_tests)
target_link_libraries(ow_packaging_tests PRIVATE ow_test_support)
add_dependencies(ow_packaging_tests onewindow-admin onewindow onewindow_package_files
                 ow_previous_onewindow ow_previous_onewindow-admin)
target_compile_definitions(ow_packaging_tests PRIVATE
    OW_DEB_DIR="${OW_DEB_DIR}"
    OW_PREVIOUS_SCHEMA=${OW_PREVIOUS_SCHEMA}
    OW_DEB_VERSION="${ONEWINDOW_DEB_VERSION}"
    OW_DEB_OLDER_VERSION="${OW_DEB_OLDER_VERSION}-${ONEWINDOW_DEB_RELEASE}")

# Installing a package system-wide needs root. Elsewhere those tests are not
# registered at all (never counted as passing); CI runs as root.
execute_process(COMMAND id -u OUTPUT_VARIABLE _ow_uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(_ow_uid STREQUAL "0")
  set(_ow_deb_spec "")
else()
  set(_ow_deb_spec "~[install]")
  message(WARNING "Not running as root: the tests that install the Debian package "
                  "(packaging: ... [install]) are not registered. Run the tests as root "
                  "to check installing, upgrading and removing the package.")
endif()
catch_discover_tests(ow_packaging_tests TEST_SPEC ${_ow_deb_spec} TEST_PREFIX "packaging: "
                     EXTRA_ARGS --warn NoTests)

# Properties from a file CTest reads after Catch's list (see SyncTests.cmake):
# the environment, the package fixture, and one lock for the tests that
# install the package so they never run at the same time.
set(_ow_deb_props ${CMAKE_CURRENT_BINARY_DIR}/ow_packaging_tests_properties.cmake)
file(WRITE ${_ow_deb_props}
     "if(DEFINED ow_packaging_tests_TESTS)\n"
     "  set_tests_properties(\${ow_packaging_tests_TESTS} PROPERTIES\n"
     "    ENVIRONMENT [==[${OW_TEST_ENV}]==]\n"
     "    FIXTURES_REQUIRED deb TIMEOUT 300)\n"
     "  foreach(_t IN LISTS ow_packaging_tests_TESTS)\n"
     "    if(_t MATCHES \"^packaging: *installed package\")\n"
     "      set_tests_properties(\${_t} PROPERTIES RESOURCE_LOCK onewindow_deb_install)\n"
     "    endif()\n"
     "  endforeach()\n"
     "endif()\n")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${_ow_deb_props})
