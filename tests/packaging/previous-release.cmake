# A CPack pre-build script (deb-build.sh): after CPack has staged the
# current programs, puts the previous release's in their place, stripped as
# CPack strips, before the package's md5sums and dependencies are computed.
#   -D OW_PREVIOUS_DIR=<folder of onewindow and onewindow-admin>
#   -D OW_STRIP=<strip>
foreach(_program onewindow onewindow-admin)
  set(_staged ${CPACK_TEMPORARY_INSTALL_DIRECTORY}${CPACK_PACKAGING_INSTALL_PREFIX}/bin/${_program})
  if(NOT EXISTS ${_staged} OR NOT EXISTS ${OW_PREVIOUS_DIR}/${_program})
    message(FATAL_ERROR "previous release: ${_staged} or ${OW_PREVIOUS_DIR}/${_program} is missing")
  endif()
  execute_process(COMMAND ${OW_STRIP} -o ${_staged} ${OW_PREVIOUS_DIR}/${_program}
                  RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "previous release: ${OW_STRIP} ${_program} failed (${_rc})")
  endif()
endforeach()
