# Sync tests run against a real PostgreSQL 15 server that CTest starts for
# them and removes after them (tests/sync/README.md):
#   pg_start  (FIXTURES_SETUP pg)    pg-cluster.sh start: initdb, free loopback port
#   sync: ... (FIXTURES_REQUIRED pg) one CTest test per TEST_CASE
#   pg_stop   (FIXTURES_CLEANUP pg)  pg-cluster.sh stop: also runs when tests failed
# Included from tests/CMakeLists.txt.

set(OW_PG_DIR ${CMAKE_CURRENT_BINARY_DIR}/sync-pg)
set(OW_PG_SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/sync/pg-cluster.sh)

add_test(NAME pg_start COMMAND bash ${OW_PG_SCRIPT} start ${OW_PG_DIR})
set_tests_properties(pg_start PROPERTIES FIXTURES_SETUP pg TIMEOUT 180)
add_test(NAME pg_stop COMMAND bash ${OW_PG_SCRIPT} stop ${OW_PG_DIR})
set_tests_properties(pg_stop PROPERTIES FIXTURES_CLEANUP pg TIMEOUT 180)

onewindow_test_group(ow_sync_tests sync FIXTURES_REQUIRED pg)

# catch_discover_tests() flattens its PROPERTIES into one list, so a list
# value (ENVIRONMENT with several variables) arrives cut into pieces: only
# its first variable is set. The discovered sync tests get their properties
# again here, from a file CTest reads after Catch's list of tests.
if(TARGET ow_sync_tests)
  set(_ow_sync_env ${OW_TEST_ENV} "ONEWINDOW_TEST_PG_ENV=${OW_PG_DIR}/pg.env")
  set(_ow_sync_props ${CMAKE_CURRENT_BINARY_DIR}/ow_sync_tests_properties.cmake)
  file(WRITE ${_ow_sync_props}
       "if(DEFINED ow_sync_tests_TESTS)\n"
       "  set_tests_properties(\${ow_sync_tests_TESTS} PROPERTIES\n"
       "    ENVIRONMENT [==[${_ow_sync_env}]==]\n"
       "    FIXTURES_REQUIRED pg)\n"
       "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${_ow_sync_props})
endif()
